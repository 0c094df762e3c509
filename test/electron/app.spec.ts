/**
 * The built desktop app in a real Electron: the bridge, the sandbox, navigation and the CSP.
 * Runs only where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH); skips elsewhere.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { METHOD_NAMES } from '../../shared/contract';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Where electron@45's index.js would find the binary, without requiring it: requiring it starts a
 * download when the binary is missing. Mirrors findElectronBinary in scripts/start.mjs.
 */
function electronBinary(): string | null {
  let electronDir: string;
  try {
    electronDir = dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative || 'electron') : relative ? join(electronDir, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

const SKIP_REASON = 'No Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to run these)';
const binary = electronBinary();
test.skip(!binary, SKIP_REASON);
// The list reporter shows skipped tests without their reason; say it once, plainly.
if (!binary && !process.env.TEST_WORKER_INDEX) console.log(`\n[electron e2e] skipped: ${SKIP_REASON}\n`);

type WindowWithBridge = Window & { callcard?: Record<string, unknown> };

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'callcard-electron-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.ELECTRON_RENDERER_URL; // the built renderer, not a dev server
  env.CALLCARD_DATA_DIR = dataDir;
  // Launch the project folder: package.json "main" (out/main/index.js) and app.getAppPath() = ROOT.
  // Playwright resolves the binary through electron's index.js, which is safe now that it exists.
  app = await electron.launch({ args: [ROOT], cwd: ROOT, env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the window shows the built renderer from file://', async () => {
  expect(page.url()).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html/);
});

test('window.callcard exposes exactly the contract methods, and they reach the core', async () => {
  const keys = await page.evaluate(() => Object.keys((window as WindowWithBridge).callcard ?? {}).sort());
  expect(keys).toEqual([...METHOD_NAMES].sort());
  const session = await page.evaluate(async () => {
    const bridge = (window as WindowWithBridge).callcard as { getSession(a: object): Promise<unknown> };
    return bridge.getSession({});
  });
  expect(session).toMatchObject({ ok: true, value: { setupDone: false } });
});

test('the page has no Node: require and process are undefined', async () => {
  const types = await page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module };
  });
  expect(types).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('navigation away from the app is blocked', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => typeof (window as WindowWithBridge).callcard)).toBe('object');
});

test('window.open is refused', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('a strict CSP is in force', async () => {
  const meta = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
  );
  expect(meta).toContain("default-src 'self'");
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('unsafe-eval');
  // Enforced, not just present: an injected inline script must not run.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as Window & { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});
