/**
 * The daily outcome sheet as files: one XLSX (exceljs's streaming writer: every sheet, a title row
 * with the period and the business time zone, a frozen header, widths and number formats), or one
 * CSV per sheet (UTF-8 with BOM, formula-escaped). Both render shared/reports/sheet, so they agree.
 */
import ExcelJS from 'exceljs';
import { PassThrough, type Writable } from 'node:stream';
import type { ReportFilters } from '../../../shared/contracts/reports';
import type { Flow, Locale } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import { CallBook } from '../../../shared/kpi/definitions';
import { dayBucketer, listDays, periodBounds, wallClock } from '../../../shared/kpi/period';
import { NO_VALUE } from '../../../shared/kpi/format';
import { OUTCOME_CODES, type OutcomeCode } from '../../../shared/outcomes';
import { BOM, csvHeader, csvRow } from '../../../shared/reports/csv';
import {
  agentLabels,
  breakdownGroupings,
  buildDailySheet,
  cellDash,
  cellKind,
  cellValue,
  SHEET_KEYS,
  type Cell,
  type CellKind,
  type CallLine,
  type DailySheet,
  type SheetColumn,
  type SheetFilter,
  type SheetKey,
  type SheetNumbers,
  type SheetTable,
  type SheetWords,
} from '../../../shared/reports/sheet';
import type { CoreContext } from '../context';
import { packOfVersion } from '../packs/store';
import { loadSettings } from '../settings';
import { kpisOf, periodOf, readFacts } from './dashboard';
import { agentRows, callLinesInPlace, orderProductSources } from './facts';
import { loadReportSettings } from './settings';

