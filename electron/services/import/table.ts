import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CallcardError } from '../../../shared/errors';
import { decodeText, sniffFile } from './decode';
import { cellValue, type Cell } from './source';

export type { Cell };

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
