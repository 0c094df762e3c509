import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InternalReporter } from '../../shared/dispatch';

/** Where unexpected failures are written, under the data directory. */
export const ERROR_LOG = join('logs', 'errors.log');
/** Past this size the log starts afresh; the previous one is kept as errors.log.1. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * An unexpected failure (a bug, a broken disk) keeps its details on this machine: the SQL, the
 * paths and the stack go to <dataDir>/logs/errors.log and the console under a short reference,
 * and the window is told only the reference, to quote to whoever looks after the workstation.
 */
export function errorLog(dataDir: string, now: () => Date = () => new Date()): InternalReporter {
  const file = join(dataDir, ERROR_LOG);
  return (err, method) => {
    const ref = randomBytes(3).toString('hex').toUpperCase();
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`callcard: internal error ${ref}${method ? ` in ${method}` : ''}:`, err);
    try {
      mkdirSync(join(dataDir, 'logs'), { recursive: true });
      if (statSize(file) > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, `${now().toISOString()} ${ref}${method ? ` ${method}` : ''}\n${detail}\n\n`);
    } catch {
      // The disk itself may be the failure: the console line above is what is left.
    }
    return ref;
  };
}

function statSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