/** File name parts per sheet (ASCII: file names travel through mail and chat apps). */
export const SHEET_FILE_PART: Record<SheetKey, string> = {
  summary: 'summary',
  byAgent: 'by-agent',
  byFlow: 'by-flow',
  byProduct: 'by-product',
  bySource: 'by-source',
  byDay: 'by-day',
  calls: 'calls',
  reasons: 'reasons',
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv;charset=utf-8';

const NUM_FMT: Partial<Record<CellKind, string>> = {
  count: '#,##0',
  money: '"¥"#,##0.00',
  percent: '0.0%',
  duration: '[h]:mm:ss',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** Rows written between yields to the event loop, so other requests are served during a big export. */
const YIELD_EVERY = 2000;
const tick = () => new Promise<void>((r) => setImmediate(r));

/** Longest a filter's part of a file name may be (characters). */
const FILE_PART_MAX = 40;

/**
 * A filter's value as part of a file name that every system accepts: no path separators, no
 * characters Windows refuses (\ / : * ? " < > |), no control characters, spaces as "_", no dot
 * or "_" at either end, at most FILE_PART_MAX characters. Chinese stays as it is (王婷).
 */
export function fileNamePart(value: string): string {
  const safe = value
    .normalize('NFC')
    // Control characters (tab, newline…) are as unwelcome in a file name as Windows' reserved ones.
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+|[._]+$/g, '');
  return [...safe].slice(0, FILE_PART_MAX).join('').replace(/[._]+$/, '');
}

/**
 * callcard-daily-2026-12-06 (or 2026-12-01_2026-12-07), then each filter's value as the sheet names
 * it: callcard-daily-2026-12-06-王婷-加单. A filtered sheet never has the whole team's file name.
 */
export function baseFileName(f: ReportFilters, filters: readonly SheetFilter[] = []): string {
  const p = periodOf(f);
  const base = p.from === p.to ? `callcard-daily-${p.from}` : `callcard-daily-${p.from}_${p.to}`;
  return [base, ...filters.map((x) => fileNamePart(x.value) || x.key)].join('-');
}

/** Outcome labels as the lead named them for this language, else the built-in words. Looked up once per word, not per row. */
function sheetWords(ctx: CoreContext, lang: Locale): SheetWords {
  const t = translator(lang);
  const overrides = loadSettings(ctx.db).outcomeOverrides[lang] ?? {};
  const labels = new Map<OutcomeCode, string>(OUTCOME_CODES.map((c) => [c, overrides[c]?.label ?? t(`outcomes.${c}`)]));
  const flows = new Map<Flow, string>();
  const reasons = new Map<string, string>();
  // Every agent of the store, not only this period's: a name is tagged the same way on every day's sheet.
  const names = agentLabels(agentRows(ctx.db), (name, tag) => t('reports.filters.agentSameName', { name, tag }));
  return {
    t,
    outcomeLabel: (code) => labels.get(code) ?? code,
    reasonLabel: (list, code) => {
      const key = `${list}.${code}`;
      let label = reasons.get(key);
      // A reason a lead added has no translation: it reads as they wrote it.
      if (label === undefined) reasons.set(key, (label = t(`reasons.${key}`, { defaultValue: code })));
      return label;
    },
    flowLabel: (flow) => {
      let label = flows.get(flow);
      if (label === undefined) flows.set(flow, (label = t(`flows.${flow}`)));
      return label;
    },
    agentName: (id) => names.get(id) ?? id,
    scriptSteps: stepTitles(ctx, lang),
  };
}

/**
 * A call's script path as the lead reads it: each step by its title in the sheet's language, from
 * the pack version the call followed (a step the pack does not name, or a pack no longer stored:
 * the step's id). Paths repeat (most calls walk the same way), so each is put into words once.
 */
function stepTitles(ctx: CoreContext, lang: Locale): SheetWords['scriptSteps'] {
  const packs = new Map<string, Map<string, string> | null>();
  const paths = new Map<string, string>();
  const titlesOf = (packId: string, version: string): Map<string, string> | null => {
    const key = `${packId}@${version}`;
    let titles = packs.get(key);
    if (titles === undefined) {
      titles = null;
      try {
        const pack = packOfVersion(ctx.db, packId, version);
        titles = new Map();
        for (const [flow, script] of Object.entries(pack.flows)) {
          for (const step of script?.steps ?? []) {
            const title = step.title?.[lang] ?? step.title?.['zh-CN'];
            if (title) titles.set(`${flow}/${step.id}`, title);
          }
        }
      } catch {
        // Not stored (a call synced from another workstation, a pack since removed): ids it is.
      }
      packs.set(key, titles);
    }
    return titles;
  };
  return (c) => {
    if (!c.scriptPath.length) return '';
    if (!c.scriptPackId || !c.scriptVersion) return c.scriptPath.join(' → ');
    const key = `${c.scriptPackId}@${c.scriptVersion}/${c.taskFlow}/${c.scriptPath.join('\u0001')}`;
    let text = paths.get(key);
    if (text === undefined) {
      const titles = titlesOf(c.scriptPackId, c.scriptVersion);
      text = c.scriptPath.map((id) => titles?.get(`${c.taskFlow}/${id}`) ?? id).join(' → ');
      paths.set(key, text);
    }
    return text;
  };
}

export interface PreparedSheet {
  sheet: DailySheet;
  timeZone: string;
  /** The files' name without extension: the period, then the filters (baseFileName). */
  fileBase: string;
  /** Outcome rows of the period (known once the calls sheet has been read, or the numbers asked for). */
  readonly calls: number;
}

/**
 * Reads the period and lays out the sheets. The calls are read once, while the calls sheet is
 * written (so write it first): each is counted into a CallBook as it goes by (per agent, flow,
 * product, source and, over several days, business day) and none is kept; the other sheets'
 * numbers come from the book afterwards. A sheet written without the calls sheet reads the calls
 * on its own.
 */
export function prepareDailySheet(ctx: CoreContext, f: ReportFilters, lang: Locale, masked: boolean): PreparedSheet {
  const r = readFacts(ctx, f, { currentCalls: false });
  const { freightFen } = loadReportSettings(ctx.db);
  const bounds = periodBounds(r.period, r.tz);
  const days = listDays(r.period.from, r.period.to);
  const dayOf = dayBucketer(days, r.tz);
  const groupings = breakdownGroupings(r.period, dayOf);
  const newBook = () => new CallBook<CallLine, 'product' | 'source' | 'day'>(groupings);
  let book = newBook();
  let complete = false;
  function* calls(): Generator<CallLine> {
    book = newBook();
    for (const line of callLinesInPlace(ctx.db, bounds, f)) {
      book.add(line);
      yield line;
    }
    complete = true;
  }
  const counted = (): CallBook<CallLine, 'product' | 'source' | 'day'> => {
    if (!complete) {
      // The lines, not the bare facts: the by-product and by-source sheets group by their order's product and source.
      book = newBook();
      for (const line of callLinesInPlace(ctx.db, bounds, f)) book.add(line);
      complete = true;
    }
    return book;
  };
  let numbers: SheetNumbers | null = null;
  const sheet = buildDailySheet({
    from: r.period.from,
    to: r.period.to,
    timeZone: r.tz,
    shopName: loadSettings(ctx.db).shopName,
    filters: f,
    numbers: () => {
      if (!numbers) {
        const b = counted();
        const rejections = r.current.riskRejections;
        const orders = orderProductSources(ctx.db, rejections.map((x) => x.orderId));
        numbers = {
          current: kpisOf({ ...r.current, calls: b.tally() }, freightFen),
          previous: kpisOf(r.previous, freightFen),
          agents: b.byAgent(rejections, freightFen),
          flows: b.byFlow(),
          products: b.by('product', rejections, (x) => orders.get(x.orderId)?.product ?? '', freightFen),
          sources: b.by('source', rejections, (x) => orders.get(x.orderId)?.source ?? '', freightFen),
          days: groupings.day ? b.by('day', rejections, (x) => dayOf(x.at), freightFen, days) : [],
        };
      }
      return numbers;
    },
    calls: calls(),
    masked,
    words: sheetWords(ctx, lang),
  });
  return {
    sheet,
    timeZone: r.tz,
    fileBase: baseFileName(f, sheet.filters),
    get calls() {
      return counted().rows;
    },
  };
}

/** The calls sheet first: the others are counted from the calls it read. */
function writingOrder(tables: readonly SheetTable[]): SheetTable[] {
  return [...tables].sort((a, b) => Number(b.key === 'calls') - Number(a.key === 'calls'));
}

/** One shared style object per format: exceljs caches a style by object, not by content. */
const STYLES: Record<CellKind, Partial<ExcelJS.Style>> = {
  text: {},
  count: { numFmt: NUM_FMT.count },
  money: { numFmt: NUM_FMT.money },
  percent: { numFmt: NUM_FMT.percent },
  duration: { numFmt: NUM_FMT.duration },
  datetime: { numFmt: NUM_FMT.datetime },
};
const DASH_STYLE: Partial<ExcelJS.Style> = { alignment: { horizontal: 'right' } };
const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { bold: true, size: 13 } };
const DEFINITIONS_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };
const EMPTY_STYLE: Partial<ExcelJS.Style> = { font: { italic: true, color: { argb: 'FF6B7280' } } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA2C0' } } },
  alignment: { vertical: 'middle', wrapText: true },
};

