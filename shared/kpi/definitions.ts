/**
 * The daily outcome sheet's numbers, defined once. Every formula is a pure function over the plain
 * rows of ./facts; the dashboard, the XLSX/CSV exports, the agent's own view and the tests all call
 * these. What an outcome counts as comes from the outcome catalogue (shared/outcomes.ts), never
 * from outcome names scattered here.
 *
 * Conventions: money in integer fen; durations in ms; a rate is a fraction (0.25 = 25%) or null
 * when its denominator is 0 (shown as "—", never NaN).
 */
import { FLOWS, type Flow, type OrderStatus } from '../domain';
import { outcomeDef, REASON_LISTS, type ReasonList, type ReportCategory } from '../outcomes';
import type { CallFact, OrderFact, RiskRejectionFact, ShipmentFact } from './facts';

/** A fraction, or null when it divides by zero. */
export type Ratio = number | null;

/** n / d, or null when d is 0. */
export function ratio(n: number, d: number): Ratio {
  return d > 0 ? n / d : null;
}

/** What the outcome counts as in the sheet (the catalogue's `counts`). */
export function categoryOf(c: CallFact): ReportCategory {
  return outcomeDef(c.outcome).counts;
}

/**
 * An upsell offered inside a verify call: recorded as its own outcome (flow upsell) on the verify
 * card at the same instant. It is an offer and a result, but not another call.
 */
export function isInCallUpsell(c: CallFact): boolean {
  return c.flow === 'upsell' && c.taskFlow !== 'upsell';
}

/** A call: every outcome row except an in-call upsell. */
export function isCall(c: CallFact): boolean {
  return !isInCallUpsell(c);
}

/** Orders whose goods went out and did not come to a signature. */
const NOT_SIGNED_FINAL: ReadonlySet<OrderStatus> = new Set(['refused', 'returned', 'refunded']);
/** A verified order the buyer later refused at the door (or that came back). */
const REFUSED_LATER: ReadonlySet<OrderStatus> = new Set(['refused', 'returned']);

const isCategory =
  (...cats: ReportCategory[]) =>
  (c: CallFact) =>
    cats.includes(categoryOf(c));

/**
 * The numbers one can click to see the calls behind them. Each is a predicate over outcome rows;
 * the sheet counts rows matching it (or distinct orders, where the definition says so), and the
 * drill-down lists the same rows. One definition, two uses.
 */
export const CALL_KPIS = {
  /** Every outcome row (the outcomes-by-flow chart). */
  outcomes: () => true,
  /** Outcome rows that are calls (in-call upsells excluded). */
  calls: isCall,
  reached: (c: CallFact) => isCall(c) && c.reached,
  notReached: (c: CallFact) => isCall(c) && !c.reached,
  callbacks: isCategory('callback'),
  /** Unanswered calls that used up the retry ladder. */
  exhausted: (c: CallFact) => c.exhausted,
  /** Verify calls that confirmed the order, with or without corrections. */
  verified: isCategory('verified', 'corrected'),
  corrected: isCategory('corrected'),
  /** Did not order / fake. */
  rejected: isCategory('rejected'),
  cancelled: isCategory('cancelled'),
  unreachable: isCategory('unreachable'),
  /** Every upsell answer, on an upsell card or inside a verify call. */
  upsellOffers: isCategory('upsold', 'upsell_declined'),
  upsold: isCategory('upsold'),
  upsellDeclined: isCategory('upsell_declined'),
  /** Calls on recover cards (leads = their distinct orders). */
  recoverLeads: (c: CallFact) => c.flow === 'recover',
  recovered: isCategory('recovered'),
  lost: isCategory('lost'),
  /** Calls on track cards (cases = their distinct orders). */
  trackCases: (c: CallFact) => c.flow === 'track',
  saved: isCategory('saved'),
  refused: isCategory('refused'),
  revisitCalls: (c: CallFact) => c.flow === 'revisit',
  satisfied: isCategory('satisfied'),
  invited: isCategory('invited'),
  complaints: isCategory('complaint'),
  settled: isCategory('settled'),
  repurchase: isCategory('repurchase'),
  /** Verify calls that confirmed an order the buyer later refused at the door (or that came back). */
  attributedRefusals: (c: CallFact) => isCategory('verified', 'corrected')(c) && REFUSED_LATER.has(c.orderStatus),
} satisfies Record<string, (c: CallFact) => boolean>;

