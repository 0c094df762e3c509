/**
 * The Electron shell: one locked-down window over the workstation core. Everything that can be
 * decided without Electron lives in security.ts and ipc.ts (unit-tested); this file only wires.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, type WebContents } from 'electron';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LOCALE } from '../../shared/domain';
import { serializeError } from '../../shared/dispatch';
import { translator } from '../../shared/i18n';
import { openCore, type Core } from '../services/core';
import { registerIpc } from './ipc';
import {
  contentSecurityPolicy,
  isNavigationAllowed,
  isPermissionGranted,
  isDialUri,
  isTrustedSender,
  windowOpenDecision,
  withCspHeader,
} from './security';

const here = import.meta.dirname;
const preloadPath = join(here, '../preload/index.cjs');
const rendererIndex = join(here, '../renderer/index.html');

// A dev server URL is honoured only unpackaged: an environment variable must never point a
// shipped app at foreign code.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererUrl = devServerUrl ?? pathToFileURL(rendererIndex).href;
const csp = contentSecurityPolicy({ devServerOrigin: devServerUrl });

// Tests (and portable setups) point the whole profile, store included, at another folder. Must
// happen before the single-instance lock, which is keyed on userData.
if (process.env.CALLCARD_DATA_DIR) app.setPath('userData', resolve(process.env.CALLCARD_DATA_DIR));

app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function guardWebContents(contents: WebContents): void {
  const blockForeign = (event: { url: string; preventDefault(): void }) => {
    if (!isNavigationAllowed(event.url, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  // No <webview>: it would be a second, unguarded browser inside the app.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
}

function guardSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  ses.setDevicePermissionHandler(() => false);
  // Headers cover the dev server; file:// has no response headers, so the built index.html
  // carries the same policy in a <meta> tag (electron.vite.config.ts).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Callcard',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

/** The store refused to open (edited migration, newer store, disk...): say why, then quit. */
function failStartup(err: unknown): void {
  const t = core?.t ?? translator(DEFAULT_LOCALE);
  const { message } = serializeError(err, t);
  console.error('[callcard] startup failed:', err);
  dialog.showErrorBox('Callcard', message);
  // app.exit skips 'will-quit', so close the store here.
  core?.close();
  core = null;
  app.exit(1);
}

async function start(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  await app.whenReady();
  try {
    core = openCore({ dataDir: app.getPath('userData'), resourcesDir: resourcesDir() });
    guardSession();
    const opened = core;
    const handlers = {
      ...opened.handlers,
      // Click-to-dial opens the softphone through the platform's handler, telephony schemes only.
      dial: async (a: { taskId: string }) => {
        const r = await opened.handlers.dial(a);
        if (!isDialUri(r.uri)) return r;
        await shell.openExternal(r.uri);
        return { ...r, opened: true };
      },
    };
    registerIpc(ipcMain, handlers, {
      isTrustedSender: (url) => isTrustedSender(url, rendererUrl),
      translate: opened.t,
      report: opened.reportInternal,
    });
    mainWindow = createWindow();
  } catch (err) {
    failStartup(err);
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another Callcard already runs on this profile; it receives 'second-instance' and comes forward.
  app.quit();
} else {
  start().catch(failStartup);
}
