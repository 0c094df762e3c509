/**
 * A process that imports a file through the worker threads and says "writing" once rows are being
 * written, so that a test can kill it mid-transaction (a crash, power cut or task-manager kill).
 * Usage: tsx test/helpers/import-child.ts <dataDir> <file>
 */
import { openCore } from '../../electron/services/core';

const [dataDir, file] = process.argv.slice(2);
const core = openCore({ dataDir, importInlineMaxBytes: 0 });
const started = await core.intake.startUpload(core.intake.uploads.fromPath(file, 'crash.csv'));
for (;;) {
  const p = await core.intake.jobs.progress(started.importId, 5000);
  if (p.state !== 'running') {
    process.stdout.write(`ended ${p.state}\n`);
    break;
  }
  if (p.rowsDone > 0) {
    process.stdout.write('writing\n');
    break;
  }
}
// Keep importing until killed.
await core.intake.jobs.wait(started.importId);
