/**
 * The rows an import could not take, as a CSV to fix and import again: the file's own columns as
 * written, then the row number and the reason. Excel-safe (the caller saves it with a BOM; cells
 * that would start a formula get an apostrophe, which the importer removes again).
 */
import type { RejectedRowsCsv } from '../../../shared/contracts/intake';
import type { Translate } from '../../../shared/dispatch';
import { CallcardError } from '../../../shared/errors';
import type { Db } from '../db/open';

/** Rows per page: a page stays a few MB even for wide exports. */
export const REJECTED_PAGE = 20_000;

/** One CSV cell, quoted when needed, with formula injection neutralised. */
export function csvCell(value: string): string {
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function rejectedRowsCsv(db: Db, runId: string, t: Translate, offset = 0, limit = REJECTED_PAGE): RejectedRowsCsv {
  const run = db.prepare('SELECT file_name, header FROM import_runs WHERE id = ?').get(runId) as { file_name: string; header: string } | undefined;
  if (!run) throw new CallcardError('import_not_found');
  const header = JSON.parse(run.header) as string[];
  const rows = db
    .prepare('SELECT row, field, code, cells FROM import_rejections WHERE run_id = ? ORDER BY row LIMIT ? OFFSET ?')
    .all(runId, limit + 1, offset) as { row: number; field: string; code: string; cells: string }[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const width = Math.max(header.length, ...page.map((r) => (JSON.parse(r.cells) as string[]).length));
  const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')];
  let csv = offset === 0 ? csvLine([...pad(header), t('intake.csv.row'), t('intake.csv.reason')]) : '';
  for (const r of page) {
    const reason = t(`intake.reasons.${r.code}`, { field: t(`intake.fields.${r.field}`) });
    csv += csvLine([...pad(JSON.parse(r.cells) as string[]), String(r.row), reason]);
  }
  const base = run.file_name.replace(/\.(csv|txt|xlsx)$/i, '');
  return { fileName: `${base}-rejected.csv`, csv, rows: page.length, nextOffset: more ? offset + limit : null };
}
