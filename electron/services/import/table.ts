import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CallcardError } from '../../../shared/errors';
import { decodeText, sniffFile } from './decode';

/** A cell as read from a file: text, or a Date when the spreadsheet stored a date. */
export type Cell = string | Date;

export interface SourceRow {
  /** The row number a user sees in Excel (header included). */
  row: number;
  cells: Cell[];
}

export interface SourceTable {
  encoding: string;
  rows: SourceRow[];
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

export function readCsv(bytes: Uint8Array): SourceTable {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new CallcardError('import_empty_file');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (e) {
    throw new CallcardError('import_bad_csv', { detail: e instanceof Error ? e.message : String(e) });
  }
  return { encoding, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v == null) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result == null ? '' : cellValue(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

export async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<SourceTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new CallcardError('import_bad_xlsx', { detail: e instanceof Error ? e.message : String(e) });
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new CallcardError('import_no_sheet', { sheet: sheetName ?? '' });
  const rows: SourceRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = r.values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: index 0 is always empty.
    rows.push({ row: rowNumber, cells: values.slice(1).map(cellValue) });
  });
  return { encoding: 'xlsx', rows };
}

export async function readTable(bytes: Uint8Array): Promise<SourceTable> {
  return sniffFile(bytes) === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}