export type CallKpi = keyof typeof CALL_KPIS;
export const CALL_KPI_KEYS = Object.keys(CALL_KPIS) as [CallKpi, ...CallKpi[]];

function count(calls: readonly CallFact[], kpi: CallKpi): number {
  const p = CALL_KPIS[kpi];
  let n = 0;
  for (const c of calls) if (p(c)) n++;
  return n;
}

function distinctOrders(calls: readonly CallFact[], kpi: CallKpi): number {
  const p = CALL_KPIS[kpi];
  const seen = new Set<string>();
  for (const c of calls) if (p(c)) seen.add(c.orderId);
  return seen.size;
}

function sumAmount(calls: readonly CallFact[], kpi: CallKpi, pick: (c: CallFact) => number | null = (c) => c.amountFen): number {
  const p = CALL_KPIS[kpi];
  let s = 0;
  for (const c of calls) if (p(c)) s += pick(c) ?? 0;
  return s;
}

// ---------- calls ----------

export interface CallVolume {
  calls: number;
  reached: number;
  reachedRate: Ratio;
  notReached: number;
  callbacks: number;
  exhausted: number;
  talkMs: number;
  avgTalkMs: Ratio;
  handleMs: number;
  avgHandleMs: Ratio;
}

/**
 * - calls = outcome rows that are not in-call upsells
 * - reached = calls where the customer was reached; reachedRate = reached / calls
 * - notReached = calls − reached; callbacks = calls counted as callback; exhausted = calls that used up the retry ladder
 * - talkMs = Σ talk time of calls; avgTalkMs = talkMs / (calls with a talk time)
 * - handleMs = Σ handling time of calls; avgHandleMs (average handling time) = handleMs / (calls with a handling time)
 */
export function callVolume(calls: readonly CallFact[]): CallVolume {
  let n = 0;
  let reached = 0;
  let talkMs = 0;
  let talked = 0;
  let handleMs = 0;
  let handled = 0;
  for (const c of calls) {
    if (!isCall(c)) continue;
    n++;
    if (c.reached) reached++;
    if (c.talkMs !== null) {
      talkMs += c.talkMs;
      talked++;
    }
    if (c.handleMs !== null) {
      handleMs += c.handleMs;
      handled++;
    }
  }
  return {
    calls: n,
    reached,
    reachedRate: ratio(reached, n),
    notReached: n - reached,
    callbacks: count(calls, 'callbacks'),
    exhausted: count(calls, 'exhausted'),
    talkMs,
    avgTalkMs: ratio(talkMs, talked),
    handleMs,
    avgHandleMs: ratio(handleMs, handled),
  };
}

// ---------- verify ----------

export interface VerifyKpis {
  verified: number;
  corrected: number;
  rejectedFake: number;
  rejectedHighRisk: number;
  rejected: number;
  freightSavedFen: number;
  cancelled: number;
  unreachable: number;
}

/**
 * - verified = outcomes counted verified or corrected (confirmed, confirmed with corrections)
 * - corrected = outcomes counted corrected
 * - rejectedFake = outcomes counted rejected (did not order / fake)
 * - rejectedHighRisk = held high-risk orders a lead rejected in the period
 * - rejected = rejectedFake + rejectedHighRisk
 * - freightSavedFen = rejected × freight per order (an order not shipped costs no freight)
 * - cancelled, unreachable = outcomes counted so (wrong person and empty number are unreachable)
 */
export function verifyKpis(calls: readonly CallFact[], riskRejections: readonly RiskRejectionFact[], freightFen: number): VerifyKpis {
  const rejectedFake = count(calls, 'rejected');
  const rejectedHighRisk = new Set(riskRejections.map((r) => r.orderId)).size;
  const rejected = rejectedFake + rejectedHighRisk;
  return {
    verified: count(calls, 'verified'),
    corrected: count(calls, 'corrected'),
    rejectedFake,
    rejectedHighRisk,
    rejected,
    freightSavedFen: rejected * freightFen,
    cancelled: count(calls, 'cancelled'),
    unreachable: count(calls, 'unreachable'),
  };
}

