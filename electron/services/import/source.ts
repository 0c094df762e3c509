/**
 * Reading an export file as rows of cells, streamed: CSV in any of the encodings Chinese shop
 * back-ends write (UTF-8 with or without BOM, UTF-16 by BOM, GBK/GB18030), and XLSX (any sheet).
 * Nothing here holds a whole file in memory; a file that cannot be read is refused with a
 * CallcardError that says why.
 */
import { parse as parseCsv, type Parser } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { CallcardError } from '../../../shared/errors';
import { verifyZip } from './zip';

/** A cell as read from a file: text, or a Date when the spreadsheet stored a date. */
export type Cell = string | Date;

export interface SourceRow {
  /** The row number a user sees in Excel (a quoted line break does not start a new row). */
  row: number;
  cells: Cell[];
}

export type FileType = 'csv' | 'xlsx';

export interface SourceInfo {
  type: FileType;
  /** 'utf-8', 'utf-16le', 'utf-16be', 'gb18030' or 'xlsx'. */
  encoding: string;
  delimiter: string | null;
  size: number;
}

/** Files of 2 GB and more are refused before a byte is parsed (exports are split far below that). */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;
/** Bytes looked at to tell the encoding (a header row and a good number of data rows). */
const SAMPLE_BYTES = 1 << 20;
/** One record longer than this is not an order: a binary or broken file (bounded memory). */
const MAX_RECORD_CHARS = 1 << 20;

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** What kind of file this is, by its bytes (never its name); refuses what cannot be read at all. */
export async function sniffFile(path: string): Promise<{ type: FileType; size: number; head: Buffer }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CallcardError('file_unreadable', { file: path });
  }
  if (size >= MAX_IMPORT_BYTES) throw new CallcardError('import_too_large');
  if (size === 0) throw new CallcardError('import_empty_file');
  const head = await readAt(path, 0, Math.min(size, SAMPLE_BYTES));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    await checkZipComplete(path, size);
    return { type: 'xlsx', size, head };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new CallcardError('import_xls_unsupported');
  return { type: 'csv', size, head };
}

/**
 * A ZIP ends with its central directory. A streaming reader would otherwise import the rows of a
 * cut-off download up to where it was cut, so the end is checked first.
 */
async function checkZipComplete(path: string, size: number): Promise<void> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(path, size - tailLength, tailLength);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) return;
  }
  throw new CallcardError('import_xlsx_truncated');
}

function utf8Prefix(sample: Buffer, complete: boolean): Buffer {
  if (complete) return sample;
  // A sample cut mid-character is not invalid UTF-8: drop the trailing partial sequence.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end -= back;
    break;
  }
  return sample.subarray(0, end);
}

/**
 * The text encoding of an export: UTF-8 (BOM or valid), UTF-16 (by BOM), otherwise GB18030 (a
 * superset of GBK, which Chinese Excel writes by default). Binary content is refused.
 */
export function detectEncoding(sample: Buffer, complete: boolean): { encoding: string; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const head = sample.subarray(0, 8192);
  let controls = 0;
  for (const b of head) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  if (controls > 0 && controls / head.length > 0.01) throw new CallcardError('import_not_text');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(utf8Prefix(sample, complete));
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** A strict UTF-8 decoder: a file that turns out not to be UTF-8 after the sample is refused, not garbled. */
function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new CallcardError('import_mixed_encoding'));
      }
    },
    flush(done) {
      try {
        const rest = decoder.decode();
        done(null, rest || undefined);
      } catch {
        done(new CallcardError('import_mixed_encoding'));
      }
    },
  });
}

function decoderFor(encoding: string): Transform {
  return encoding === 'utf-8' ? utf8Decoder() : (iconv.decodeStream(encoding) as unknown as Transform);
}

/** The delimiter the first lines use most (a title row above the header may have none). */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20);
  let best: [string, number] = [',', 0];
  for (const d of [',', '\t', ';', '|']) {
    const most = Math.max(0, ...lines.map((l) => l.split(d).length - 1));
    if (most > best[1]) best = [d, most];
  }
  return best[0];
}

export interface OpenOptions {
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string | null;
  /** Called with the number of file bytes read so far. */
  onBytes?: (bytes: number) => void;
}

export interface OpenedSource {
  info: SourceInfo;
  /** XLSX: every sheet's name, once known (after the first sheet was reached). */
  sheets(): string[];
  /** The sheet being read (XLSX). */
  sheet(): string | null;
  rows: AsyncIterable<SourceRow>;
  /** Stops reading and releases the file. */
  close(): void;
}

function countingStream(path: string, onBytes?: (n: number) => void, start = 0): Readable {
  const stream = createReadStream(path, { start, highWaterMark: 1 << 20 });
  if (onBytes) {
    let read = start;
    stream.on('data', (c: Buffer | string) => {
      read += c.length;
      onBytes(read);
    });
  }
  return stream;
}