function xlsxValue(cell: Cell, column: SheetColumn, wall: (iso: string) => number): { value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> } {
  const kind = cellKind(cell, column);
  const value = cellValue(cell);
  if (value === null) return cellDash(cell, column) ? { value: NO_VALUE, style: DASH_STYLE } : { value: null, style: STYLES.text };
  if (typeof value === 'string') return kind === 'datetime' ? { value: new Date(wall(value)), style: STYLES.datetime } : { value, style: STYLES.text };
  switch (kind) {
    case 'money':
      return { value: value / 100, style: STYLES.money };
    case 'duration':
      return { value: value / 86_400_000, style: STYLES.duration };
    case 'percent':
      return Number.isFinite(value) ? { value, style: STYLES.percent } : { value: NO_VALUE, style: DASH_STYLE };
    default:
      return { value, style: STYLES[kind] };
  }
}

function styleRow(row: ExcelJS.Row, n: number, style: Partial<ExcelJS.Style>): void {
  for (let i = 1; i <= n; i++) row.getCell(i).style = style;
}

async function writeXlsxRows(ws: ExcelJS.Worksheet, title: string, definitionsTitle: string, table: SheetTable, wall: (iso: string) => number): Promise<void> {
  const width = table.columns.length;
  // Row 1 title, row 2 headers: both stay in view while scrolling (the sheet's frozen pane).
  const titleRow = ws.addRow([title]);
  titleRow.getCell(1).style = TITLE_STYLE;
  titleRow.commit();
  const header = ws.addRow(table.columns.map((c) => c.header));
  styleRow(header, width, HEADER_STYLE);
  header.commit();
  let n = 0;
  const values: ExcelJS.CellValue[] = new Array(width);
  const styles: Partial<ExcelJS.Style>[] = new Array(width);
  for (const cells of table.rows) {
    for (let i = 0; i < width; i++) {
      const v = xlsxValue(cells[i] ?? null, table.columns[i], wall);
      values[i] = v.value;
      styles[i] = v.style;
    }
    const row = ws.addRow(values);
    for (let i = 0; i < width; i++) row.getCell(i + 1).style = styles[i];
    row.commit();
    if (++n % YIELD_EVERY === 0) await tick();
  }
  if (n === 0 && table.emptyText) {
    // An empty day still opens on a sheet that says why it is empty, not on a bare header.
    const empty = ws.addRow([table.emptyText]);
    empty.getCell(1).style = EMPTY_STYLE;
    empty.commit();
  }
  if (table.definitions?.length) {
    // Under the rows, after an empty row (outside the header's filter range): each figure and what it means.
    ws.addRow([]).commit();
    const head = ws.addRow([definitionsTitle]);
    head.getCell(1).style = DEFINITIONS_STYLE;
    head.commit();
    for (const d of table.definitions) ws.addRow([d.label, d.text]).commit();
  }
  await ws.commit();
}

