/**
 * The daily outcome sheet as tables, independent of the file format: which sheets, which columns
 * (with their kind of number and width), which rows. The XLSX and CSV writers only render this, so
 * both files always say the same thing. Values stay raw (fen, ms, fractions, ISO instants); the
 * writer formats them for its medium.
 */
import { FLOWS, type Flow } from '../domain';
import { OUTCOME_CODES, OUTCOMES, REASON_LISTS, type OutcomeCode, type ReasonList, type ReportCategory } from '../outcomes';
import {
  isAlsoOnCall,
  MONEY_BUCKETS,
  REASON_LIST_KEYS,
  type AgentKpis,
  type CallKpi,
  type FlowKpis,
  type GroupKpis,
  type KeyedKpis,
  type SheetKpis,
} from '../kpi/definitions';
import type { CallFact } from '../kpi/facts';
import { previousPeriod } from '../kpi/period';
import { fullAddress, maskAddress, maskNumbersIn, maskPhone } from '../mask';
import { OWN_SOURCE_CODES, sourceLabel } from '../sources';

/** Every sheet, in reading order. byDay is there only for a period of more than one day (hasByDay). */
export const SHEET_KEYS = ['summary', 'byAgent', 'byFlow', 'byProduct', 'bySource', 'byDay', 'calls', 'reasons'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

/** A period of more than one business day is broken down by day too (a day's own sheet would be one row). */
export function hasByDay(p: { from: string; to?: string }): boolean {
  return p.to !== undefined && p.to !== p.from;
}

/** The sheets a period's export holds, in reading order. */
export function sheetKeysFor(p: { from: string; to?: string }): SheetKey[] {
  return SHEET_KEYS.filter((k) => k !== 'byDay' || hasByDay(p));
}

/** Every category the catalogue counts outcomes as, in catalogue order. */
export const REPORT_CATEGORIES = [...new Set(OUTCOMES.map((o) => o.counts))] as [ReportCategory, ...ReportCategory[]];

/**
 * - count: integer; money: fen (shown as ¥ yuan, 2 decimals); percent: a fraction or null ("—");
 * - duration: ms (shown h:mm:ss); datetime: a UTC ISO instant (shown on the business clock).
 */
export type CellKind = 'text' | 'count' | 'money' | 'percent' | 'duration' | 'datetime';

/** A cell whose kind differs from its column's (the summary mixes counts, money and rates). */
export interface TypedCell {
  value: number | string | null;
  kind: CellKind;
}
export type Cell = string | number | null | TypedCell;

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** Excel column width (characters). */
  width: number;
  /**
   * An empty value reads "—" (a rate or average that divides by zero) rather than staying blank
   * (a call without an amount). Rates always read "—"; so does an empty typed cell.
   */
  dashWhenEmpty?: boolean;
}

/**
 * What a cell holds and how it reads: its own kind for a typed cell (whose empty value is a dash),
 * else its column's. Both writers (CSV and XLSX) start from these three; they are separate
 * functions, not one returning an object, because the writers call them for every cell of a
 * 100,000-row sheet (an object per cell showed in the CSV export's time).
 */
export function cellKind(cell: Cell, column: SheetColumn): CellKind {
  return cell !== null && typeof cell === 'object' ? cell.kind : column.kind;
}

export function cellValue(cell: Cell): string | number | null {
  return cell !== null && typeof cell === 'object' ? cell.value : cell;
}

/** Whether an empty cell reads as a dash (a typed cell's always does). */
export function cellDash(cell: Cell, column: SheetColumn): boolean {
  return (cell !== null && typeof cell === 'object') || column.dashWhenEmpty === true;
}

export interface SheetTable {
  key: SheetKey;
  name: string;
  columns: SheetColumn[];
  /**
   * Rows in order; may be a generator (the calls sheet streams, and hands out one array refilled
   * per row: read a row before asking for the next).
   */
  rows: Iterable<Cell[]>;
  /**
   * What each figure of the table means, for a sheet whose columns are figures (by agent, by flow):
   * the workbook lists them under the rows, so a figure's definition is on the sheet that shows it.
   * (A CSV file stays one plain table; the summary sheet has a definition column of its own.)
   */
  definitions?: { label: string; text: string }[];
  /** Said under the header when the table has no rows (XLSX only: a CSV stays a plain table). */
  emptyText?: string;
}

/** The filters a sheet is cut by, each named as people read it (the agent as the sheet names them). */
export interface SheetFilter {
  key: 'agent' | 'flow' | 'product' | 'source';
  /** "坐席" */
  label: string;
  /** "王婷" */
  value: string;
}