// ---------- upsell ----------

export interface UpsellKpis {
  offers: number;
  accepted: number;
  declined: number;
  takeRate: Ratio;
  addedRevenueFen: number;
}

/**
 * - offers = upsell answers (accepted or declined), on upsell cards or inside verify calls
 * - accepted, declined = offers counted upsold / upsell_declined; takeRate = accepted / offers
 * - addedRevenueFen = Σ amount added by accepted offers
 */
export function upsellKpis(calls: readonly CallFact[]): UpsellKpis {
  const offers = count(calls, 'upsellOffers');
  const accepted = count(calls, 'upsold');
  return {
    offers,
    accepted,
    declined: count(calls, 'upsellDeclined'),
    takeRate: ratio(accepted, offers),
    addedRevenueFen: sumAmount(calls, 'upsold'),
  };
}

// ---------- recover ----------

export interface RecoverKpis {
  leads: number;
  recovered: number;
  lost: number;
  rate: Ratio;
  revenueFen: number;
}

/**
 * - leads = distinct orders with a recover call in the period
 * - recovered, lost = recover outcomes counted recovered / lost; rate = recovered / leads
 * - revenueFen = Σ order amount of the recovered outcomes' orders
 */
export function recoverKpis(calls: readonly CallFact[]): RecoverKpis {
  const leads = distinctOrders(calls, 'recoverLeads');
  const recovered = count(calls, 'recovered');
  return {
    leads,
    recovered,
    lost: count(calls, 'lost'),
    rate: ratio(recovered, leads),
    revenueFen: sumAmount(calls, 'recovered', (c) => c.orderAmountFen),
  };
}

// ---------- track ----------

export interface TrackKpis {
  cases: number;
  saved: number;
  refused: number;
  saveRate: Ratio;
  /** Cases that reached a final result (saved or clearly refused). */
  finalRate: Ratio;
  compensationFen: number;
  refusedByReason: Tally[];
}

/**
 * - cases = distinct orders with a track call in the period
 * - saved = outcomes counted saved (will sign, self pickup, new address, compensation accepted)
 * - refused = outcomes counted refused; refusedByReason = their reasons tallied
 * - saveRate = saved / cases; finalRate = (saved + refused) / cases
 * - compensationFen = Σ amount of saved outcomes (compensation given)
 */
export function trackKpis(calls: readonly CallFact[]): TrackKpis {
  const cases = distinctOrders(calls, 'trackCases');
  const saved = count(calls, 'saved');
  const refused = count(calls, 'refused');
  return {
    cases,
    saved,
    refused,
    saveRate: ratio(saved, cases),
    finalRate: ratio(saved + refused, cases),
    compensationFen: sumAmount(calls, 'saved'),
    refusedByReason: reasonTally(calls.filter(CALL_KPIS.refused), 'refusal'),
  };
}

// ---------- revisit ----------

export interface RevisitKpis {
  calls: number;
  reached: number;
  satisfied: number;
  invited: number;
  complaints: number;
  settled: number;
  repurchase: number;
  refundFen: number;
}

/**
 * - calls, reached = calls on revisit cards, and those that reached the buyer
 * - satisfied, invited (WeChat / group), complaints, settled (bad review settled), repurchase = outcomes counted so
 * - refundFen = Σ refund given on settled bad reviews
 */
export function revisitKpis(calls: readonly CallFact[]): RevisitKpis {
  const revisit = calls.filter(CALL_KPIS.revisitCalls);
  return {
    calls: count(revisit, 'calls'),
    reached: count(revisit, 'reached'),
    satisfied: count(revisit, 'satisfied'),
    invited: count(revisit, 'invited'),
    complaints: count(revisit, 'complaints'),
    settled: count(revisit, 'settled'),
    repurchase: count(revisit, 'repurchase'),
    refundFen: sumAmount(revisit, 'settled'),
  };
}

// ---------- order money ----------

export const MONEY_BUCKETS = ['unpaid', 'paidNotShipped', 'shipped', 'collected', 'closedBeforePayment', 'refunded'] as const;
export type MoneyBucket = (typeof MONEY_BUCKETS)[number];

