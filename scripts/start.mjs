#!/usr/bin/env node
/**
 * `npm start`: build and run the desktop app, if this machine has an Electron binary.
 *
 * The binary is located the way electron@45's index.js does it, but without requiring that file:
 * requiring it downloads the binary when missing, which hangs or fails on an offline machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The executable's path inside an Electron dist folder, as electron's install.js names it. */
function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function electronPackageDir() {
  try {
    const require = createRequire(join(projectDir, 'package.json'));
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Returns the Electron executable to run, or null when none is on disk.
 * Order as in electron/index.js: ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron/dist.
 * @returns {string | null}
 */
export function findElectronBinary(env = process.env) {
  const electronDir = electronPackageDir();
  const pathFile = electronDir ? join(electronDir, 'path.txt') : null;
  // path.txt is written by electron's installer once a binary has been unpacked.
  const relative = pathFile && existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidates = [];
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidates.push(join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron'));
    candidates.push(join(env.ELECTRON_OVERRIDE_DIST_PATH, platformExecutable()));
  } else if (electronDir) {
    candidates.push(join(electronDir, 'dist', relative || platformExecutable()));
  }
  return candidates.find((p) => existsSync(p)) ?? null;
}

function run() {
  const binary = findElectronBinary();
  if (!binary) {
    console.error(
      [
        'No Electron binary is available on this machine, so the desktop app cannot start here.',
        'Use the browser mode instead:  npm run web',
        '(Where an Electron binary exists, set ELECTRON_OVERRIDE_DIST_PATH to its folder.)',
        '',
        '本机没有可用的 Electron 可执行文件,无法启动桌面版。',
        '请改用浏览器模式:  npm run web',
        '(如有 Electron 可执行文件,请将 ELECTRON_OVERRIDE_DIST_PATH 设为其所在目录。)',
      ].join('\n'),
    );
    process.exit(1);
  }

  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: projectDir,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const child = spawn(binary, [projectDir, ...process.argv.slice(2)], { cwd: projectDir, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// Run only when executed, so tests and tools can import findElectronBinary.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) run();
