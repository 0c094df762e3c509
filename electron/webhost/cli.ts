/**
 * `npm run web`: the workstation in a browser. Serves the built renderer and the core on
 * 127.0.0.1 only. Flags: --data-dir D (default ./.callcard-data), --port N (default 5178, 0 = any).
 * Every way it cannot start ends with one plain line saying why and what to do, and exit code 1
 * (2 for a wrong command line); never with a stack trace.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../services/core';
import type { WebHost } from './server';

const USAGE = `Usage: npm run web -- [--data-dir D] [--port N]

Serves the workstation to a browser on this computer only (http://127.0.0.1:N/). It prints a
link with an access key (kept in D/webhost.key): open it once and the browser remembers it.
  --data-dir D   where the store lives (default ./.callcard-data; created when missing)
  --port N       the port (default 5178, or CALLCARD_PORT; 0 picks a free one)
  --static D     the built renderer (default out/renderer; npm run web builds it)
  -h, --help     this text`;

function fail(message: string, code = 1): never {
  console.error(`callcard web: ${message}`);
  process.exit(code);
}

function args() {
  try {
    return parseArgs({
      options: {
        'data-dir': { type: 'string', default: '.callcard-data' },
        port: { type: 'string', default: process.env.CALLCARD_PORT ?? '5178' },
        static: { type: 'string', default: 'out/renderer' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`, 2);
  }
}

const values = args();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!/^\d+$/.test(values.port!) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}".`, 2);

const staticDir = resolve(values.static!);
if (!existsSync(resolve(staticDir, 'index.html'))) fail(`the renderer is not built (${staticDir}). Run: npm run build:web`);

const dataDir = resolve(values['data-dir']!);
if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) fail(`--data-dir ${dataDir} is a file, not a folder. Give a folder (it is created when missing).`, 2);
// The core is loaded only once the command line is known to be right: mistakes are told at once.
const { openCore } = await import('../services/core');
const { ACCESS_KEY_FORM, newAccessKey, startWebHost } = await import('./server');
let core: Core;
try {
  core = openCore({ dataDir });
} catch (e) {
  fail(`cannot open the store in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
}
/**
 * The browser's access key lives with the store (readable only by this user): the same link works
 * after a restart, and a browser that opened it once keeps working.
 */
function accessKey(): string {
  const file = join(dataDir, 'webhost.key');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (ACCESS_KEY_FORM.test(kept)) return kept;
  } catch {
    // none yet
  }
  const key = newAccessKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
let host: WebHost;
try {
  host = await startWebHost({ core, staticDir, port, key: accessKey() });
} catch (e) {
  core.close();
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${port} is already in use (is another Callcard web host running?). Choose another with --port N, or --port 0 for any free port.`);
  fail(`cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`);
}
console.log(`Callcard web host: ${host.openUrl}  (data: ${dataDir})`);
console.log('Open that link once in your browser; it then remembers it (the link without the key shows a page saying so).');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  const exit = () => {
    core.close();
    process.exit(0);
  };
  // Whatever still holds the server open, the store is closed cleanly and the host exits.
  setTimeout(exit, 2000).unref();
  void host.close().finally(exit);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
