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
import { OUTCOMES, REASON_LISTS, type OutcomeCode, type ReasonList, type ReportCategory } from '../outcomes';
import type { CallFact, OrderFact, RiskRejectionFact, ShipmentFact } from './facts';

/** A fraction, or null when it divides by zero. */
export type Ratio = number | null;

/** n / d, or null when d is 0. */
export function ratio(n: number, d: number): Ratio {
  return d > 0 ? n / d : null;
}

// The catalogue as plain lookups: the formulas run over every call of a day, several times.
const CATEGORY = Object.fromEntries(OUTCOMES.map((o) => [o.code, o.counts])) as Record<OutcomeCode, ReportCategory>;
const REASON_LIST_OF = Object.fromEntries(OUTCOMES.map((o) => [o.code, o.reasons ?? null])) as Record<OutcomeCode, ReasonList | null>;

/** What the outcome counts as in the sheet (the catalogue's `counts`). */
export function categoryOf(c: CallFact): ReportCategory {
  return CATEGORY[c.outcome];
}

/**
 * An upsell offered inside a verify call: recorded as its own outcome (flow upsell) on the verify
 * card at the same instant. It is an offer and a result, but not another call.
 */
export function isInCallUpsell(c: CallFact): boolean {
  return c.flow === 'upsell' && c.taskFlow !== 'upsell';
}

/**
 * A result recorded beside a call's own outcome, on that same call: an in-call upsell, or what else
 * a revisit call achieved (joined WeChat, wants to buy again). It has no time of its own.
 */
export function isAlsoOnCall(c: CallFact): boolean {
  return isInCallUpsell(c) || c.alsoOnCall === true;
}

/** A call: every outcome row except those recorded beside another on the same call. */
export function isCall(c: CallFact): boolean {
  return !isAlsoOnCall(c);
}

/** A verified order the buyer later refused at the door (or that came back). */
const REFUSED_LATER: ReadonlySet<OrderStatus> = new Set(['refused', 'returned']);

/** Predicates that look at the outcome's category only: tallyCalls answers them per outcome, by table. */
const CATEGORY_ONLY = new WeakMap<(c: CallFact) => boolean, ReadonlySet<ReportCategory>>();

const isCategory = (...cats: ReportCategory[]) => {
  const set: ReadonlySet<ReportCategory> = new Set(cats);
  const p = (c: CallFact) => set.has(CATEGORY[c.outcome]);
  CATEGORY_ONLY.set(p, set);
  return p;
};

const VERIFIED = isCategory('verified', 'corrected');
const UPSOLD = isCategory('upsold');
const UPSELL_ANSWER = isCategory('upsold', 'upsell_declined');
const RECOVERED = isCategory('recovered');
const SAVED = isCategory('saved');
const SETTLED = isCategory('settled');
const REFUSED = isCategory('refused');
/** A track case whose retry ladder ran out unanswered: its final result is a refusal, "unreachable". */
const trackGivenUp = (c: CallFact) => c.flow === 'track' && c.exhausted;

/** The row moved money: an amount given or added that is not zero (a save, settlement or upsell may move none). */
const movedMoney = (c: CallFact) => c.amountFen !== null && c.amountFen !== 0;

/**
 * The numbers one can click to see the calls behind them. Each is a predicate over outcome rows;
 * the sheet counts rows matching it (or distinct orders, where the definition says so), or sums
 * the amounts of the rows matching it (the money numbers), and the drill-down lists the same rows.
 * One definition, two uses: a money number's predicate picks only the rows that add to it, not
 * every row of its outcome (a save without compensation is not behind the compensation total).
 */
