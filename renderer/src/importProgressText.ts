/** What the running import's status line says, as an i18n key and its values (pure: unit-tested). */
import type { ImportProgress } from '../../shared/contracts/intake';

export interface ProgressLine {
  key: 'intake.progress.rows' | 'intake.progress.rowsEstimate' | 'intake.progress.finishing';
  params: { done?: number; total?: number | null };
  /** Whether the rows-per-second figure still means something. */
  showRate: boolean;
}

export function progressLine(p: Pick<ImportProgress, 'state' | 'rowsDone' | 'rowsTotal' | 'rowsTotalExact'>): ProgressLine {
  const total = p.rowsTotal;
  // Every row written, the import still running: the risk screen and the commit (seconds on a big file).
  if (p.state === 'running' && p.rowsTotalExact && total !== null && p.rowsDone >= total) {
    return { key: 'intake.progress.finishing', params: { total }, showRate: false };
  }
  if (total === null) return { key: 'intake.progress.rows', params: { done: p.rowsDone, total: null }, showRate: true };
  return { key: p.rowsTotalExact ? 'intake.progress.rows' : 'intake.progress.rowsEstimate', params: { done: p.rowsDone, total }, showRate: true };
}
