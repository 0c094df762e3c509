/**
 * `npm run web`: the workstation in a browser. Serves the built renderer and the core on
 * 127.0.0.1 only. Flags: --data-dir D (default ./.callcard-data), --port N (default 5178, 0 = any).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../services/core';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.callcard-data' },
    port: { type: 'string', default: process.env.CALLCARD_PORT ?? '5178' },
    static: { type: 'string', default: 'out/renderer' },
  },
});

const staticDir = resolve(values.static!);
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error(`The renderer is not built (${staticDir}). Run: npm run build:web`);
  process.exit(1);
}
const core = openCore({ dataDir: resolve(values['data-dir']!) });
const host = await startWebHost({ core, staticDir, port: Number(values.port) });
console.log(`Callcard web host: ${host.url}  (data: ${resolve(values['data-dir']!)})`);

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