export const CALL_KPIS = {
  /** Every outcome row (the outcomes-by-flow chart). */
  outcomes: () => true,
  /** Outcome rows that are calls (in-call upsells excluded). */
  calls: isCall,
  reached: (c: CallFact) => isCall(c) && c.reached,
  /** Calls with a talk time (dialled from the card): the talk-time total sums theirs. */
  talked: (c: CallFact) => isCall(c) && c.talkMs !== null,
  notReached: (c: CallFact) => isCall(c) && !c.reached,
  callbacks: isCategory('callback'),
  /** Unanswered calls that used up the retry ladder. */
  exhausted: (c: CallFact) => c.exhausted,
  /** Verify calls that confirmed the order, with or without corrections. */
  verified: VERIFIED,
  corrected: isCategory('corrected'),
  /** Did not order / fake. */
  rejected: isCategory('rejected'),
  cancelled: isCategory('cancelled'),
  unreachable: isCategory('unreachable'),
  /** Every upsell answer, on an upsell card or inside a verify call. */
  upsellOffers: UPSELL_ANSWER,
  /** Upsell answers given inside a verify call (offers that are not calls of their own). */
  inCallOffers: (c: CallFact) => UPSELL_ANSWER(c) && isInCallUpsell(c),
  upsold: UPSOLD,
  upsellDeclined: isCategory('upsell_declined'),
  /** Calls on recover cards (leads = their distinct orders). */
  recoverLeads: (c: CallFact) => c.flow === 'recover',
  recovered: RECOVERED,
  lost: isCategory('lost'),
  /** Calls on track cards (cases = their distinct orders). */
  trackCases: (c: CallFact) => c.flow === 'track',
  saved: SAVED,
  /** Refused at the door, and track cases whose buyer was never reached: the parcel goes back (reason: unreachable). */
  refused: (c: CallFact) => REFUSED(c) || trackGivenUp(c),
  revisitCalls: (c: CallFact) => c.flow === 'revisit' && isCall(c),
  satisfied: isCategory('satisfied'),
  invited: isCategory('invited'),
  complaints: isCategory('complaint'),
  settled: SETTLED,
  repurchase: isCategory('repurchase'),
  /** Verify calls that confirmed an order the buyer later refused at the door (or that came back). */
  attributedRefusals: (c: CallFact) => VERIFIED(c) && REFUSED_LATER.has(c.orderStatus),
  /** Accepted upsells that added an amount (added revenue sums theirs; a free gift adds none). */
  upsellRevenue: (c: CallFact) => UPSOLD(c) && movedMoney(c),
  /** Recovered orders with an amount (recovered revenue sums their orders' amounts). */
  recoveredRevenue: (c: CallFact) => RECOVERED(c) && c.orderAmountFen !== 0,
  /** Saves that gave a compensation (the compensation total sums theirs; will sign, self pickup, a new address give none). */
  compensations: (c: CallFact) => SAVED(c) && movedMoney(c),
  /** Settled bad reviews that gave a refund (the refunds total sums theirs). */
  refunds: (c: CallFact) => SETTLED(c) && movedMoney(c),
} satisfies Record<string, (c: CallFact) => boolean>;

export type CallKpi = keyof typeof CALL_KPIS;
export const CALL_KPI_KEYS = Object.keys(CALL_KPIS) as [CallKpi, ...CallKpi[]];

const KPI_FNS: readonly ((c: CallFact) => boolean)[] = CALL_KPI_KEYS.map((k) => CALL_KPIS[k]);
const AT = Object.fromEntries(CALL_KPI_KEYS.map((k, i) => [k, i])) as Record<CallKpi, number>;
/**
 * A category-only predicate answers the same for every row of an outcome, so its answers are looked
 * up per outcome (from the predicate's own category list); the others are called per row. Same
 * definitions, a third of the work on a 100,000-call day.
 */
const BY_OUTCOME = Object.fromEntries(
  OUTCOMES.map((o) => [o.code, Uint8Array.from(KPI_FNS, (f) => (CATEGORY_ONLY.get(f)?.has(o.counts) ? 1 : 0))]),
) as Record<OutcomeCode, Uint8Array>;
const CATEGORY_KPIS = Int32Array.from(KPI_FNS.flatMap((f, i) => (CATEGORY_ONLY.has(f) ? [i] : [])));
const ROW_KPIS = Int32Array.from(KPI_FNS.flatMap((f, i) => (CATEGORY_ONLY.has(f) ? [] : [i])));

/**
 * Everything the call formulas need, in one pass over the rows: how many rows match each of
 * CALL_KPIS, the distinct orders behind leads and cases, the sums of time and money, the reasons.
 * Every count is a CALL_KPIS predicate, so a number and the calls behind it cannot disagree.
 */