/**
 * Where each order status sits in the seller's money decomposition (seed 004), for COD orders:
 * an accepted order waiting to ship is "paid, not shipped"; goods with the courier, including a
 * refusal still on its way back, are "shipped"; a signed order is "collected"; an order that ended
 * before shipping (cancelled, closed, fake, unreachable) is "closed before payment"; money or goods
 * returned after that are "refunded". Every status sits in exactly one bucket, so the buckets
 * always add up to the total.
 */
export const MONEY_BUCKET_OF_STATUS: Record<OrderStatus, MoneyBucket> = {
  unpaid: 'unpaid',
  pending_verify: 'paidNotShipped',
  verified: 'paidNotShipped',
  shipped: 'shipped',
  delivery_exception: 'shipped',
  refused: 'shipped',
  signed: 'collected',
  cancelled: 'closedBeforePayment',
  closed: 'closedBeforePayment',
  rejected: 'closedBeforePayment',
  unreachable: 'closedBeforePayment',
  returned: 'refunded',
  refunded: 'refunded',
};

export interface MoneyCell {
  orders: number;
  fen: number;
}

export interface MoneyKpis {
  buckets: Record<MoneyBucket, MoneyCell>;
  total: MoneyCell;
}

/**
 * Total ordered = unpaid + paid-not-shipped + shipped + collected + closed before payment +
 * refunded, over the orders placed in the period (order count and amount per bucket, by the
 * order's status now).
 */
export function moneyDecomposition(orders: readonly OrderFact[]): MoneyKpis {
  const buckets = Object.fromEntries(MONEY_BUCKETS.map((b) => [b, { orders: 0, fen: 0 }])) as Record<MoneyBucket, MoneyCell>;
  const total = { orders: 0, fen: 0 };
  for (const o of orders) {
    const cell = buckets[MONEY_BUCKET_OF_STATUS[o.status]];
    cell.orders++;
    cell.fen += o.amountFen;
    total.orders++;
    total.fen += o.amountFen;
  }
  return { buckets, total };
}

export interface LossCell {
  orders: number;
  closed: number;
  rate: Ratio;
}

export interface LossKpis extends LossCell {
  /** Orders where someone on the team talked to the buyer. */
  talked: LossCell;
  /** Orders nobody on the team talked to ("ordered alone"). */
  alone: LossCell;
}

/**
 * Loss rate = orders closed before payment / all orders placed in the period; split by whether a
 * call reached the buyer ("talked to service first") or not ("ordered alone").
 */
export function lossRate(orders: readonly OrderFact[]): LossKpis {
  const cell = (list: readonly OrderFact[]): LossCell => {
    const closed = list.filter((o) => MONEY_BUCKET_OF_STATUS[o.status] === 'closedBeforePayment').length;
    return { orders: list.length, closed, rate: ratio(closed, list.length) };
  };
  return { ...cell(orders), talked: cell(orders.filter((o) => o.talkedToService)), alone: cell(orders.filter((o) => !o.talkedToService)) };
}

// ---------- sign rate by ship date ----------

export interface SignCell {
  shipped: number;
  signed: number;
  /** Refused at the door or returned, never signed. */
  refused: number;
  inTransit: number;
  /** signed / shipped. */
  signRate: Ratio;
  /** signed / (signed + refused): among the shipments that have an answer. */
  settledSignRate: Ratio;
}

function isSigned(s: ShipmentFact): boolean {
  return s.signedAt !== null || s.status === 'signed';
}

/**
 * Over orders shipped in a period (a ship-date cohort): shipped = their count; signed = those with a
 * signature; refused = not signed and refused, returned or refunded; inTransit = the rest;
 * signRate = signed / shipped; settledSignRate = signed / (signed + refused).
 */
export function signRate(shipments: readonly ShipmentFact[]): SignCell {
  let signed = 0;
  let refused = 0;
  for (const s of shipments) {
    if (isSigned(s)) signed++;
    else if (NOT_SIGNED_FINAL.has(s.status)) refused++;
  }
  const shipped = shipments.length;
  return {
    shipped,
    signed,
    refused,
    inTransit: shipped - signed - refused,
    signRate: ratio(signed, shipped),
    settledSignRate: ratio(signed, signed + refused),
  };
}

export interface CohortRow extends SignCell {
  day: string;
}