export interface DailySheet {
  /**
   * "每日外呼结果表 · 2026-11-20 · 业务时区 Asia/Shanghai", then the filters ("· 坐席：王婷"): the
   * first row of every XLSX sheet, so a filtered sheet never reads as the whole team's.
   */
  title: string;
  /** The filters the sheet is cut by (none: the whole team, every flow). */
  filters: SheetFilter[];
  /** Heading of a table's definitions ("口径"). */
  definitionsTitle: string;
  tables: SheetTable[];
}

// ---------- summary lines ----------

export const SUMMARY_SECTIONS = ['calls', 'verify', 'upsell', 'recover', 'track', 'revisit', 'signRate', 'money', 'loss', 'attributed'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export interface SummaryLine {
  section: SummarySection;
  /** Locale key under kpi.lines and kpi.defs. */
  key: string;
  kind: Exclude<CellKind, 'text' | 'datetime'>;
  get(k: SheetKpis): number | null;
  /** The calls behind the number (clickable on the dashboard). */
  drill?: CallKpi;
  /** Shown on the dashboard's headline row. */
  headline?: boolean;
}

const line = (section: SummarySection, key: string, kind: SummaryLine['kind'], get: SummaryLine['get'], extra: Partial<SummaryLine> = {}): SummaryLine => ({
  section,
  key,
  kind,
  get,
  ...extra,
});

/** Every number of the summary sheet (and the dashboard), in reading order. */
export const SUMMARY_LINES: readonly SummaryLine[] = [
  line('calls', 'calls', 'count', (k) => k.volume.calls, { drill: 'calls', headline: true }),
  line('calls', 'reached', 'count', (k) => k.volume.reached, { drill: 'reached' }),
  line('calls', 'reachedRate', 'percent', (k) => k.volume.reachedRate, { drill: 'reached', headline: true }),
  line('calls', 'notReached', 'count', (k) => k.volume.notReached, { drill: 'notReached' }),
  line('calls', 'callbacks', 'count', (k) => k.volume.callbacks, { drill: 'callbacks' }),
  line('calls', 'exhausted', 'count', (k) => k.volume.exhausted, { drill: 'exhausted' }),
  line('calls', 'talkTime', 'duration', (k) => k.volume.talkMs, { drill: 'talked' }),
  line('calls', 'avgTalkTime', 'duration', (k) => k.volume.avgTalkMs),
  line('calls', 'avgHandleTime', 'duration', (k) => k.volume.avgHandleMs, { headline: true }),

  line('verify', 'verified', 'count', (k) => k.verify.verified, { drill: 'verified', headline: true }),
  line('verify', 'corrected', 'count', (k) => k.verify.corrected, { drill: 'corrected' }),
  line('verify', 'rejectedFake', 'count', (k) => k.verify.rejectedFake, { drill: 'rejected' }),
  line('verify', 'rejectedHighRisk', 'count', (k) => k.verify.rejectedHighRisk),
  line('verify', 'rejected', 'count', (k) => k.verify.rejected, { headline: true }),
  line('verify', 'freightSaved', 'money', (k) => k.verify.freightSavedFen, { headline: true }),
  line('verify', 'cancelled', 'count', (k) => k.verify.cancelled, { drill: 'cancelled' }),
  line('verify', 'unreachable', 'count', (k) => k.verify.unreachable, { drill: 'unreachable' }),

  line('upsell', 'offers', 'count', (k) => k.upsell.offers, { drill: 'upsellOffers' }),
  line('upsell', 'offersInCall', 'count', (k) => k.upsell.offersInCall, { drill: 'inCallOffers' }),
  line('upsell', 'accepted', 'count', (k) => k.upsell.accepted, { drill: 'upsold' }),
  line('upsell', 'declined', 'count', (k) => k.upsell.declined, { drill: 'upsellDeclined' }),
  line('upsell', 'takeRate', 'percent', (k) => k.upsell.takeRate, { drill: 'upsold', headline: true }),
  line('upsell', 'addedRevenue', 'money', (k) => k.upsell.addedRevenueFen, { drill: 'upsellRevenue', headline: true }),

  line('recover', 'leads', 'count', (k) => k.recover.leads, { drill: 'recoverLeads' }),
  line('recover', 'recovered', 'count', (k) => k.recover.recovered, { drill: 'recovered', headline: true }),
  line('recover', 'lost', 'count', (k) => k.recover.lost, { drill: 'lost' }),
  line('recover', 'recoverRate', 'percent', (k) => k.recover.rate, { drill: 'recovered' }),
  line('recover', 'recoveredRevenue', 'money', (k) => k.recover.revenueFen, { drill: 'recoveredRevenue' }),

  line('track', 'cases', 'count', (k) => k.track.cases, { drill: 'trackCases' }),
  line('track', 'saved', 'count', (k) => k.track.saved, { drill: 'saved', headline: true }),
  line('track', 'refused', 'count', (k) => k.track.refused, { drill: 'refused' }),
  line('track', 'saveRate', 'percent', (k) => k.track.saveRate, { drill: 'saved' }),
  line('track', 'finalRate', 'percent', (k) => k.track.finalRate),
  line('track', 'compensation', 'money', (k) => k.track.compensationFen, { drill: 'compensations' }),

  line('revisit', 'revisitCalls', 'count', (k) => k.revisit.calls, { drill: 'revisitCalls' }),
  line('revisit', 'satisfied', 'count', (k) => k.revisit.satisfied, { drill: 'satisfied' }),
  line('revisit', 'invited', 'count', (k) => k.revisit.invited, { drill: 'invited' }),
  line('revisit', 'complaints', 'count', (k) => k.revisit.complaints, { drill: 'complaints' }),
  line('revisit', 'settled', 'count', (k) => k.revisit.settled, { drill: 'settled' }),
  line('revisit', 'repurchase', 'count', (k) => k.revisit.repurchase, { drill: 'repurchase' }),
  line('revisit', 'refunds', 'money', (k) => k.revisit.refundFen, { drill: 'refunds' }),

  line('signRate', 'shipped', 'count', (k) => k.signRate.shipped),
  line('signRate', 'signed', 'count', (k) => k.signRate.signed),
  line('signRate', 'refusedReturned', 'count', (k) => k.signRate.refused),
  line('signRate', 'inTransit', 'count', (k) => k.signRate.inTransit),
  line('signRate', 'signRate', 'percent', (k) => k.signRate.signRate, { headline: true }),
  line('signRate', 'settledSignRate', 'percent', (k) => k.signRate.settledSignRate),

  line('money', 'totalOrdered', 'money', (k) => k.money.total.fen, { headline: true }),
  line('money', 'totalOrders', 'count', (k) => k.money.total.orders),
  ...MONEY_BUCKETS.flatMap((b) => [
    line('money', `${b}Amount`, 'money', (k) => k.money.buckets[b].fen),
    line('money', `${b}Orders`, 'count', (k) => k.money.buckets[b].orders),
  ]),

  line('loss', 'lossRate', 'percent', (k) => k.loss.rate, { headline: true }),
  line('loss', 'closedOrders', 'count', (k) => k.loss.closed),
  line('loss', 'lossRateTalked', 'percent', (k) => k.loss.talked.rate),
  line('loss', 'lossRateAlone', 'percent', (k) => k.loss.alone.rate),
  line('loss', 'closedUncalled', 'count', (k) => k.loss.uncalled),
  line('loss', 'closedUncalledShare', 'percent', (k) => k.loss.uncalledShare),

  line('attributed', 'verifiedByAgents', 'count', (k) => k.attributed.verified, { drill: 'verified' }),
  line('attributed', 'refusedAfterVerify', 'count', (k) => k.attributed.refused, { drill: 'attributedRefusals' }),
  line('attributed', 'refusedAfterVerifyRate', 'percent', (k) => k.attributed.rate, { drill: 'attributedRefusals' }),
];

// ---------- the rows an export lists ----------

/** One call as the calls sheet lists it. */
export interface CallLine extends CallFact {
  agentName: string;
  orderNo: string;
  customerName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  product: string;
  source: string;
  attempt: number;
  /** Step ids of the script the call followed, in order. */
  scriptPath: string[];
  /** The script pack version the call followed (null: none recorded). */
  scriptPackId: string | null;
  scriptVersion: string | null;
  /** The customer called in (recorded on a card the agent took for a caller). */
  inbound: boolean;
  note: string;
}

/** Shortest end of an agent id that tells same-named agents apart (the dashboard's agent filter shows as many). */
const AGENT_TAG_LENGTH = 4;

/**
 * Agents as the sheet names them: a name no other agent has stays as it is; agents who share one
 * (two 王婷) are each named with the end of their id, `tagged(name, tag)` ("王婷（3f2a）"), the
 * same four characters the dashboard's agent filter shows (more only if those are the same too).
 * Names are compared trimmed, so a stray space does not make two people look different either.
 */
export function agentLabels(agents: readonly { id: string; name: string }[], tagged: (name: string, tag: string) => string): Map<string, string> {
  const byName = new Map<string, { id: string; name: string }[]>();
  for (const a of agents) {
    const key = a.name.trim();
    let same = byName.get(key);
    if (!same) byName.set(key, (same = []));
    same.push(a);
  }
  const labels = new Map<string, string>();
  for (const [name, same] of byName) {
    if (same.length === 1) {
      labels.set(same[0].id, same[0].name);
      continue;
    }
    // Ids are unique, so the whole ids always tell them apart.
    let n = AGENT_TAG_LENGTH;
    const longest = Math.max(...same.map((a) => a.id.length));
    while (n < longest && new Set(same.map((a) => a.id.slice(-n))).size < same.length) n++;
    for (const a of same) labels.set(a.id, tagged(name, a.id.slice(-n)));
  }
  return labels;
}

/** The words a sheet needs, in the exporting language (injected: this module does no i18n itself). */
export interface SheetWords {
  t(key: string, params?: Record<string, string | number>): string;
  outcomeLabel(code: OutcomeCode): string;
  reasonLabel(list: ReasonList, code: string): string;
  flowLabel(flow: Flow): string;
  /** How the sheet names an agent: two agents of one name must read differently (see agentLabels). */
  agentName(id: string): string;
  /** The steps a call's script went through, named as the pack names them (a step it does not name: its id). */
  scriptSteps(call: Pick<CallLine, 'scriptPackId' | 'scriptVersion' | 'taskFlow' | 'scriptPath'>): string;
}

export interface SheetNumbers {
  current: SheetKpis;
  previous: SheetKpis;
  agents: AgentKpis[];
  flows: FlowKpis[];
  /** Per product (key: the order's first line's product, as the product filter matches it; '' none). */
  products: KeyedKpis[];
  /** Per order source (key: orders.source as stored, Callcard's own codes included; '' none). */
  sources: KeyedKpis[];
  /** Per business day of the period, every day listed (empty for a one-day period). */
  days: KeyedKpis[];
}

/**
 * What the by-product, by-source and by-day sheets group a call by: the same keys the dashboard's
 * product and source filters match (the order's first line's product, the order's source as
 * stored) and the business day the call was recorded on. The day is counted only for a period of
 * more than one day (hasByDay).
 */
export function breakdownGroupings(
  p: { from: string; to: string },
  dayOf: (iso: string) => string | null,
): { product(c: CallLine): string; source(c: CallLine): string; day?(c: CallLine): string } {
  const product = (c: CallLine) => c.product;
  const source = (c: CallLine) => c.source;
  return hasByDay(p) ? { product, source, day: (c) => dayOf(c.at) ?? '' } : { product, source };
}

/** The filters of an export, as the contract takes them. */
export interface SheetFilterArgs {
  agentId?: string;
  flow?: Flow;
  product?: string;
  source?: string;
}

export interface DailySheetInput {
  from: string;
  to: string;
  timeZone: string;
  shopName: string;
  /** The filters the numbers and calls are cut by (named in every sheet's title row). */
  filters?: SheetFilterArgs;
  /**
   * The numbers, asked for only when a sheet that shows them is written: an export writes the
   * calls sheet first and counts the calls it read, instead of reading them twice.
   */
  numbers(): SheetNumbers;
  /** Every call of the period (streamed: read once). */
  calls: Iterable<CallLine>;
  masked: boolean;
  words: SheetWords;
}

/**
 * Width of a text in Excel's column unit (one digit): a CJK or full-width character takes two, so
 * "签收率（按发货日期）" needs 20, not 10.
 */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Widest a label column grows to fit its labels (a longer one is cut at the next filled cell). */
const MAX_LABEL_WIDTH = 40;

/**
 * A column's width, widened to fit every label it can show in the sheet's language (section and
 * figure names, flows, outcomes, reasons), so that no label is cut off by the cell beside it.
 */
function fitting(width: number, labels: Iterable<string>): number {
  let w = width;
  for (const l of labels) w = Math.max(w, Math.min(MAX_LABEL_WIDTH, textWidth(l) + 2));
  return w;
}

function flowLabels(words: SheetWords): string[] {
  return FLOWS.map((f) => words.flowLabel(f));
}

function reasonLabels(words: SheetWords): string[] {
  return (Object.keys(REASON_LISTS) as ReasonList[]).flatMap((list) => REASON_LISTS[list].map((code) => words.reasonLabel(list, code)));
}

/** Rows made when they are first read. */
function lazy(make: () => Cell[][]): Iterable<Cell[]> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

const col = (header: string, kind: CellKind, width: number, dashWhenEmpty = kind === 'percent'): SheetColumn => ({ header, kind, width, dashWhenEmpty });

/** "2026-12-06", or "2026-11-30 – 2026-12-06" for a range. */
function rangeText(from: string, to: string): string {
  return from === to ? from : `${from} – ${to}`;
}

/**
 * The headers of the current and previous period's columns, each with its dates: the CSV has no
 * title row, and "上期" alone does not say which days it was.
 */
function periodHeaders(input: DailySheetInput): { current: string; previous: string } {
  const { t } = input.words;
  const prev = previousPeriod({ from: input.from, to: input.to });
  return {
    current: t('reports.cols.currentPeriod', { range: rangeText(input.from, input.to) }),
    previous: t('reports.cols.previousPeriod', { range: rangeText(prev.from, prev.to) }),
  };
}

function summaryTable(input: DailySheetInput): SheetTable {
  const { t } = input.words;
  const period = periodHeaders(input);
  const rows = lazy(() => {
    const { current, previous } = input.numbers();
    return SUMMARY_LINES.map((l) => [
      t(`kpi.sections.${l.section}`),
      t(`kpi.lines.${l.key}`),
      { value: l.get(current), kind: l.kind },
      { value: l.get(previous), kind: l.kind },
      t(`kpi.defs.${l.key}`),
    ]);
  });
  return {
    key: 'summary',
    name: t('reports.sheets.summary'),
    columns: [
      col(t('reports.cols.section'), 'text', fitting(14, SUMMARY_SECTIONS.map((s) => t(`kpi.sections.${s}`)))),
      col(t('reports.cols.indicator'), 'text', fitting(26, SUMMARY_LINES.map((l) => t(`kpi.lines.${l.key}`)))),
      col(period.current, 'count', 16),
      col(period.previous, 'count', 16),
      col(t('reports.cols.definition'), 'text', 70),
    ],
    rows,
  };
}

/** The figures of the by-agent sheet, each a summary line (named and defined as the summary names it). */
const AGENT_COLUMNS: readonly { key: string; kind: CellKind; width: number; dashWhenEmpty?: boolean; get(a: GroupKpis): number | null }[] = [
  { key: 'calls', kind: 'count', width: 10, get: (a) => a.volume.calls },
  { key: 'reached', kind: 'count', width: 10, get: (a) => a.volume.reached },
  { key: 'reachedRate', kind: 'percent', width: 10, get: (a) => a.volume.reachedRate },
  { key: 'talkTime', kind: 'duration', width: 12, get: (a) => a.volume.talkMs },
  { key: 'avgHandleTime', kind: 'duration', width: 12, dashWhenEmpty: true, get: (a) => a.volume.avgHandleMs },
  { key: 'verified', kind: 'count', width: 10, get: (a) => a.verify.verified },
  { key: 'corrected', kind: 'count', width: 10, get: (a) => a.verify.corrected },
  { key: 'rejected', kind: 'count', width: 10, get: (a) => a.verify.rejected },
  { key: 'offers', kind: 'count', width: 10, get: (a) => a.upsell.offers },
  { key: 'accepted', kind: 'count', width: 10, get: (a) => a.upsell.accepted },
  { key: 'takeRate', kind: 'percent', width: 10, get: (a) => a.upsell.takeRate },
  { key: 'addedRevenue', kind: 'money', width: 14, get: (a) => a.upsell.addedRevenueFen },
  { key: 'recovered', kind: 'count', width: 10, get: (a) => a.recover.recovered },
  { key: 'recoveredRevenue', kind: 'money', width: 14, get: (a) => a.recover.revenueFen },
  { key: 'saved', kind: 'count', width: 10, get: (a) => a.track.saved },
  { key: 'refused', kind: 'count', width: 10, get: (a) => a.track.refused },
  { key: 'revisitCalls', kind: 'count', width: 10, get: (a) => a.revisit.calls },
  { key: 'refusedAfterVerify', kind: 'count', width: 12, get: (a) => a.attributed.refused },
  { key: 'refusedAfterVerifyRate', kind: 'percent', width: 12, get: (a) => a.attributed.rate },
];

/** The by-agent columns: each header is a summary line's name (kpi.lines.<key>). */
export const BY_AGENT_KEYS: readonly string[] = AGENT_COLUMNS.map((c) => c.key);

/**
 * A sheet that breaks the period's calls down by one thing (an agent, a product, a source, a day):
 * a row per group, named in its first column, with the by-agent sheet's figures (each a summary
 * line, named and defined as the summary names it).
 */
interface Breakdown {
  key: SheetKey;
  /** The first column: its header and width. */
  header: string;
  width: number;
  /** The groups' names and figures, in the order listed (read when the rows are). */
  groups(): [string, GroupKpis][];
  /** A last row with the whole period's figures under the same filters: the summary's. */
  total?: boolean;
  /** What the first column's groups are, listed first under the rows. */
  groupDefinition?: string;
}

function breakdownTable(input: DailySheetInput, b: Breakdown): SheetTable {
  const { t } = input.words;
  const figures = (k: GroupKpis): Cell[] => AGENT_COLUMNS.map((c) => c.get(k));
  return {
    key: b.key,
    name: t(`reports.sheets.${b.key}`),
    columns: [col(b.header, 'text', b.width), ...AGENT_COLUMNS.map((c) => col(t(`kpi.lines.${c.key}`), c.kind, c.width, c.dashWhenEmpty ?? c.kind === 'percent'))],
    rows: lazy(() => {
      const rows: Cell[][] = b.groups().map(([name, k]) => [name, ...figures(k)]);
      // No total under no rows: an empty sheet says why it is empty instead.
      if (b.total && rows.length) rows.push([t('reports.total'), ...figures(input.numbers().current)]);
      return rows;
    }),
    definitions: [
      ...(b.groupDefinition ? [{ label: b.header, text: b.groupDefinition }] : []),
      ...(b.total ? [{ label: t('reports.total'), text: t('reports.colDefs.total') }] : []),
      ...AGENT_COLUMNS.map((c) => ({ label: t(`kpi.lines.${c.key}`), text: t(`kpi.defs.${c.key}`) })),
    ],
    emptyText: t('reports.empty.calls'),
  };
}

/** Busiest first (what a lead looks at), then by name; the group named `last` (orders without one) after them all. */
function busiestFirst(groups: [string, GroupKpis][], last?: string): [string, GroupKpis][] {
  return groups.sort(([x, a], [y, b]) => Number(x === last) - Number(y === last) || b.volume.calls - a.volume.calls || x.localeCompare(y));
}

function byAgentTable(input: DailySheetInput): SheetTable {
  const { t, agentName } = input.words;
  return breakdownTable(input, {
    key: 'byAgent',
    header: t('reports.cols.agent'),
    width: fitting(14, [t('reports.total')]),
    groups: () => busiestFirst(input.numbers().agents.map((a) => [agentName(a.agentId), a])),
    total: true,
  });
}

function byProductTable(input: DailySheetInput): SheetTable {
  const { t } = input.words;
  const none = t('reports.none.product');
  return breakdownTable(input, {
    key: 'byProduct',
    header: t('reports.cols.product'),
    width: fitting(20, [none, t('reports.total')]),
    groups: () => busiestFirst(input.numbers().products.map((p) => [p.key || none, p]), none),
    total: true,
    groupDefinition: t('reports.colDefs.product'),
  });
}

function bySourceTable(input: DailySheetInput): SheetTable {
  const { t } = input.words;
  const none = t('reports.none.source');
  return breakdownTable(input, {
    key: 'bySource',
    header: t('reports.cols.source'),
    width: fitting(12, [none, t('reports.total'), ...OWN_SOURCE_CODES.map((code) => sourceLabel(code, t))]),
    // Callcard's own sources (a phone order) in the sheet's language; an export's words as written.
    groups: () => busiestFirst(input.numbers().sources.map((x) => [x.key ? sourceLabel(x.key, t) : none, x]), none),
    total: true,
    groupDefinition: t('reports.colDefs.source'),
  });
}

function byDayTable(input: DailySheetInput): SheetTable {
  const { t } = input.words;
  return breakdownTable(input, {
    key: 'byDay',
    header: t('reports.cols.day'),
    width: fitting(12, [t('reports.total')]),
    // Every day of the period in date order, a day without calls too.
    groups: () => input.numbers().days.map((d) => [d.key, d]),
    total: true,
    groupDefinition: t('reports.colDefs.day', { zone: input.timeZone }),
  });
}

/** The by-flow sheet's volume columns are summary lines; the others are the sheet's own (reports.colDefs). */
const FLOW_VOLUME_COLUMNS = ['calls', 'reached', 'reachedRate', 'talkTime', 'avgHandleTime'] as const;
const FLOW_OWN_COLUMNS = ['outcomes', 'orders', 'success', 'rateBase', 'successRate', 'amount'] as const;

function byFlowTable(input: DailySheetInput): SheetTable {
  const { t, flowLabel } = input.words;
  return {
    key: 'byFlow',
    name: t('reports.sheets.byFlow'),
    columns: [
      col(t('reports.cols.flow'), 'text', fitting(14, flowLabels(input.words))),
      col(t('kpi.lines.calls'), 'count', 10),
      col(t('kpi.lines.reached'), 'count', 10),
      col(t('kpi.lines.reachedRate'), 'percent', 10),
      col(t('kpi.lines.talkTime'), 'duration', 12),
      col(t('kpi.lines.avgHandleTime'), 'duration', 12, true),
      col(t('reports.cols.outcomes'), 'count', 10),
      col(t('reports.cols.orders'), 'count', 10),
      col(t('reports.cols.success'), 'count', 10),
      col(t('reports.cols.rateBase'), 'count', 10),
      col(t('reports.cols.successRate'), 'percent', 10),
      col(t('reports.cols.amount'), 'money', 14),
      // Success, its rate and the money differ by flow: each row says what its own are.
      col(t('reports.cols.flowDefinition'), 'text', 70),
    ],
    rows: lazy(() => input.numbers().flows.map((f) => [
      flowLabel(f.flow),
      f.volume.calls,
      f.volume.reached,
      f.volume.reachedRate,
      f.volume.talkMs,
      f.volume.avgHandleMs,
      f.outcomes,
      f.orders,
      f.success,
      f.rateBase,
      f.successRate,
      f.amountFen,
      t(`reports.flowDefs.${f.flow}`),
    ])),
    definitions: [
      ...FLOW_VOLUME_COLUMNS.map((k) => ({ label: t(`kpi.lines.${k}`), text: t(`kpi.defs.${k}`) })),
      ...FLOW_OWN_COLUMNS.map((k) => ({ label: t(`reports.cols.${k}`), text: t(`reports.colDefs.${k}`) })),
    ],
  };
}

function* callRows(input: DailySheetInput): Generator<Cell[]> {
  const { t, outcomeLabel, reasonLabel, flowLabel, agentName } = input.words;
  const yes = t('reports.yes');
  const no = t('reports.no');
  const reasonListOf = new Map(OUTCOMES.map((o) => [o.code, o.reasons]));
  // One array, refilled per call (see SheetTable.rows).
  const row: Cell[] = new Array(21);
  for (const c of input.calls) {
    const list = reasonListOf.get(c.outcome);
    row[0] = c.at;
    // As the by-agent sheet names them (two agents of one name told apart), not the stored name.
    row[1] = agentName(c.agentId);
    row[2] = flowLabel(c.flow);
    // Recorded beside the call's own outcome (an in-call upsell, what else a revisit call achieved).
    const sameCall = isAlsoOnCall(c);
    row[3] = sameCall ? yes : '';
    row[20] = c.inbound ? yes : '';
    row[4] = c.orderNo;
    row[5] = c.customerName;
    row[6] = input.masked ? maskPhone(c.phone) : c.phone;
    row[7] = input.masked ? maskAddress(c) : fullAddress(c);
    row[8] = c.product;
    // Callcard's own sources (a phone order) in the sheet's language; an export's words as written.
    row[9] = sourceLabel(c.source, t);
    row[10] = outcomeLabel(c.outcome);
    row[11] = c.reached ? yes : no;
    row[12] = c.reasonCode && list ? reasonLabel(list, c.reasonCode) : (c.reasonCode ?? '');
    row[13] = c.amountFen;
    // Such a row has no time of its own: the call's time is on its main row, and a sum of the
    // column counts it once.
    row[14] = sameCall ? null : c.talkMs;
    row[15] = sameCall ? null : c.handleMs;
    row[16] = c.attempt;
    row[17] = c.exhausted ? yes : '';
    row[18] = input.words.scriptSteps(c);
    row[19] = input.masked ? maskNumbersIn(c.note) : c.note;
    yield row;
  }
}

function callsTable(input: DailySheetInput): SheetTable {
  const { t, outcomeLabel } = input.words;
  return {
    key: 'calls',
    name: t('reports.sheets.calls'),
    columns: [
      col(t('reports.cols.time'), 'datetime', 18),
      col(t('reports.cols.agent'), 'text', 10),
      col(t('reports.cols.flow'), 'text', fitting(10, flowLabels(input.words))),
      col(t('reports.cols.inCallUpsell'), 'text', 8),
      col(t('reports.cols.orderNo'), 'text', 20),
      col(t('reports.cols.customer'), 'text', 10),
      col(t('reports.cols.phone'), 'text', 14),
      col(t('reports.cols.address'), 'text', 34),
      col(t('reports.cols.product'), 'text', 14),
      col(t('reports.cols.source'), 'text', 10),
      col(t('reports.cols.outcome'), 'text', fitting(16, OUTCOME_CODES.map((c) => outcomeLabel(c)))),
      col(t('reports.cols.reached'), 'text', 6),
      col(t('reports.cols.reason'), 'text', fitting(14, reasonLabels(input.words))),
      col(t('reports.cols.amount'), 'money', 12),
      col(t('reports.cols.talkTime'), 'duration', 10),
      col(t('reports.cols.handleTime'), 'duration', 10),
      col(t('reports.cols.attempt'), 'count', 6),
      col(t('reports.cols.exhausted'), 'text', 8),
      col(t('reports.cols.scriptPath'), 'text', 40),
      col(t('reports.cols.note'), 'text', 30),
      col(t('reports.cols.inbound'), 'text', 8),
    ],
    rows: callRows(input),
    emptyText: t('reports.empty.calls'),
  };
}

function reasonsTable(input: DailySheetInput): SheetTable {
  const { t, reasonLabel } = input.words;
  const period = periodHeaders(input);
  const rows = lazy(() => {
    const { current, previous } = input.numbers();
    const out: Cell[][] = [];
    for (const list of REASON_LIST_KEYS) {
      const prev = new Map(previous.reasons[list].map((r) => [r.reason, r.count]));
      for (const r of current.reasons[list]) {
        out.push([t(`kpi.reasonLists.${list}`), reasonLabel(list, r.reason), r.count, r.share, prev.get(r.reason) ?? 0]);
      }
    }
    return out;
  });
  return {
    key: 'reasons',
    name: t('reports.sheets.reasons'),
    columns: [
      col(t('reports.cols.list'), 'text', fitting(16, REASON_LIST_KEYS.map((l) => t(`kpi.reasonLists.${l}`)))),
      col(t('reports.cols.reason'), 'text', fitting(20, reasonLabels(input.words))),
      col(t('reports.cols.count'), 'count', 10),
      col(t('reports.cols.share'), 'percent', 10),
      col(period.previous, 'count', 12),
    ],
    rows,
    emptyText: t('reports.empty.reasons'),
  };
}

/** The filters of an export, named in the sheet's words, in a fixed order (agent, flow, product, source). */
export function sheetFilters(f: SheetFilterArgs | undefined, words: Pick<SheetWords, 't' | 'agentName' | 'flowLabel'>): SheetFilter[] {
  const out: SheetFilter[] = [];
  const add = (key: SheetFilter['key'], value: string | undefined) => {
    if (value) out.push({ key, label: words.t(`reports.filters.${key}`), value });
  };
  add('agent', f?.agentId && words.agentName(f.agentId));
  add('flow', f?.flow && words.flowLabel(f.flow));
  add('product', f?.product);
  add('source', f?.source && sourceLabel(f.source, words.t));
  return out;
}

/**
 * The sheets of the daily outcome sheet (SHEET_KEYS; by day only for a period of more than one
 * day), headers and labels in the words given.
 */
export function buildDailySheet(input: DailySheetInput): DailySheet {
  const { t } = input.words;
  const range = rangeText(input.from, input.to);
  const filters = sheetFilters(input.filters, input.words);
  const title = [
    t('reports.title', { range, zone: input.timeZone, shop: input.shopName }).trim(),
    ...filters.map((f) => t('reports.titleFilter', { name: f.label, value: f.value })),
  ].join(' · ');
  return {
    title,
    filters,
    definitionsTitle: t('reports.cols.definition'),
    tables: [
      summaryTable(input),
      byAgentTable(input),
      byFlowTable(input),
      byProductTable(input),
      bySourceTable(input),
      ...(hasByDay(input) ? [byDayTable(input)] : []),
      callsTable(input),
      reasonsTable(input),
    ],
  };
}

/** Drill-down keys of the summary (for the dashboard). */
export const DRILLABLE: ReadonlySet<CallKpi> = new Set(SUMMARY_LINES.flatMap((l) => (l.drill ? [l.drill] : [])));
