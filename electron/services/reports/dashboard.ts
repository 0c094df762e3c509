/**
 * The lead's dashboard and the agent's own numbers: facts read once for the period and the one
 * before it, every number from shared/kpi.
 */
import type {
  CallBehind,
  CallsBehindPage,
  DashboardView,
  MyCalls,
  ReportFilterOptions,
  ReportFilters,
} from '../../../shared/contracts/reports';
import type { ReportCategory } from '../../../shared/outcomes';
import {
  callsBehind as selectCalls,
  callsByHour,
  isAlsoOnCall,
  outcomesByFlow,
  sheetKpis,
  signCohorts,
  type CallKpi,
  type CallTally,
  type SheetKpis,
} from '../../../shared/kpi/definitions';
import type { CallFact, OrderFact, RiskRejectionFact, ShipmentFact } from '../../../shared/kpi/facts';
import { addDays, dayBucketer, hourBucketer, listDays, periodBounds, previousPeriod, type Period } from '../../../shared/kpi/period';
import { maskNumbersIn, maskPhone } from '../../../shared/mask';
import type { CallLine } from '../../../shared/reports/sheet';
import { businessDay } from '../../../shared/time';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { loadSettings } from '../settings';
import { agentRows, callFacts, callLinesByIds, orderFacts, riskRejectionFacts, shipmentFacts } from './facts';
import { loadReportSettings } from './settings';

/** The sign-rate chart shows at least this many ship days, ending on the period's last day. */
export const COHORT_DAYS = 14;

export function periodOf(f: ReportFilters): Period {
  return { from: f.from, to: f.to ?? f.from };
}

export interface PeriodFacts {
  calls: CallFact[];
  orders: OrderFact[];
  shipments: ShipmentFact[];
  riskRejections: RiskRejectionFact[];
}

/**
 * Facts of the current and previous periods, each kind read in one query over both, then split
 * by time. Shipments are read for the sign-rate chart's window too.
 */
export function readFacts(ctx: CoreContext, f: ReportFilters, opts: { cohortDays?: string[]; currentCalls?: boolean } = {}) {
  const tz = loadSettings(ctx.db).businessTimeZone;
  const period = periodOf(f);
  const prev = previousPeriod(period);
  const both = periodBounds({ from: prev.from, to: period.to }, tz);
  const split = dayBucketer(listDays(prev.from, period.to), tz);
  const isCurrent = (iso: string) => {
    const d = split(iso);
    return d !== null && d >= period.from;
  };
  const empty = (): PeriodFacts => ({ calls: [], orders: [], shipments: [], riskRejections: [] });
  const current = empty();
  const previous = empty();
  // An export reads the current calls itself, while it writes them.
  const callBounds = opts.currentCalls === false ? periodBounds(prev, tz) : both;
  for (const c of callFacts(ctx.db, callBounds, f)) (isCurrent(c.at) ? current : previous).calls.push(c);
  for (const o of orderFacts(ctx.db, both, f)) (isCurrent(o.placedAt) ? current : previous).orders.push(o.fact);
  for (const r of riskRejectionFacts(ctx.db, both, f)) (isCurrent(r.at) ? current : previous).riskRejections.push(r);
  const cohortDays = opts.cohortDays ?? [];
  const shipFrom = cohortDays.length && cohortDays[0] < prev.from ? cohortDays[0] : prev.from;
  const cohortShipments: ShipmentFact[] = [];
  const inCohort = new Set(cohortDays);
  const shipDay = dayBucketer(listDays(shipFrom, period.to), tz);
  for (const s of shipmentFacts(ctx.db, periodBounds({ from: shipFrom, to: period.to }, tz), f)) {
    const d = shipDay(s.shippedAt);
    if (d === null) continue;
    if (inCohort.has(d)) cohortShipments.push(s);
    if (d >= period.from) current.shipments.push(s);
    else if (d >= prev.from) previous.shipments.push(s);
  }
  return { tz, period, prev, current, previous, cohortShipments, shipDay };
}

export function kpisOf(facts: Omit<PeriodFacts, 'calls'> & { calls: CallFact[] | CallTally }, freightFen: number): SheetKpis {
  return sheetKpis({ ...facts, freightFen });
}

