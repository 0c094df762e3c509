/**
 * One export of the busy day in a process of its own, for its peak memory: prints
 * {"ms":n,"peakMb":n} (peak RSS above the RSS just before the export). Used by export.bench.ts.
 * Usage: export-memory.ts ours-xlsx|ours-csv|raw-xlsx|raw-csv <data-dir> <out-dir>
 */
import { join } from 'node:path';
import { openCore } from '../electron/services/core';
import { oursCsv, oursXlsx, rawCsv, rawXlsx } from './export.bench';

const [mode, dataDir, outDir] = process.argv.slice(2);
const core = openCore({ dataDir, now: () => new Date('2026-11-20T12:00:00.000Z') });
try {
  const before = process.memoryUsage().rss;
  const start = performance.now();
  if (mode === 'ours-xlsx') await oursXlsx(core.ctx, join(outDir, 'mem.xlsx'));
  else if (mode === 'ours-csv') await oursCsv(core.ctx, outDir);
  else if (mode === 'raw-xlsx') await rawXlsx(core.ctx.db, join(outDir, 'mem-raw.xlsx'));
  else if (mode === 'raw-csv') await rawCsv(core.ctx.db, join(outDir, 'mem-raw.csv'));
  else throw new Error(`unknown mode ${mode}`);
  const peakKb = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ ms: Math.round(performance.now() - start), peakMb: Math.round(((peakKb * 1024 - before) / 1_048_576) * 10) / 10 }));
} finally {
  core.close();
}