export interface CallTally {
  count: Record<CallKpi, number>;
  /** Distinct orders with a recover call / a track call. */
  recoverLeadOrders: number;
  trackCaseOrders: number;
  talkMs: number;
  talked: number;
  handleMs: number;
  handled: number;
  /** Σ amount of the upsellRevenue, compensations and refunds rows; Σ order amount of the recoveredRevenue rows. */
  upsoldFen: number;
  savedFen: number;
  settledFen: number;
  recoveredOrderFen: number;
  revisitReached: number;
  reasons: Record<ReasonList, Map<string, number>>;
}

/** Which of CALL_KPIS a call matches (1 or 0 each, in CALL_KPI_KEYS order): one array, refilled per call. */
const HITS = new Uint8Array(KPI_FNS.length);
function hitsOf(c: CallFact): Uint8Array {
  const byOutcome = BY_OUTCOME[c.outcome];
  for (let j = 0; j < CATEGORY_KPIS.length; j++) {
    const k = CATEGORY_KPIS[j];
    HITS[k] = byOutcome[k];
  }
  for (let j = 0; j < ROW_KPIS.length; j++) {
    const k = ROW_KPIS[j];
    HITS[k] = KPI_FNS[k](c) ? 1 : 0;
  }
  return HITS;
}

/** Adds calls one at a time (an export counts 100,000 calls while it writes them, keeping none). */
export class CallTallier {
  private readonly n = new Array<number>(KPI_FNS.length).fill(0);
  private readonly leads = new Set<string>();
  private readonly cases = new Set<string>();
  private readonly reasons = Object.fromEntries(Object.keys(REASON_LISTS).map((l) => [l, new Map<string, number>()])) as Record<ReasonList, Map<string, number>>;
  readonly t = { talkMs: 0, talked: 0, handleMs: 0, handled: 0, upsoldFen: 0, savedFen: 0, settledFen: 0, recoveredOrderFen: 0, revisitReached: 0 };
  rows = 0;

  add(c: CallFact): void {
    this.addMatched(c, hitsOf(c));
  }

  /**
   * Adds a call whose matches are known (hitsOf, read before the next call's): a call counted into
   * several talliers (its agent's, product's, source's, day's) is matched against CALL_KPIS once.
   */
  addMatched(c: CallFact, hit: Uint8Array): void {
    const { n, t } = this;
    this.rows++;
    for (let k = 0; k < hit.length; k++) n[k] += hit[k];
    if (hit[AT.talked]) {
      t.talkMs += c.talkMs!;
      t.talked++;
    }
    if (hit[AT.calls]) {
      if (c.handleMs !== null) {
        t.handleMs += c.handleMs;
        t.handled++;
      }
    }
    if (hit[AT.recoverLeads]) this.leads.add(c.orderId);
    if (hit[AT.trackCases]) this.cases.add(c.orderId);
    // Each sum runs over its own drill-down's rows, so the total and the calls listed behind it agree.
    if (hit[AT.upsellRevenue]) t.upsoldFen += c.amountFen!;
    if (hit[AT.compensations]) t.savedFen += c.amountFen!;
    if (hit[AT.refunds]) t.settledFen += c.amountFen!;
    if (hit[AT.recoveredRevenue]) t.recoveredOrderFen += c.orderAmountFen;
    if (hit[AT.revisitCalls] && c.reached) t.revisitReached++;
    const list = trackGivenUp(c) ? 'refusal' : REASON_LIST_OF[c.outcome];
    const reason = trackGivenUp(c) ? 'unreachable' : c.reasonCode;
    if (list !== null && reason !== null) this.reasons[list].set(reason, (this.reasons[list].get(reason) ?? 0) + 1);
  }

  tally(): CallTally {
    const count = Object.fromEntries(CALL_KPI_KEYS.map((k, i) => [k, this.n[i]])) as Record<CallKpi, number>;
    return { count, recoverLeadOrders: this.leads.size, trackCaseOrders: this.cases.size, reasons: this.reasons, ...this.t };
  }