export function buildDashboard(ctx: CoreContext, f: ReportFilters, masked: boolean): DashboardView {
  const started = performance.now();
  const period = periodOf(f);
  const cohortFrom = addDays(period.to, -(COHORT_DAYS - 1)) < period.from ? addDays(period.to, -(COHORT_DAYS - 1)) : period.from;
  const cohortDays = listDays(cohortFrom, period.to);
  const r = readFacts(ctx, f, { cohortDays });
  const { freightFen } = loadReportSettings(ctx.db);
  const names = new Map(agentRows(ctx.db).map((a) => [a.id, a.name]));
  const agentIds = new Set([...r.current.calls, ...r.previous.calls].map((c) => c.agentId));
  for (const x of [...r.current.riskRejections, ...r.previous.riskRejections]) agentIds.add(x.agentId);
  return {
    period: r.period,
    previousPeriod: r.prev,
    timeZone: r.tz,
    current: kpisOf(r.current, freightFen),
    previous: kpisOf(r.previous, freightFen),
    charts: {
      callsByHour: callsByHour(r.current.calls, hourBucketer(r.tz)),
      outcomesByFlow: outcomesByFlow(r.current.calls),
      cohorts: signCohorts(r.cohortShipments, cohortDays, r.shipDay),
    },
    agents: [...agentIds].map((id) => ({ id, name: names.get(id) ?? id })),
    masked,
    freightFen,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

export function toCallBehind(l: CallLine, masked: boolean): CallBehind {
  return {
    id: l.id,
    at: l.at,
    agentId: l.agentId,
    agentName: l.agentName,
    flow: l.flow,
    // Recorded beside the call's own result (an in-call upsell, what else a revisit call achieved):
    // marked so, and without a time of its own (the call's is on its main row).
    inCallUpsell: isAlsoOnCall(l),
    outcome: l.outcome,
    reached: l.reached,
    reasonCode: l.reasonCode,
    amountFen: l.amountFen,
    talkMs: isAlsoOnCall(l) ? null : l.talkMs,
    handleMs: isAlsoOnCall(l) ? null : l.handleMs,
    orderNo: l.orderNo,
    orderStatus: l.orderStatus,
    customerName: l.customerName,
    phone: masked ? maskPhone(l.phone) : l.phone,
    product: l.product,
    note: masked ? maskNumbersIn(l.note) : l.note,
  };
}

/** The calls behind a number, newest first, one page. */
/**
 * Oldest-first rows as lists show them, newest first: a call's own result above what was recorded
 * beside it at the same instant (an in-call upsell, a revisit tick), which reads as part of it.
 */
function newestFirst<C extends CallFact>(oldestFirst: readonly C[]): C[] {
  const out = oldestFirst.slice().reverse();
  for (let i = 0; i < out.length; ) {
    let j = i + 1;
    while (j < out.length && out[j].taskId === out[i].taskId && out[j].at === out[i].at) j++;
    if (j - i > 1) out.splice(i, j - i, ...out.slice(i, j).sort((x, y) => Number(isAlsoOnCall(x)) - Number(isAlsoOnCall(y))));
    i = j;
  }
  return out;
}

export function callsBehind(
  ctx: CoreContext,
  a: { filters: ReportFilters; kpi: CallKpi; reason?: string; hour?: number; category?: ReportCategory; limit: number; offset: number },
  masked: boolean,
): CallsBehindPage {
  const tz = loadSettings(ctx.db).businessTimeZone;
  const calls = callFacts(ctx.db, periodBounds(periodOf(a.filters), tz), a.filters);
  const matched = newestFirst(selectCalls(calls, a.kpi, { reason: a.reason, hour: a.hour, hourOf: hourBucketer(tz), category: a.category }));
  const ids = matched.slice(a.offset, a.offset + a.limit).map((c) => c.id);
  return { total: matched.length, calls: callLinesByIds(ctx.db, ids).map((l) => toCallBehind(l, masked)) };
}

export function filterOptions(ctx: CoreContext): ReportFilterOptions {
  const tz = loadSettings(ctx.db).businessTimeZone;
  const products = prepared<[], { product: string }>(ctx.db, "SELECT DISTINCT product FROM order_lines WHERE position = 0 AND product != '' ORDER BY product LIMIT 500")
    .all()
    .map((r) => r.product);
  const sources = prepared<[], { source: string }>(ctx.db, "SELECT DISTINCT source FROM orders WHERE source != '' ORDER BY source LIMIT 500")
    .all()
    .map((r) => r.source);
  return { agents: agentRows(ctx.db), products, sources, today: businessDay(ctx.now(), tz), timeZone: tz };
}

/** The agent's own numbers today, by the same formulas as the sheet, and their calls. */
export function myCalls(ctx: CoreContext, agentId: string, limit: number): MyCalls {
  const tz = loadSettings(ctx.db).businessTimeZone;
  const day = businessDay(ctx.now(), tz);
  const filters: ReportFilters = { from: day, agentId };
  const calls = callFacts(ctx.db, periodBounds({ from: day, to: day }, tz), filters);
  const kpis = sheetKpis({ calls, orders: [], shipments: [], riskRejections: [], freightFen: loadReportSettings(ctx.db).freightFen });
  const ids = newestFirst(calls.slice(-limit)).map((c) => c.id);
  // The agent's own calls: their customers' numbers are on their cards anyway.
  return { day, timeZone: tz, kpis, total: calls.length, calls: callLinesByIds(ctx.db, ids).map((l) => toCallBehind(l, false)) };
}