/** signRate per ship day (the business day of shippedAt), for each of `days` (empty days included). */
export function signCohorts(shipments: readonly ShipmentFact[], days: readonly string[], dayOf: (iso: string) => string | null): CohortRow[] {
  const byDay = new Map<string, ShipmentFact[]>(days.map((d) => [d, []]));
  for (const s of shipments) {
    const d = dayOf(s.shippedAt);
    if (d !== null) byDay.get(d)?.push(s);
  }
  return days.map((day) => ({ day, ...signRate(byDay.get(day)!) }));
}

// ---------- reasons ----------

export interface Tally {
  reason: string;
  count: number;
  /** count / all reasons of this list in the period. */
  share: Ratio;
}

/**
 * Per reason of a list (loss, refusal, upsell decline, complaint): the outcome rows whose outcome
 * takes that list, by reason; share = count / their total. Most frequent first; ties in the list's
 * own order, then reasons leads added.
 */
export function reasonTally(calls: readonly CallFact[], list: ReasonList): Tally[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of calls) {
    if (outcomeDef(c.outcome).reasons !== list || c.reasonCode === null) continue;
    counts.set(c.reasonCode, (counts.get(c.reasonCode) ?? 0) + 1);
    total++;
  }
  const builtIn: readonly string[] = REASON_LISTS[list];
  const rank = (r: string) => {
    const i = builtIn.indexOf(r);
    return i < 0 ? builtIn.length : i;
  };
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || rank(a) - rank(b) || a.localeCompare(b))
    .map(([reason, n]) => ({ reason, count: n, share: ratio(n, total) }));
}

export const REASON_LIST_KEYS = Object.keys(REASON_LISTS) as ReasonList[];

export function reasonTallies(calls: readonly CallFact[]): Record<ReasonList, Tally[]> {
  return Object.fromEntries(REASON_LIST_KEYS.map((l) => [l, reasonTally(calls, l)])) as Record<ReasonList, Tally[]>;
}

// ---------- attribution ----------

export interface AttributedRefusals {
  verified: number;
  refused: number;
  rate: Ratio;
}

/**
 * Of the orders an agent confirmed on verify calls in the period: verified = those outcomes;
 * refused = the ones whose order was later refused at the door or returned; rate = refused / verified.
 */
export function attributedRefusals(calls: readonly CallFact[]): AttributedRefusals {
  const verified = count(calls, 'verified');
  const refused = count(calls, 'attributedRefusals');
  return { verified, refused, rate: ratio(refused, verified) };
}

// ---------- the sheet ----------

export interface SheetInput {
  calls: readonly CallFact[];
  /** Orders placed in the period. */
  orders: readonly OrderFact[];
  /** Orders shipped in the period. */
  shipments: readonly ShipmentFact[];
  riskRejections: readonly RiskRejectionFact[];
  /** Freight of one order (fen), from the report settings. */
  freightFen: number;
}

export interface SheetKpis {
  volume: CallVolume;
  verify: VerifyKpis;
  upsell: UpsellKpis;
  recover: RecoverKpis;
  track: TrackKpis;
  revisit: RevisitKpis;
  signRate: SignCell;
  money: MoneyKpis;
  loss: LossKpis;
  reasons: Record<ReasonList, Tally[]>;
  attributed: AttributedRefusals;
}

/** Every number of the summary, for one period and one set of filters. */
export function sheetKpis(input: SheetInput): SheetKpis {
  return {
    volume: callVolume(input.calls),
    verify: verifyKpis(input.calls, input.riskRejections, input.freightFen),
    upsell: upsellKpis(input.calls),
    recover: recoverKpis(input.calls),
    track: trackKpis(input.calls),
    revisit: revisitKpis(input.calls),
    signRate: signRate(input.shipments),
    money: moneyDecomposition(input.orders),
    loss: lossRate(input.orders),
    reasons: reasonTallies(input.calls),
    attributed: attributedRefusals(input.calls),
  };
}

// ---------- breakdowns ----------

export interface AgentKpis {
  agentId: string;
  volume: CallVolume;
  verify: VerifyKpis;
  upsell: UpsellKpis;
  recover: RecoverKpis;
  track: TrackKpis;
  revisit: RevisitKpis;
  attributed: AttributedRefusals;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(i);
  }
  return out;
}