  /** The tally of all the calls several talliers saw (each call seen by one of them). */
  static merge(parts: Iterable<CallTallier>): CallTallier {
    const all = new CallTallier();
    for (const p of parts) {
      all.rows += p.rows;
      for (let k = 0; k < all.n.length; k++) all.n[k] += p.n[k];
      for (const id of p.leads) all.leads.add(id);
      for (const id of p.cases) all.cases.add(id);
      for (const [key, v] of Object.entries(p.t) as [keyof CallTallier['t'], number][]) all.t[key] += v;
      for (const list of Object.keys(p.reasons) as ReasonList[]) {
        for (const [reason, n] of p.reasons[list]) all.reasons[list].set(reason, (all.reasons[list].get(reason) ?? 0) + n);
      }
    }
    return all;
  }
}

export function tallyCalls(calls: readonly CallFact[]): CallTally {
  const t = new CallTallier();
  for (const c of calls) t.add(c);
  return t.tally();
}

/** The formulas take rows, or a tally of them (sheetKpis tallies once for all of them). */
export type Calls = readonly CallFact[] | CallTally;
const tallyOf = (x: Calls): CallTally => (Array.isArray(x) ? tallyCalls(x as readonly CallFact[]) : (x as CallTally));

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
 * - reached = calls someone answered (a wrong person and an agreed callback included: a connect, as
 *   call centres count it); reachedRate (connect rate) = reached / calls
 * - notReached = calls − reached; callbacks = calls counted as callback; exhausted = calls that used up the retry ladder
 * - talkMs = Σ talk time of calls; avgTalkMs = talkMs / (calls with a talk time)
 * - handleMs = Σ handling time of calls; avgHandleMs (average handling time) = handleMs / (calls with a handling time)
 */
export function callVolume(calls: Calls): CallVolume {
  return volumeOf(tallyOf(calls));
}

type VolumeParts = { count: Pick<Record<CallKpi, number>, 'calls' | 'reached' | 'notReached' | 'callbacks' | 'exhausted'> } & Pick<
  CallTally,
  'talkMs' | 'talked' | 'handleMs' | 'handled'
>;

