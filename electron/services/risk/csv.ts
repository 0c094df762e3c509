/** CSV in (through the import's table reader: UTF-8, UTF-16, GBK, or XLSX) and out (for Excel on Windows). */
import type { Cell, SourceRow } from '../import/table';

/** A cell Excel would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
function escapeCell(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM and CRLF line ends: what Excel on Windows opens with Chinese intact. */
export function csvBytes(rows: string[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(escapeCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

export function cellText(c: Cell | undefined): string {
  if (c === undefined) return '';
  return c instanceof Date ? c.toISOString() : c.trim().replace(/^'(?=[=+\-@])/, '');
}

/**
 * Maps a header row onto field names by the aliases given (case and spaces ignored). Returns null
 * when the row names none of the fields (a file without a header).
 */
export function mapColumns<F extends string>(row: SourceRow, aliases: Record<F, string[]>): Partial<Record<F, number>> | null {
  const norm = (s: string) => s.replace(/[\s_\-()（）]/g, '').toLowerCase();
  const map: Partial<Record<F, number>> = {};
  row.cells.forEach((cell, i) => {
    const h = norm(cellText(cell));
    for (const [field, names] of Object.entries(aliases) as [F, string[]][]) {
      if (map[field] === undefined && names.some((n) => norm(n) === h)) map[field] = i;
    }
  });
  return Object.keys(map).length ? map : null;
}
