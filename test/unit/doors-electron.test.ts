/**
 * Contract tests for the Electron door. Only the 'electron' module is mocked (its binary cannot
 * run here); the IPC wiring runs over a real core on a real SQLite file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { METHOD_NAMES, type Envelope, type SessionView } from '../../shared/contract';
import { translator } from '../../shared/i18n';
import { openCore, type Core } from '../../electron/services/core';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../electron/main/ipc';
import {
  contentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedSender,
  windowOpenDecision,
  withCspHeader,
} from '../../electron/main/security';

/**
 * A stand-in for the parts of 'electron' the preload and the main process touch. It records what
 * the shell asks for, so the tests can replay Electron's events against the real wiring.
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: never[]) => unknown;
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
    }
  }
  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeWindow extends Emitter {
    static all: FakeWindow[] = [];
    readonly webContents = new FakeWebContents();
    loaded: { file?: string; url?: string } = {};
    focused = 0;
    restored = 0;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      FakeWindow.all.push(this);
    }
    loadFile(file: string) {
      this.loaded = { file };
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      return Promise.resolve();
    }
    isMinimized() {
      return true;
    }
    restore() {
      this.restored++;
    }
    focus() {
      this.focused++;
    }
    show() {}
  }
  const state = {
    gotLock: true,
    paths: new Map<string, string>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    errorBoxes: [] as [string, string][],
    exitCodes: [] as number[],
    quits: 0,
    sandboxEnabled: 0,
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string) => boolean),
    devicePermission: null as null | (() => boolean),
    headersReceived: null as
      | null
      | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    getAppPath: () => process.cwd(),
    getPath: (name: string) => state.paths.get(name) ?? `/nonexistent/${name}`,
    setPath: (name: string, value: string) => void state.paths.set(name, value),
    requestSingleInstanceLock: () => state.gotLock,
    enableSandbox: () => void state.sandboxEnabled++,
    whenReady: () => Promise.resolve(),
    quit: () => void state.quits++,
    exit: (code: number) => void state.exitCodes.push(code),
  });
  const reset = () => {
    app.listeners.clear();
    FakeWindow.all = [];
    Object.assign(state, {
      gotLock: true,
      paths: new Map(),
      ipcHandlers: new Map(),
      errorBoxes: [],
      exitCodes: [],
      quits: 0,
      sandboxEnabled: 0,
      permissionRequest: null,
      permissionCheck: null,
      devicePermission: null,
      headersReceived: null,
    });
  };
  return {
    state,
    reset,
    app,
    FakeWindow,
    FakeWebContents,
    exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
    invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
  app: electron.app,
  BrowserWindow: electron.FakeWindow,
  dialog: { showErrorBox: (title: string, content: string) => void electron.state.errorBoxes.push([title, content]) },
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) =>
      void electron.state.ipcHandlers.set(channel, listener),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof electron.state.permissionRequest) => {
        electron.state.permissionRequest = h;
      },
      setPermissionCheckHandler: (h: typeof electron.state.permissionCheck) => {
        electron.state.permissionCheck = h;
      },
      setDevicePermissionHandler: (h: typeof electron.state.devicePermission) => {
        electron.state.devicePermission = h;
      },
      webRequest: {
        onHeadersReceived: (h: typeof electron.state.headersReceived) => {
          electron.state.headersReceived = h;
        },
      },
    },
  },
}));

const sorted = (names: readonly string[]) => [...names].sort();

const APP_URL = pathToFileURL(join(tmpdir(), 'Callcard app', 'out', 'renderer', 'index.html')).href;

describe('preload', () => {
  test("exposes exactly 'callcard' with one function per contract method, each on its own channel", async () => {
    await import('../../electron/preload/index');

    expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.exposeInMainWorld.mock.calls[0];
    expect(key).toBe('callcard');
    const bridge = api as Record<string, unknown>;
    expect(sorted(Object.keys(bridge))).toEqual(sorted(METHOD_NAMES));

    for (const name of METHOD_NAMES) {
      const fn = bridge[name];
      expect(typeof fn, name).toBe('function');
      electron.invoke.mockClear();
      const args = { probe: name };
      const result = await (fn as (a: unknown) => Promise<unknown>)(args);
      expect(electron.invoke).toHaveBeenCalledTimes(1);
      expect(electron.invoke).toHaveBeenCalledWith(name, args);
      expect(result).toEqual({ ok: true, value: { channel: name, args } });
    }
  });
});

describe('registerIpc over a real core', () => {
  type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.();
  });

  function setup() {
    const dataDir = mkdtempSync(join(tmpdir(), 'callcard-ipc-'));
    const core: Core = openCore({ dataDir });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => core.close());
    const channels = new Map<string, Listener>();
    const ipc: IpcMainLike = {
      handle(channel, listener) {
        if (channels.has(channel)) throw new Error(`second handler for ${channel}`);
        channels.set(channel, listener);
      },
    };
    const registered = registerIpc(ipc, core.handlers, {
      isTrustedSender: (url) => isTrustedSender(url, APP_URL),
      translate: core.t,
      report: core.reportInternal,
    });
    const call = async (channel: string, args: unknown, frameUrl: string | null = APP_URL) => {
      const listener = channels.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      const event: IpcEventLike = { senderFrame: frameUrl === null ? null : { url: frameUrl } };
      return (await listener(event, args)) as Envelope<unknown>;
    };
    return { core, channels, registered, call };
  }

  test('registers exactly the contract methods, one channel each', () => {
    const { channels, registered } = setup();
    expect(sorted(registered)).toEqual(sorted(METHOD_NAMES));
    expect(sorted([...channels.keys()])).toEqual(sorted(METHOD_NAMES));
  });

  test('a valid call returns ok with the core result', async () => {
    const { call } = setup();
    const res = await call('getSession', {});
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const session = res.value as SessionView;
    expect(session.setupDone).toBe(false);
    expect(session.agent).toBeNull();
  });

  test('invalid arguments come back as a translated invalid_arguments error', async () => {
    const { call, core } = setup();
    const res = await call('getOrder', { orderNo: 42, dropTables: true });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_arguments');
    expect(res.error.params.method).toBe('getOrder');
    expect(res.error.message.trim()).not.toBe('');
    // Translated, in the store's language, not the bare key.
    expect(res.error.message).not.toContain('errors.invalid_arguments');
    expect(res.error.message).toBe(core.t('errors.invalid_arguments', res.error.params));
    expect(res.error.message).toContain('getOrder');
  });

  test('a call from a foreign or missing frame is refused and never reaches the core', async () => {
    const { call, core } = setup();
    const spies = METHOD_NAMES.map((name) => vi.spyOn(core.handlers, name));
    const setupArgs = { agentName: '王小丽', shopName: '好物优选旗舰店', language: 'zh-CN' };

    const foreign = [
      'https://evil.example/',
      'http://localhost:5173/',
      pathToFileURL(join(tmpdir(), 'elsewhere', 'index.html')).href,
      'about:blank',
      'not a url',
    ];
    for (const url of foreign) {
      const res = await call('completeSetup', setupArgs, url);
      expect(res, url).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
      if (!res.ok) expect(res.error.message).not.toContain('errors.');
    }
    const frameless = await call('getSession', {}, null);
    expect(frameless).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });

    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const after = await call('getSession', {});
    expect(after.ok && (after.value as SessionView).setupDone).toBe(false);
  });

  test('the app page with a hash route is still trusted', async () => {
    const { call } = setup();
    const res = await call('getSession', {}, `${APP_URL}#/orders`);
    expect(res.ok).toBe(true);
  });
});

describe('security decisions', () => {
  test('the packaged binary is no Node runtime and loads only its own checked archive (fuses)', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const config = parse(readFileSync(resolve('electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean>; asar?: boolean };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Nothing in the main process forks itself as Node (which runAsNode: false would break).
    const { execSync } = await import('node:child_process');
    expect(execSync("grep -rlE 'child_process|\\bfork\\(|utilityProcess' electron/main electron/services || true", { encoding: 'utf8' }).trim()).toBe('');
  });

  test('the CSP allows only the app itself and never eval', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  test('the meta-tag CSP drops only frame-ancestors, which a meta tag cannot carry', () => {
    const header = contentSecurityPolicy().split('; ');
    const meta = contentSecurityPolicy({ forMeta: true }).split('; ');
    expect(header.filter((d) => !meta.includes(d))).toEqual(["frame-ancestors 'none'"]);
  });

  test('the dev-server CSP loosens script-src and connect-src for that origin only', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
    expect(csp).not.toContain('unsafe-eval');
  });

  test('withCspHeader replaces any CSP the response brought, whatever its casing', () => {
    const out = withCspHeader(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  test("isTrustedSender accepts the app's own page and nothing else", () => {
    expect(isTrustedSender(APP_URL, APP_URL)).toBe(true);
    expect(isTrustedSender(`${APP_URL}?x=1#/work`, APP_URL)).toBe(true);
    expect(isTrustedSender('https://evil.example/index.html', APP_URL)).toBe(false);
    expect(isTrustedSender(APP_URL.replace('index.html', 'other.html'), APP_URL)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', APP_URL)).toBe(false);
    expect(isTrustedSender('', APP_URL)).toBe(false);
    expect(isTrustedSender('javascript:alert(1)', APP_URL)).toBe(false);

    const win = 'file:///C:/Users/%E7%8E%8B/AppData/Local/Programs/Callcard/resources/app.asar/out/renderer/index.html';
    expect(isTrustedSender(win, win)).toBe(true);
    expect(isTrustedSender(win.replace('Callcard', 'Evil'), win)).toBe(false);

    const dev = 'http://localhost:5173/';
    expect(isTrustedSender('http://localhost:5173/#/orders', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender(APP_URL, dev)).toBe(false);
  });

  test('navigation stays on the app page; new windows and permissions are refused', () => {
    expect(isNavigationAllowed('https://example.com/', APP_URL)).toBe(false);
    expect(isNavigationAllowed(`${APP_URL}#/orders`, APP_URL)).toBe(true);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(isPermissionGranted(p), p).toBe(false);
    }
  });
});

describe('main process shell (electron/main/index.ts) against the fake electron', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcard-shell-'));
    dirs.push(dir);
    return dir;
  };
  const saved = { ...process.env };

  beforeEach(() => {
    electron.reset();
    electron.app.isPackaged = false;
    vi.resetModules(); // every test boots the shell afresh
    delete process.env.ELECTRON_RENDERER_URL;
    delete process.env.CALLCARD_DATA_DIR;
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    electron.app.emit('will-quit', {}); // closes the core the shell opened
    process.env = { ...saved };
    vi.restoreAllMocks();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** Boots the shell and waits until it either shows its window or gives up. */
  async function boot(dataDir: string) {
    process.env.CALLCARD_DATA_DIR = dataDir;
    await import('../../electron/main/index');
    await vi.waitFor(() => {
      if (electron.FakeWindow.all.length === 0 && electron.state.exitCodes.length === 0) throw new Error('not started');
    });
    const win = electron.FakeWindow.all[0];
    const appUrl = win?.loaded.file ? pathToFileURL(win.loaded.file).href : (win?.loaded.url ?? '');
    const invoke = async (channel: string, args: unknown, url = appUrl) => {
      const handler = electron.state.ipcHandlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return (await handler({ senderFrame: { url } }, args)) as Envelope<unknown>;
    };
    return { win, appUrl, invoke };
  }

  test('opens one sandboxed window over the core in CALLCARD_DATA_DIR', async () => {
    const dataDir = tempDir();
    const { win, invoke } = await boot(dataDir);

    expect(electron.state.paths.get('userData')).toBe(resolve(dataDir));
    expect(electron.state.sandboxEnabled).toBe(1);
    expect(existsSync(join(dataDir, 'callcard.db'))).toBe(true);
    expect(electron.FakeWindow.all).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded.file).toMatch(/renderer[\\/]index\.html$/);

    expect(sorted([...electron.state.ipcHandlers.keys()])).toEqual(sorted(METHOD_NAMES));
    expect(await invoke('getSession', {})).toMatchObject({ ok: true, value: { setupDone: false } });
    expect(await invoke('getSession', {}, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });
  });

  test('guards every webContents, the session permissions, the CSP header and the single instance', async () => {
    const { win, appUrl } = await boot(tempDir());
    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const prevented = (event: string, url: string) => {
      let blocked = false;
      contents.emit(event, { url, preventDefault: () => (blocked = true) });
      return blocked;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-redirect', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', `${appUrl}#/orders`)).toBe(false);
    expect(prevented('will-attach-webview', appUrl)).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const granted: boolean[] = [];
    electron.state.permissionRequest?.({}, 'media', (g) => granted.push(g));
    electron.state.permissionRequest?.({}, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(electron.state.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    expect(electron.state.devicePermission?.()).toBe(false);

    let response: unknown;
    electron.state.headersReceived?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'content-type': ['text/html'] } },
      (r) => (response = r),
    );
    expect(response).toEqual({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] },
    });

    electron.app.emit('second-instance', {}, [], '/', {});
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
  });

  test('an unpackaged app follows ELECTRON_RENDERER_URL; a packaged one ignores it', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    const dev = await boot(tempDir());
    expect(dev.win.loaded).toEqual({ url: 'http://localhost:5173' });
    expect(await dev.invoke('getSession', {}, 'http://localhost:5173/#/work')).toMatchObject({ ok: true });

    electron.app.emit('will-quit', {});
    electron.reset();
    vi.resetModules();
    electron.app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: tempDir(), configurable: true });
    try {
      const packaged = await boot(tempDir());
      expect(packaged.win.loaded.file).toMatch(/renderer[\\/]index\.html$/);
      expect(await packaged.invoke('getSession', {}, 'http://localhost:5173/')).toMatchObject({
        ok: false,
        error: { code: 'untrusted_sender' },
      });
    } finally {
      Reflect.deleteProperty(process, 'resourcesPath');
    }
  });

  test('closing on quit closes the core; a late call still gets an envelope', async () => {
    const dataDir = tempDir();
    const { invoke } = await boot(dataDir);
    electron.app.emit('will-quit', {});
    const late = await invoke('getSession', {});
    expect(late).toMatchObject({ ok: false, error: { code: 'internal' } });
    // The window is told a reference, not the store's own words; the log under the data folder has both.
    const error = (late as unknown as { error: { params: { ref: string }; message: string } }).error;
    expect(error.params.ref).toMatch(/^[0-9A-F]{6}$/);
    expect(error.message).toContain(error.params.ref);
    expect(error.message).not.toMatch(/database|connection/i);
    const log = readFileSync(join(dataDir, 'logs', 'errors.log'), 'utf8');
    expect(log).toContain(`${error.params.ref} getSession`);
    expect(log).toMatch(/database connection is not open/);
  });

  test('a store it must not open: translated error box, exit code 1, no window, no IPC', async () => {
    const dataDir = tempDir();
    const core = openCore({ dataDir });
    core.ctx.db
      .prepare("INSERT INTO _migrations (id, name, hash, applied_at) VALUES (9999, 'future', 'x', '2030-01-01')")
      .run();
    core.close();

    await boot(dataDir);
    expect(electron.state.exitCodes).toEqual([1]);
    expect(electron.FakeWindow.all).toHaveLength(0);
    expect(electron.state.ipcHandlers.size).toBe(0);
    expect(electron.state.errorBoxes).toEqual([
      ['Callcard', translator('zh-CN')('errors.store_newer', { migration: 9999 })],
    ]);
    expect(electron.state.errorBoxes[0][1]).not.toContain('errors.');
  });

  test('without the single-instance lock it quits before opening anything', async () => {
    electron.state.gotLock = false;
    const dataDir = tempDir();
    process.env.CALLCARD_DATA_DIR = dataDir;
    await import('../../electron/main/index');
    await new Promise((r) => setTimeout(r, 20));
    expect(electron.state.quits).toBe(1);
    expect(electron.FakeWindow.all).toHaveLength(0);
    expect(electron.state.ipcHandlers.size).toBe(0);
    expect(existsSync(join(dataDir, 'callcard.db'))).toBe(false);
  });
});