function volumeOf(t: VolumeParts): CallVolume {
  return {
    calls: t.count.calls,
    reached: t.count.reached,
    reachedRate: ratio(t.count.reached, t.count.calls),
    notReached: t.count.notReached,
    callbacks: t.count.callbacks,
    exhausted: t.count.exhausted,
    talkMs: t.talkMs,
    avgTalkMs: ratio(t.talkMs, t.talked),
    handleMs: t.handleMs,
    avgHandleMs: ratio(t.handleMs, t.handled),
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
export function verifyKpis(calls: Calls, riskRejections: readonly RiskRejectionFact[], freightFen: number): VerifyKpis {
  const t = tallyOf(calls);
  const rejectedFake = t.count.rejected;
  const rejectedHighRisk = new Set(riskRejections.map((r) => r.orderId)).size;
  const rejected = rejectedFake + rejectedHighRisk;
  return {
    verified: t.count.verified,
    corrected: t.count.corrected,
    rejectedFake,
    rejectedHighRisk,
    rejected,
    freightSavedFen: rejected * freightFen,
    cancelled: t.count.cancelled,
    unreachable: t.count.unreachable,
  };
}

// ---------- upsell ----------

export interface UpsellKpis {
  offers: number;
  /** Of the offers, those made inside verify calls (not calls of their own). */
  offersInCall: number;
  accepted: number;
  declined: number;
  takeRate: Ratio;
  addedRevenueFen: number;
}

/**
 * - offers = upsell answers (accepted or declined), on upsell cards or inside verify calls
 * - offersInCall = the offers made inside verify calls: they are not calls, so with a flow filter
 *   of upsell the offers may outnumber the upsell calls reached
 * - accepted, declined = offers counted upsold / upsell_declined; takeRate = accepted / offers
 * - addedRevenueFen = Σ amount added by accepted offers (behind it: the upsellRevenue rows, those that added one)
 */
export function upsellKpis(calls: Calls): UpsellKpis {
  const t = tallyOf(calls);
  return {
    offers: t.count.upsellOffers,
    offersInCall: t.count.inCallOffers,
    accepted: t.count.upsold,
    declined: t.count.upsellDeclined,
    takeRate: ratio(t.count.upsold, t.count.upsellOffers),
    addedRevenueFen: t.upsoldFen,
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
 * - revenueFen = Σ order amount of the recovered outcomes' orders (behind it: the recoveredRevenue rows)
 */
export function recoverKpis(calls: Calls): RecoverKpis {
  const t = tallyOf(calls);
  return {
    leads: t.recoverLeadOrders,
    recovered: t.count.recovered,
    lost: t.count.lost,
    rate: ratio(t.count.recovered, t.recoverLeadOrders),
    revenueFen: t.recoveredOrderFen,
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
 * - refused = outcomes counted refused, and track calls that used up the retry ladder (the buyer was never
 *   reached: the parcel goes back); refusedByReason = their reasons tallied (those as "unreachable")
 * - saveRate = saved / cases; finalRate = (saved + refused) / cases
 * - compensationFen = Σ compensation given on saved outcomes (behind it: the compensations rows, the saves that gave one)
 */
export function trackKpis(calls: Calls): TrackKpis {
  const t = tallyOf(calls);
  const cases = t.trackCaseOrders;
  const { saved, refused } = t.count;
  return {
    cases,
    saved,
    refused,
    saveRate: ratio(saved, cases),
    finalRate: ratio(saved + refused, cases),
    compensationFen: t.savedFen,
    // Only a refusal takes a refusal reason.
    refusedByReason: reasonTally(t, 'refusal'),
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
 * - refundFen = Σ refund given on settled bad reviews (behind it: the refunds rows, the settlements that gave one)
 */
export function revisitKpis(calls: Calls): RevisitKpis {
  const t = tallyOf(calls);
  // These outcomes exist on revisit cards only.
  return {
    calls: t.count.revisitCalls,
    reached: t.revisitReached,
    satisfied: t.count.satisfied,
    invited: t.count.invited,
    complaints: t.count.complaints,
    settled: t.count.settled,
    repurchase: t.count.repurchase,
    refundFen: t.settledFen,
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
  /** Orders whose buyer talked to the team first (a phone order, or an earlier call that got through). */
  talked: LossCell;
  /** Orders placed without talking to the team first ("ordered alone"). */
  alone: LossCell;
  /** Orders closed before payment that nobody called about: lost for want of a follow-up. */
  uncalled: number;
  /** uncalled ÷ closed. */
  uncalledShare: Ratio;
}

/**
 * Loss rate = orders closed before payment / all orders placed in the period; split by whether the
 * buyer talked to the team before ordering ("talked to service first": ordered on the phone with an
 * agent, or an earlier call got through to the number) or not ("ordered alone"). The calls about the
 * order itself come after it: a verify call that ends in a cancellation does not make it "talked".
 * Of the closed orders, those nobody ever called about are counted apart: not following up after the
 * order is the commonest way a seller loses one, and it is the one the team can fix.
 */
export function lossRate(orders: readonly OrderFact[]): LossKpis {
  const isClosed = (o: OrderFact): boolean => MONEY_BUCKET_OF_STATUS[o.status] === 'closedBeforePayment';
  const cell = (list: readonly OrderFact[]): LossCell => {
    const closed = list.filter(isClosed).length;
    return { orders: list.length, closed, rate: ratio(closed, list.length) };
  };
  const all = cell(orders);
  // A rejection (fake or high risk, often decided from the screening alone) is the team's choice, not a loss for want of a call.
  const uncalled = orders.filter((o) => isClosed(o) && !o.called && o.status !== 'rejected').length;
  return {
    ...all,
    talked: cell(orders.filter((o) => o.talkedToService)),
    alone: cell(orders.filter((o) => !o.talkedToService)),
    uncalled,
    uncalledShare: ratio(uncalled, all.closed),
  };
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

/**
 * Over orders shipped in a period (a ship-date cohort): shipped = their count; signed = those with a
 * signature; refused = not signed, and refused at the door, returned or refunded; inTransit = the
 * rest; signRate = signed / shipped; settledSignRate = signed / (signed + refused).
 */
export function signRate(shipments: readonly ShipmentFact[]): SignCell {
  let signed = 0;
  let refused = 0;
  for (const s of shipments) {
    if (s.signedAt !== null) signed++;
    else if (s.refusedAt !== null) refused++;
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
export function reasonTally(calls: Calls, list: ReasonList): Tally[] {
  const counts = tallyOf(calls).reasons[list];
  let total = 0;
  for (const n of counts.values()) total += n;
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

export function reasonTallies(calls: Calls): Record<ReasonList, Tally[]> {
  const t = tallyOf(calls);
  return Object.fromEntries(REASON_LIST_KEYS.map((l) => [l, reasonTally(t, l)])) as Record<ReasonList, Tally[]>;
}

// ---------- attribution ----------

export interface AttributedRefusals {
  verified: number;
  refused: number;
  rate: Ratio;
}

/**
 * Of the verify calls that confirmed an order in the period (calls, as the summary's "verified"
 * counts them: an order confirmed twice counts twice): verified = those calls; refused = the ones
 * whose order was later refused at the door or returned; rate = refused / verified.
 */
export function attributedRefusals(calls: Calls): AttributedRefusals {
  const t = tallyOf(calls);
  return { verified: t.count.verified, refused: t.count.attributedRefusals, rate: ratio(t.count.attributedRefusals, t.count.verified) };
}

// ---------- the sheet ----------

export interface SheetInput {
  /** The period's calls, or their tally (an export counts them while writing them). */
  calls: Calls;
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
  const t = tallyOf(input.calls);
  return {
    volume: callVolume(t),
    verify: verifyKpis(t, input.riskRejections, input.freightFen),
    upsell: upsellKpis(t),
    recover: recoverKpis(t),
    track: trackKpis(t),
    revisit: revisitKpis(t),
    signRate: signRate(input.shipments),
    money: moneyDecomposition(input.orders),
    loss: lossRate(input.orders),
    reasons: reasonTallies(t),
    attributed: attributedRefusals(t),
  };
}

// ---------- breakdowns ----------

/**
 * The call figures of one group of the period's calls (an agent's, a product's, a source's, a
 * day's): the columns of the by-agent sheet and of the sheets that break the period down like it.
 */
export interface GroupKpis {
  volume: CallVolume;
  verify: VerifyKpis;
  upsell: UpsellKpis;
  recover: RecoverKpis;
  track: TrackKpis;
  revisit: RevisitKpis;
  attributed: AttributedRefusals;
}

export interface AgentKpis extends GroupKpis {
  agentId: string;
}

/** A group's figures with the key that names the group (a product, a source, a business day). */
export interface KeyedKpis extends GroupKpis {
  key: string;
}

/** Items by key; an item whose key is null is left out. */
function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    if (k === null) continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(i);
  }
  return out;
}

/** The sheet's call numbers per agent (high-risk rejections go to the lead who rejected). Agents in first-call order. */
export function byAgent(calls: readonly CallFact[], riskRejections: readonly RiskRejectionFact[], freightFen: number): AgentKpis[] {
  const book = new CallBook();
  for (const c of calls) book.add(c);
  return book.byAgent(riskRejections, freightFen);
}

function groupKpis(mine: CallTally, rejections: readonly RiskRejectionFact[], freightFen: number): GroupKpis {
  return {
    volume: callVolume(mine),
    verify: verifyKpis(mine, rejections, freightFen),
    upsell: upsellKpis(mine),
    recover: recoverKpis(mine),
    track: trackKpis(mine),
    revisit: revisitKpis(mine),
    attributed: attributedRefusals(mine),
  };
}

/**
 * The period's calls tallied per group, one CallTallier per key (keys in first-call order): the
 * by-agent sheet's grouping, and the by-product, by-source and by-day sheets'. Each group's
 * figures are the summary's over its calls alone, so a group's row reads as the dashboard filtered
 * to that group; high-risk rejections (not calls) go to the group `rejectionKey` names.
 */
export class CallGroups<C extends CallFact = CallFact> {
  private readonly talliers = new Map<string, CallTallier>();

  constructor(private readonly keyOf: (c: C) => string) {}

  /** Adds a call to its group; `hit`: its matches, when known (see CallTallier.addMatched). */
  add(c: C, hit: Uint8Array = hitsOf(c)): void {
    const key = this.keyOf(c);
    let t = this.talliers.get(key);
    if (!t) this.talliers.set(key, (t = new CallTallier()));
    t.addMatched(c, hit);
  }

  /** Every group's tallier (each call is in exactly one). */
  parts(): IterableIterator<CallTallier> {
    return this.talliers.values();
  }

  /**
   * Each group's figures: the `keys` given first (in their order, a group without calls too: the
   * days of a period), then the groups with calls, then those with only a rejection. A rejection
   * whose key is null belongs to no group.
   */
  kpis(
    riskRejections: readonly RiskRejectionFact[],
    rejectionKey: (r: RiskRejectionFact) => string | null,
    freightFen: number,
    keys: Iterable<string> = [],
  ): KeyedKpis[] {
    const rejectionsOf = groupBy(riskRejections, rejectionKey);
    const all = [...new Set([...keys, ...this.talliers.keys(), ...rejectionsOf.keys()])];
    const none = new CallTallier().tally();
    return all.map((key) => ({ key, ...groupKpis(this.talliers.get(key)?.tally() ?? none, rejectionsOf.get(key) ?? [], freightFen) }));
  }
}

/** Outcome categories that are the point of each flow's call. */
export const FLOW_SUCCESS: Record<Flow, readonly ReportCategory[]> = {
  verify: ['verified', 'corrected'],
  upsell: ['upsold'],
  recover: ['recovered'],
  track: ['saved'],
  revisit: ['satisfied', 'invited', 'settled', 'repurchase'],
};

/**
 * What each flow's success rate divides by. Chosen so that a flow's rate in the by-flow sheet is the
 * very figure the summary names for that flow: upsell → the take rate (加单成功率: upsells taken ÷
 * offers, in-call offers included), recover → the recovery rate (recovered ÷ leads, the distinct
 * orders called), track → the save rate (saved ÷ cases, the distinct orders called); verify and
 * revisit have no rate of their own in the summary: successes ÷ the distinct orders called.
 * (Dividing upsells by the orders called, as every flow once did, counted unanswered upsell calls
 * as failed offers: a second, lower "upsell success rate" beside the summary's.)
 */
export const FLOW_RATE_BASE: Record<Flow, 'orders' | 'offers'> = {
  verify: 'orders',
  upsell: 'offers',
  recover: 'orders',
  track: 'orders',
  revisit: 'orders',
};

export interface FlowKpis {
  flow: Flow;
  volume: CallVolume;
  /** Outcome rows of the flow, in-call upsells included. */
  outcomes: number;
  /** Distinct orders with an outcome of the flow. */
  orders: number;
  success: number;
  /** What successRate divides by (FLOW_RATE_BASE): the orders, or for upsell the offers. */
  rateBase: number;
  /** success / rateBase. */
  successRate: Ratio;
  /** The flow's money figure: upsell revenue added, recovered revenue, compensation given, review refunds given. */
  amountFen: number;
}

/**
 * Per flow: volume = callVolume of the flow's calls; outcomes = its outcome rows; orders = their
 * distinct orders; success = rows in the flow's success categories (FLOW_SUCCESS);
 * rateBase = orders, or for upsell the offers (FLOW_RATE_BASE); successRate = success / rateBase;
 * amountFen = the summary's money figure of the flow (Σ amount of its rows; for recover, Σ order
 * amount of the recovered orders, as recovered revenue).
 */
export function byFlow(calls: readonly CallFact[]): FlowKpis[] {
  const book = new CallBook();
  for (const c of calls) book.add(c);
  return book.byFlow();
}

/** callVolume's parts only, for the per-flow rows: the same predicates as CallTallier, fewer of them. */
class VolumeTallier {
  readonly count = { calls: 0, reached: 0, notReached: 0, callbacks: 0, exhausted: 0 };
  talkMs = 0;
  talked = 0;
  handleMs = 0;
  handled = 0;
  rows = 0;

  add(c: CallFact): void {
    this.rows++;
    if (CALL_KPIS.callbacks(c)) this.count.callbacks++;
    if (CALL_KPIS.exhausted(c)) this.count.exhausted++;
    if (!CALL_KPIS.calls(c)) return;
    this.count.calls++;
    if (CALL_KPIS.reached(c)) this.count.reached++;
    if (CALL_KPIS.notReached(c)) this.count.notReached++;
    if (c.talkMs !== null) {
      this.talkMs += c.talkMs;
      this.talked++;
    }
    if (c.handleMs !== null) {
      this.handleMs += c.handleMs;
      this.handled++;
    }
  }
}

const WINS = Object.fromEntries(FLOWS.map((f) => [f, new Set(FLOW_SUCCESS[f])])) as unknown as Record<Flow, ReadonlySet<ReportCategory>>;

/**
 * The calls of a period, added one at a time, with the whole team's tally, each agent's and each
 * flow's: what sheetKpis, byAgent and byFlow compute from rows, without keeping the rows. More
 * groupings (by product, source, day: any key of a call) are counted alongside when given, each a
 * CallGroups as the agents are.
 */
export class CallBook<C extends CallFact = CallFact, G extends string = never> {
  private readonly agents = new CallGroups<CallFact>((c) => c.agentId);
  private readonly groups: [G, CallGroups<C>][];
  private readonly flows = new Map<
    Flow,
    { tally: VolumeTallier; orders: Set<string>; success: number; offers: number; amountFen: number; lastWin: { taskId: string; at: string } | null }
  >(FLOWS.map((f) => [f, { tally: new VolumeTallier(), orders: new Set<string>(), success: 0, offers: 0, amountFen: 0, lastWin: null }]),
  );

  private count = 0;

  constructor(groupings?: Readonly<Partial<Record<G, (c: C) => string>>>) {
    this.groups = (Object.entries(groupings ?? {}) as [G, ((c: C) => string) | undefined][]).flatMap(([name, keyOf]) =>
      keyOf ? [[name, new CallGroups<C>(keyOf)] as [G, CallGroups<C>]] : [],
    );
  }

  get rows(): number {
    return this.count;
  }

  add(c: C): void {
    this.count++;
    // Matched once, counted into the call's agent and each of its groups.
    const hit = hitsOf(c);
    this.agents.add(c, hit);
    for (let i = 0; i < this.groups.length; i++) this.groups[i][1].add(c, hit);
    const flow = this.flows.get(c.flow)!;
    flow.tally.add(c);
    flow.orders.add(c.orderId);
    // One success per call: a revisit call that satisfied, invited and sold again is one success.
    // A call's results are recorded at one instant on its task and read one after another; an
    // upsell inside a verify call is the upsell flow's own result on the verify task.
    if (WINS[c.flow].has(CATEGORY[c.outcome])) {
      const last = flow.lastWin;
      if (c.flow === 'upsell' || !last || last.taskId !== c.taskId || last.at !== c.at) flow.success++;
      flow.lastWin = { taskId: c.taskId, at: c.at };
    }
    if (UPSELL_ANSWER(c)) flow.offers++;
    // The flow's money figure, as the summary names it: upsell revenue, compensation, refunds are the
    // rows' amounts; recovered revenue is the recovered orders' amounts (a recover row records none).
    flow.amountFen += c.flow === 'recover' ? (CALL_KPIS.recoveredRevenue(c) ? c.orderAmountFen : 0) : (c.amountFen ?? 0);
  }

  /** The team's tally: the agents' added up (every call is one agent's). */
  tally(): CallTally {
    return CallTallier.merge(this.agents.parts()).tally();
  }

  byAgent(riskRejections: readonly RiskRejectionFact[], freightFen: number): AgentKpis[] {
    return this.agents.kpis(riskRejections, (r) => r.agentId, freightFen).map(({ key, ...k }) => ({ agentId: key, ...k }));
  }

  /** One of the groupings given to the constructor, as byAgent counts the agents (see CallGroups.kpis). */
  by(
    grouping: G,
    riskRejections: readonly RiskRejectionFact[],
    rejectionKey: (r: RiskRejectionFact) => string | null,
    freightFen: number,
    keys?: Iterable<string>,
  ): KeyedKpis[] {
    const found = this.groups.find(([name]) => name === grouping);
    if (!found) throw new Error(`the book counts no grouping "${grouping}"`);
    return found[1].kpis(riskRejections, rejectionKey, freightFen, keys);
  }

  byFlow(): FlowKpis[] {
    return FLOWS.map((flow) => {
      const f = this.flows.get(flow)!;
      const rateBase = FLOW_RATE_BASE[flow] === 'offers' ? f.offers : f.orders.size;
      return {
        flow,
        volume: volumeOf(f.tally),
        outcomes: f.tally.rows,
        orders: f.orders.size,
        success: f.success,
        rateBase,
        successRate: ratio(f.success, rateBase),
        amountFen: f.amountFen,
      };
    });
  }
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