/** Opens an export for reading, row by row. */
export async function openSource(path: string, opts: OpenOptions = {}): Promise<OpenedSource> {
  const sniffed = await sniffFile(path);
  if (sniffed.type === 'xlsx') {
    await verifyZip(path, sniffed.size);
    // exceljs is large: loaded only when a workbook is read.
    return openXlsx((await import('exceljs')).default, path, sniffed.size, opts);
  }
  return openCsv(path, sniffed.size, sniffed.head, opts);
}

function openCsv(path: string, size: number, head: Buffer, opts: OpenOptions): OpenedSource {
  const { encoding, bomLength } = detectEncoding(head, head.length === size);
  const sampleText = iconv.decode(head.subarray(bomLength, Math.min(head.length, 256 * 1024)), encoding);
  const delimiter = detectDelimiter(sampleText.replace(/^\uFEFF/, ''));
  const file = countingStream(path, opts.onBytes, bomLength);
  const decoder = decoderFor(encoding);
  const parser: Parser = parseCsv({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const fail = (e: unknown) => parser.destroy(e instanceof Error ? e : new Error(String(e)));
  file.on('error', fail);
  decoder.on('error', fail);
  file.pipe(decoder).pipe(parser);
  const close = () => {
    file.destroy();
    decoder.destroy();
    parser.destroy();
  };
  async function* rows(): AsyncGenerator<SourceRow> {
    let row = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield { row: ++row, cells: record };
    } catch (e) {
      if (e instanceof CallcardError) throw e;
      const code = (e as { code?: unknown }).code;
      // The record that failed is the one after the last good one (row numbers as Excel shows them).
      if (code === 'CSV_QUOTE_NOT_CLOSED') throw new CallcardError('import_csv_quote_not_closed', { line: row + 1 });
      if (code === 'CSV_MAX_RECORD_SIZE') throw new CallcardError('import_csv_record_too_long', { line: row + 1 });
      throw new CallcardError('import_bad_csv', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      close();
    }
  }
  return {
    info: { type: 'csv', encoding, delimiter, size },
    sheets: () => [],
    sheet: () => null,
    rows: rows(),
    close,
  };
}

/** A spreadsheet cell as text, or a Date when the sheet stored a date. */
export function cellValue(v: ExcelJS.CellValue): Cell {
  if (v == null) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result == null ? '' : cellValue(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/** The parts of exceljs' streaming reader this module uses (its typings omit the sheet name and model). */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: { name: string }[] };
}

function openXlsx(excel: typeof ExcelJS, path: string, size: number, opts: OpenOptions): OpenedSource {
  const file = countingStream(path, opts.onBytes);
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as BookReader;
  let names: string[] = [];
  let current: string | null = null;
  const close = () => {
    file.destroy();
  };
  async function* rows(): AsyncGenerator<SourceRow> {
    let found = false;
    try {
      for await (const ws of reader) {
        names = reader.model?.sheets?.map((s) => s.name) ?? [...names, ws.name];
        if (found || (opts.sheet && ws.name !== opts.sheet)) {
          // Sheets must be read through to reach the next one in the zip.
          for await (const _row of ws) void _row;
          continue;
        }
        found = true;
        current = ws.name;
        for await (const r of ws) {
          const values = r.values as ExcelJS.CellValue[];
          // exceljs rows are 1-based: index 0 is always empty.
          yield { row: r.number, cells: values.slice(1).map(cellValue) };
        }
        // The rest of the workbook is not needed.
        break;
      }
    } catch (e) {
      if (e instanceof CallcardError) throw e;
      throw new CallcardError('import_bad_xlsx', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      close();
    }
    if (!found) {
      if (opts.sheet) throw new CallcardError('import_no_sheet', { sheet: opts.sheet });
      throw new CallcardError('import_xlsx_no_sheets');
    }
  }
  return {
    info: { type: 'xlsx', encoding: 'xlsx', delimiter: null, size },
    sheets: () => names,
    sheet: () => current,
    rows: rows(),
    close,
  };
}

export interface FileHead {
  info: SourceInfo;
  sheets: string[];
  sheet: string | null;
  /** The first rows of the sheet (empty rows included, as Excel numbers them). */
  rows: SourceRow[];
  /** Whether the whole sheet fitted in `rows`. */
  complete: boolean;
}

/** The first rows of a file, for the mapping screen and header detection. */
export async function readHead(path: string, opts: { sheet?: string | null; maxRows: number }): Promise<FileHead> {
  const src = await openSource(path, { sheet: opts.sheet });
  const rows: SourceRow[] = [];
  let complete = true;
  try {
    for await (const r of src.rows) {
      if (rows.length >= opts.maxRows) {
        complete = false;
        break;
      }
      rows.push(r);
    }
  } finally {
    src.close();
  }
  if (rows.every((r) => r.cells.every((c) => typeof c === 'string' && c.trim() === '')) && complete) {
    throw new CallcardError('import_empty_file');
  }
  return { info: src.info, sheets: src.sheets(), sheet: src.sheet(), rows, complete };
}