/** The sheet's call numbers per agent (high-risk rejections go to the lead who rejected). Agents in first-call order. */
export function byAgent(calls: readonly CallFact[], riskRejections: readonly RiskRejectionFact[], freightFen: number): AgentKpis[] {
  const callsOf = groupBy(calls, (c) => c.agentId);
  const rejectionsOf = groupBy(riskRejections, (r) => r.agentId);
  const agents = [...new Set([...callsOf.keys(), ...rejectionsOf.keys()])];
  return agents.map((agentId) => {
    const mine = callsOf.get(agentId) ?? [];
    return {
      agentId,
      volume: callVolume(mine),
      verify: verifyKpis(mine, rejectionsOf.get(agentId) ?? [], freightFen),
      upsell: upsellKpis(mine),
      recover: recoverKpis(mine),
      track: trackKpis(mine),
      revisit: revisitKpis(mine),
      attributed: attributedRefusals(mine),
    };
  });
}

/** Outcome categories that are the point of each flow's call. */
export const FLOW_SUCCESS: Record<Flow, readonly ReportCategory[]> = {
  verify: ['verified', 'corrected'],
  upsell: ['upsold'],
  recover: ['recovered'],
  track: ['saved'],
  revisit: ['satisfied', 'invited', 'settled', 'repurchase'],
};

export interface FlowKpis {
  flow: Flow;
  volume: CallVolume;
  /** Outcome rows of the flow, in-call upsells included. */
  outcomes: number;
  /** Distinct orders with an outcome of the flow. */
  orders: number;
  success: number;
  /** success / orders. */
  successRate: Ratio;
  /** Σ money the flow's outcomes moved (upsell revenue, compensation, refunds). */
  amountFen: number;
}

/**
 * Per flow: volume = callVolume of the flow's calls; outcomes = its outcome rows; orders = their
 * distinct orders; success = rows in the flow's success categories (FLOW_SUCCESS);
 * successRate = success / orders; amountFen = Σ amount of its rows.
 */
export function byFlow(calls: readonly CallFact[]): FlowKpis[] {
  const of = groupBy(calls, (c) => c.flow);
  return FLOWS.map((flow) => {
    const rows = of.get(flow) ?? [];
    const success = rows.filter((c) => FLOW_SUCCESS[flow].includes(categoryOf(c))).length;
    const orders = new Set(rows.map((c) => c.orderId)).size;
    return {
      flow,
      volume: callVolume(rows),
      outcomes: rows.length,
      orders,
      success,
      successRate: ratio(success, orders),
      amountFen: rows.reduce((s, c) => s + (c.amountFen ?? 0), 0),
    };
  });
}

// ---------- chart series ----------

/** Calls (not in-call upsells) per hour of the business clock, 0–23, summed over the period's days. */
export function callsByHour(calls: readonly CallFact[], hourOf: (iso: string) => number): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const c of calls) if (isCall(c)) hours[hourOf(c.at)]++;
  return hours;
}

/** Outcome rows per flow and category (in-call upsells under upsell). */
export function outcomesByFlow(calls: readonly CallFact[]): Record<Flow, Partial<Record<ReportCategory, number>>> {
  const out = Object.fromEntries(FLOWS.map((f) => [f, {}])) as Record<Flow, Partial<Record<ReportCategory, number>>>;
  for (const c of calls) {
    const cat = categoryOf(c);
    out[c.flow][cat] = (out[c.flow][cat] ?? 0) + 1;
  }
  return out;
}

/** Drill-down: the rows behind a number, optionally one reason's or one hour's. */
export function callsBehind(
  calls: readonly CallFact[],
  kpi: CallKpi,
  opts: { reason?: string; hour?: number; hourOf?: (iso: string) => number; category?: ReportCategory; flow?: Flow } = {},
): CallFact[] {
  const p = CALL_KPIS[kpi];
  return calls.filter(
    (c) =>
      p(c) &&
      (opts.flow === undefined || c.flow === opts.flow) &&
      (opts.reason === undefined || c.reasonCode === opts.reason) &&
      (opts.category === undefined || categoryOf(c) === opts.category) &&
      (opts.hour === undefined || !opts.hourOf || opts.hourOf(c.at) === opts.hour),
  );
}