/** Writes the sheets as one XLSX into `stream` (ended when done). */
export async function writeXlsx(p: PreparedSheet, stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Callcard';
  const wall = wallClock(p.timeZone);
  // Tabs in reading order; a sheet's part of the file opens only when its first row is written.
  const sheets = new Map<SheetTable, ExcelJS.Worksheet>();
  for (const table of p.sheet.tables) {
    const ws = wb.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
    ws.columns = table.columns.map((c) => ({ width: c.width }));
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: table.columns.length } };
    sheets.set(table, ws);
  }
  for (const table of writingOrder(p.sheet.tables)) await writeXlsxRows(sheets.get(table)!, p.sheet.title, p.sheet.definitionsTitle, table, wall);
  await wb.commit();
}

/** Writes one sheet as CSV (BOM, header row, CRLF) into `stream`, respecting back-pressure. */
export async function writeCsv(p: PreparedSheet, table: SheetTable, stream: Writable): Promise<void> {
  const wall = wallClock(p.timeZone);
  let buf = BOM + csvHeader(table.columns);
  let n = 0;
  const flush = async () => {
    if (!stream.write(buf)) await new Promise<void>((r) => stream.once('drain', () => r()));
    buf = '';
  };
  for (const cells of table.rows) {
    buf += csvRow(cells, table.columns, wall);
    if (buf.length > 1 << 16) await flush();
    if (++n % YIELD_EVERY === 0) await tick();
  }
  if (buf) await flush();
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/**
 * The sheets for CSV: the calls first (see prepareDailySheet), or the one asked for. The by-day
 * sheet of a one-day period is refused in words (there is no such sheet: the day is the summary).
 */
export function csvTables(p: PreparedSheet, only?: SheetKey): SheetTable[] {
  if (!only) return writingOrder(p.sheet.tables);
  const table = p.sheet.tables.find((t) => t.key === only);
  if (!table) throw new CallcardError('report_sheet_single_day', { sheet: only });
  return [table];
}

/** Collects what a writer writes into one Buffer. */
export async function toBuffer(write: (stream: Writable) => Promise<void>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.once('end', resolve);
    sink.once('error', reject);
  });
  await write(sink);
  await ended;
  return Buffer.concat(chunks);
}

export function tableOf(p: PreparedSheet, key: SheetKey): SheetTable {
  return p.sheet.tables.find((t) => t.key === key)!;
}

export { SHEET_KEYS };
