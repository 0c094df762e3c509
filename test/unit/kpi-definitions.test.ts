/**
 * The daily sheet's formulas against a day worked out by hand. Every expected number is written
 * out with its arithmetic; nothing is computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import {
  attributedRefusals,
  byAgent,
  byFlow,
  callsBehind,
  callsByHour,
  callVolume,
  CallBook,
  isInCallUpsell,
  lossRate,
  MONEY_BUCKET_OF_STATUS,
  moneyDecomposition,
  outcomesByFlow,
  reasonTallies,
  recoverKpis,
  revisitKpis,
  sheetKpis,
  signCohorts,
  signRate,
  trackKpis,
  upsellKpis,
  verifyKpis,
  type CallKpi,
} from '../../shared/kpi/definitions';
import { SUMMARY_LINES } from '../../shared/reports/sheet';
import type { CallFact, OrderFact, RiskRejectionFact, ShipmentFact } from '../../shared/kpi/facts';
import { dayBucketer, hourBucketer } from '../../shared/kpi/period';
import { ORDER_STATUSES } from '../../shared/domain';

const TZ = 'Asia/Shanghai';
let seq = 0;

/** A call with neutral defaults (verify, confirmed, 09:30 on 2026-11-20 in Shanghai). */
function call(p: Partial<CallFact> & Pick<CallFact, 'outcome'>): CallFact {
  seq++;
  const flow = p.flow ?? 'verify';
  return {
    id: `c${seq}`,
    at: '2026-11-20T01:30:00.000Z',
    agentId: 'A',
    orderId: `o${seq}`,
    taskId: `t${seq}`,
    taskFlow: p.taskFlow ?? flow,
    flow,
    reached: true,
    reasonCode: null,
    amountFen: null,
    handleMs: null,
    talkMs: null,
    exhausted: false,
    orderAmountFen: 9900,
    orderStatus: 'verified',
    ...p,
  };
}

// The worked day: agents A and B, 17 outcome rows, one of them an in-call upsell.
const c1 = call({ outcome: 'confirmed', orderId: 'o1', taskId: 't1', handleMs: 120_000, talkMs: 90_000, orderStatus: 'refused' });
const c2 = call({ outcome: 'upsell_accepted', flow: 'upsell', taskFlow: 'verify', orderId: 'o1', taskId: 't1', amountFen: 7000, handleMs: 120_000, talkMs: 90_000, orderStatus: 'refused' });
const c3 = call({ outcome: 'corrected', orderId: 'o2', handleMs: 180_000, orderStatus: 'signed', at: '2026-11-20T02:10:00.000Z' });
const c4 = call({ outcome: 'no_answer', orderId: 'o3', reached: false, handleMs: 30_000, talkMs: 20_000, orderStatus: 'pending_verify', at: '2026-11-20T02:40:00.000Z' });
const c5 = call({ outcome: 'no_answer', orderId: 'o4', reached: false, handleMs: 20_000, talkMs: 15_000, exhausted: true, orderStatus: 'unreachable', at: '2026-11-20T06:05:00.000Z' });
const c6 = call({ outcome: 'not_ordered', agentId: 'B', orderId: 'o5', handleMs: 60_000, talkMs: 40_000, orderStatus: 'rejected' });
const c7 = call({ outcome: 'upsell_declined', flow: 'upsell', agentId: 'B', orderId: 'o6', reasonCode: 'too_expensive' });
const c8 = call({ outcome: 'recovered', flow: 'recover', agentId: 'B', orderId: 'o7', orderAmountFen: 16_900 });
const c9 = call({ outcome: 'not_recovered', flow: 'recover', agentId: 'B', orderId: 'o8', reasonCode: 'found_cheaper', orderStatus: 'cancelled' });
const c10 = call({ outcome: 'no_answer', flow: 'recover', agentId: 'B', orderId: 'o9', reached: false, orderStatus: 'cancelled' });
const c11 = call({ outcome: 'will_sign', flow: 'track', orderId: 'o10', orderStatus: 'shipped' });
const c12 = call({ outcome: 'compensation_accepted', flow: 'track', orderId: 'o11', amountFen: 500, orderStatus: 'shipped' });
const c13 = call({ outcome: 'refused', flow: 'track', orderId: 'o12', reasonCode: 'courier_attitude', orderStatus: 'refused' });
const c14 = call({ outcome: 'refused', flow: 'track', orderId: 'o13', reasonCode: 'courier_attitude', orderStatus: 'refused' });
const c15 = call({ outcome: 'satisfied', flow: 'revisit', agentId: 'B', orderId: 'o14', orderStatus: 'signed' });
const c16 = call({ outcome: 'bad_review_settled', flow: 'revisit', agentId: 'B', orderId: 'o15', amountFen: 1000, orderStatus: 'signed' });
const c17 = call({ outcome: 'callback', agentId: 'B', orderId: 'o16', orderStatus: 'pending_verify' });
const DAY: CallFact[] = [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17];

const RISK: RiskRejectionFact[] = [{ orderId: 'o20', at: '2026-11-20T03:00:00.000Z', agentId: 'L' }];

const order = (id: string, status: OrderFact['status'], amountFen: number, talkedToService: boolean, called = true): OrderFact => ({
  id,
  status,
  amountFen,
  talkedToService,
  called,
});
const ORDERS: OrderFact[] = [
  order('a', 'unpaid', 5000, false, false), // never called, but not closed: not lost (yet)
  order('b', 'pending_verify', 9900, false),
  order('c', 'verified', 12_900, true),
  order('d', 'shipped', 9900, true),
  order('e', 'signed', 16_900, true),
  order('f', 'cancelled', 9900, true),
  order('g', 'closed', 4900, false, false), // closed and nobody ever called
  order('h', 'rejected', 9900, true, false), // rejected by a lead from the screening: the team's decision, not a loss for want of a call
  order('i', 'refunded', 9900, true),
  order('j', 'returned', 6900, false),
];

const ship = (orderId: string, signedAt: string | null, refusedAt: string | null, shippedAt = '2026-11-20T08:00:00.000Z'): ShipmentFact => ({
  orderId,
  shippedAt,
  signedAt,
  refusedAt,
});
const SHIPMENTS: ShipmentFact[] = [
  ship('s1', '2026-11-22T05:00:00.000Z', null),
  ship('s2', '2026-11-22T06:00:00.000Z', '2026-11-25T06:00:00.000Z'), // signed, then refunded: it was signed
  ship('s3', null, '2026-11-22T07:00:00.000Z'), // refused at the door
  ship('s4', null, '2026-11-23T07:00:00.000Z'), // returned
  ship('s5', null, null), // on its way
  ship('s6', null, null), // a delivery exception, not settled
];

describe('calls', () => {
  it('an upsell inside a verify call is an offer, not a call', () => {
    expect(isInCallUpsell(c2)).toBe(true);
    expect(isInCallUpsell(c7)).toBe(false); // on an upsell card of its own
  });

  it('counts calls, connect rate, talk and handling time', () => {
    expect(callVolume(DAY)).toEqual({
      calls: 16, // 17 rows − 1 in-call upsell (c2)
      reached: 13, // 16 − not reached c4, c5, c10
      reachedRate: 13 / 16, // 0.8125
      notReached: 3,
      callbacks: 1, // c17
      exhausted: 1, // c5
      talkMs: 165_000, // c1 90,000 + c4 20,000 + c5 15,000 + c6 40,000 (c2's copy not counted)
      avgTalkMs: 41_250, // 165,000 ÷ 4 calls with a talk time
      handleMs: 410_000, // c1 120,000 + c3 180,000 + c4 30,000 + c5 20,000 + c6 60,000
      avgHandleMs: 82_000, // 410,000 ÷ 5 calls with a handling time
    });
  });
});

describe('verify', () => {
  it('counts verified, corrected, rejections and freight saved', () => {
    expect(verifyKpis(DAY, RISK, 1200)).toEqual({
      verified: 2, // c1 confirmed + c3 corrected
      corrected: 1, // c3
      rejectedFake: 1, // c6
      rejectedHighRisk: 1, // o20, by lead L
      rejected: 2, // 1 + 1
      freightSavedFen: 2400, // 2 × ¥12.00
      cancelled: 0,
      unreachable: 0,
    });
  });

  it('a high-risk order rejected twice in the history counts once', () => {
    expect(verifyKpis([], [...RISK, { ...RISK[0], at: '2026-11-20T04:00:00.000Z' }], 1200).rejectedHighRisk).toBe(1);
  });
});

describe('upsell, recover, track, revisit', () => {
  it('upsell offers include the in-call one', () => {
    expect(upsellKpis(DAY)).toEqual({
      offers: 2, // c2 (in call) + c7 (upsell card)
      offersInCall: 1, // c2
      accepted: 1,
      declined: 1,
      takeRate: 0.5, // 1 ÷ 2
      addedRevenueFen: 7000, // c2
    });
  });

  it('recover leads are distinct orders; revenue is the recovered orders’ amount', () => {
    expect(recoverKpis(DAY)).toEqual({
      leads: 3, // o7, o8, o9
      recovered: 1, // c8
      lost: 1, // c9
      rate: 1 / 3,
      revenueFen: 16_900, // o7
    });
    // Two calls on one lead are still one lead.
    expect(recoverKpis([c9, { ...c10, orderId: 'o8' }]).leads).toBe(1);
  });

  it('track cases, saves, refusals with reasons', () => {
    expect(trackKpis(DAY)).toEqual({
      cases: 4, // o10..o13
      saved: 2, // c11 will sign, c12 compensation accepted
      refused: 2, // c13, c14
      saveRate: 0.5, // 2 ÷ 4
      finalRate: 1, // (2 + 2) ÷ 4
      compensationFen: 500, // c12
      refusedByReason: [{ reason: 'courier_attitude', count: 2, share: 1 }],
    });
  });

  it('a track case unanswered when its retries ran out is a refusal, reason unreachable; an unanswered call before that is not', () => {
    const tries = [
      call({ flow: 'track', outcome: 'no_answer', reached: false, orderId: 'tx' }),
      call({ flow: 'track', outcome: 'busy', reached: false, orderId: 'tx' }),
      call({ flow: 'track', outcome: 'powered_off', reached: false, orderId: 'tx', exhausted: true }),
      // A verify order's ladder running out is not a refusal.
      call({ outcome: 'no_answer', reached: false, exhausted: true }),
    ];
    expect(trackKpis(tries)).toMatchObject({ cases: 1, saved: 0, refused: 1, finalRate: 1, refusedByReason: [{ reason: 'unreachable', count: 1, share: 1 }] });
    expect(trackKpis([...DAY, ...tries]).refusedByReason).toEqual([
      { reason: 'courier_attitude', count: 2, share: 2 / 3 },
      { reason: 'unreachable', count: 1, share: 1 / 3 },
    ]);
  });

  it('revisit results and refunds', () => {
    expect(revisitKpis(DAY)).toEqual({ calls: 2, reached: 2, satisfied: 1, invited: 0, complaints: 0, settled: 1, repurchase: 0, refundFen: 1000 });
  });
});

describe('order money and loss rate', () => {
  it('every status sits in exactly one bucket', () => {
    expect(Object.keys(MONEY_BUCKET_OF_STATUS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('decomposes the total ordered; the buckets add up to the total', () => {
    const m = moneyDecomposition(ORDERS);
    expect(m.buckets).toEqual({
      unpaid: { orders: 1, fen: 5000 }, // a
      paidNotShipped: { orders: 2, fen: 22_800 }, // b 9,900 + c 12,900
      shipped: { orders: 1, fen: 9900 }, // d
      collected: { orders: 1, fen: 16_900 }, // e
      closedBeforePayment: { orders: 3, fen: 24_700 }, // f 9,900 + g 4,900 + h 9,900
      refunded: { orders: 2, fen: 16_800 }, // i 9,900 + j 6,900
    });
    // 5,000 + 22,800 + 9,900 + 16,900 + 24,700 + 16,800 = 96,100
    expect(m.total).toEqual({ orders: 10, fen: 96_100 });
  });

  it('loss rate, split by whether the team talked to the buyer', () => {
    expect(lossRate(ORDERS)).toEqual({
      orders: 10,
      closed: 3, // f, g, h
      rate: 0.3, // 3 ÷ 10
      talked: { orders: 6, closed: 2, rate: 1 / 3 }, // c d e f h i; closed f h
      alone: { orders: 4, closed: 1, rate: 0.25 }, // a b g j; closed g
      uncalled: 1, // g; a was not called either but is still open
      uncalledShare: 1 / 3,
    });
  });
});

describe('sign rate by ship date', () => {
  it('signed, refused, in transit and the two rates', () => {
    expect(signRate(SHIPMENTS)).toEqual({
      shipped: 6,
      signed: 2, // s1, s2 (signed before its refund)
      refused: 2, // s3 refused, s4 returned
      inTransit: 2, // s5, s6
      signRate: 1 / 3, // 2 ÷ 6
      settledSignRate: 0.5, // 2 ÷ (2 + 2)
    });
  });

  it('cohorts by business ship day, empty days included', () => {
    const days = ['2026-11-19', '2026-11-20', '2026-11-21'];
    const late = ship('s7', '2026-11-23T01:00:00.000Z', null, '2026-11-20T17:30:00.000Z'); // 01:30 on the 21st in Shanghai
    const rows = signCohorts([...SHIPMENTS, late], days, dayBucketer(days, TZ));
    expect(rows.map((r) => [r.day, r.shipped, r.signed, r.signRate])).toEqual([
      ['2026-11-19', 0, 0, null], // nothing shipped: no rate, not 0 and not NaN
      ['2026-11-20', 6, 2, 1 / 3],
      ['2026-11-21', 1, 1, 1],
    ]);
  });
});

describe('reasons and attribution', () => {
  it('tallies each reason list, most frequent first, with shares', () => {
    const more = [...DAY, call({ outcome: 'not_recovered', flow: 'recover', reasonCode: 'impulse' }), call({ outcome: 'not_recovered', flow: 'recover', reasonCode: 'impulse' })];
    expect(reasonTallies(more)).toEqual({
      loss: [
        { reason: 'impulse', count: 2, share: 2 / 3 },
        { reason: 'found_cheaper', count: 1, share: 1 / 3 },
      ],
      refusal: [{ reason: 'courier_attitude', count: 2, share: 1 }],
      upsellDecline: [{ reason: 'too_expensive', count: 1, share: 1 }],
      complaint: [],
    });
  });

  it('equal counts keep the list’s own order; reasons leads added come after', () => {
    const rows = [
      call({ outcome: 'not_recovered', flow: 'recover', reasonCode: '快递太慢了' }),
      call({ outcome: 'not_recovered', flow: 'recover', reasonCode: 'no_follow_up' }),
      call({ outcome: 'not_recovered', flow: 'recover', reasonCode: 'impulse' }),
    ];
    expect(reasonTallies(rows).loss.map((r) => r.reason)).toEqual(['impulse', 'no_follow_up', '快递太慢了']);
  });

  it('verified orders later refused are attributed to the verifying agent', () => {
    expect(attributedRefusals(DAY)).toEqual({ verified: 2, refused: 1, rate: 0.5 }); // o1 refused of o1, o2
  });
});

describe('breakdowns and charts', () => {
  it('per agent', () => {
    const rows = byAgent(DAY, RISK, 1200);
    const a = rows.find((r) => r.agentId === 'A')!;
    const b = rows.find((r) => r.agentId === 'B')!;
    const l = rows.find((r) => r.agentId === 'L')!;
    expect([a.volume.calls, a.volume.reached]).toEqual([8, 6]); // c1 c3 c4 c5 c11–c14; not reached c4 c5
    expect([b.volume.calls, b.volume.reached]).toEqual([8, 7]); // c6–c10 c15–c17; not reached c10
    expect(a.upsell).toEqual({ offers: 1, offersInCall: 1, accepted: 1, declined: 0, takeRate: 1, addedRevenueFen: 7000 });
    expect(a.attributed).toEqual({ verified: 2, refused: 1, rate: 0.5 });
    // The lead who rejected the high-risk order made no call: a row of zeros with the rejection.
    expect(l.volume.calls).toBe(0);
    expect(l.volume.reachedRate).toBeNull();
    expect(l.verify.rejectedHighRisk).toBe(1);
    expect(l.verify.freightSavedFen).toBe(1200);
  });

  it('any grouping of the calls counts as the agents are counted: one tally per key, rejections by their own key', () => {
    // By hour of the day (any key of a call): 09:00 has c1, c2 and c6–c17; 10:00 c3 and c4; 14:00 c5.
    const hourOf = hourBucketer(TZ);
    const book = new CallBook<CallFact, 'hour' | 'agent'>({ hour: (c) => String(hourOf(c.at)), agent: (c) => c.agentId });
    for (const c of DAY) book.add(c);
    const byHour = book.by('hour', RISK, (r) => String(hourOf(r.at)), 1200, ['8']);
    // The keys given first (an hour without calls too), then the calls' in first-call order, then
    // the rejection's: at 11:00 (03:00Z) nobody called, a row of zeros with the rejection.
    expect(byHour.map((h) => [h.key, h.volume.calls, h.verify.rejectedHighRisk])).toEqual([
      ['8', 0, 0],
      ['9', 13, 0],
      ['10', 2, 0],
      ['14', 1, 0],
      ['11', 0, 1],
    ]);
    // A rejection with a call's key goes to that row; one whose key is null belongs to no row.
    expect(book.by('hour', RISK, () => '9', 1200).map((h) => [h.key, h.verify.rejected])).toEqual([['9', 2], ['10', 0], ['14', 0]]); // c6's fake + the rejection
    expect(book.by('hour', RISK, () => null, 1200).reduce((n, h) => n + h.verify.rejected, 0)).toBe(1); // c6's fake only
    // The same figures as byAgent, which is this grouping by agent.
    expect(book.by('agent', RISK, (r) => r.agentId, 1200).map(({ key, ...k }) => ({ agentId: key, ...k }))).toEqual(byAgent(DAY, RISK, 1200));
    expect(book.byAgent(RISK, 1200)).toEqual(byAgent(DAY, RISK, 1200));
    // The groups add up to the whole day.
    expect(byHour.reduce((n, h) => n + h.volume.calls, 0)).toBe(callVolume(DAY).calls);
    expect(() => new CallBook<CallFact, 'day'>().by('day', [], () => null, 0)).toThrow(/day/);
  });

  it('per flow', () => {
    const [verify, upsell] = byFlow(DAY);
    expect(verify).toMatchObject({
      flow: 'verify',
      outcomes: 6, // c1 c3 c4 c5 c6 c17
      orders: 6,
      success: 2, // c1, c3
      successRate: 2 / 6,
    });
    expect(verify.volume.calls).toBe(6);
    expect(verify.volume.reached).toBe(4); // c1 c3 c6 c17
    expect(upsell).toMatchObject({ flow: 'upsell', outcomes: 2, orders: 2, success: 1, rateBase: 2, successRate: 0.5, amountFen: 7000 });
    expect(upsell.volume.calls).toBe(1); // c7 only: c2 was inside a verify call
  });

  it('per flow, each rate is the summary’s rate of that flow (upsell: the take rate, not per order called)', () => {
    // An upsell card nobody answered: an order called, but no offer made.
    const unanswered = call({ outcome: 'no_answer', flow: 'upsell', orderId: 'o17', reached: false });
    const day = [...DAY, unanswered];
    const flows = Object.fromEntries(byFlow(day).map((f) => [f.flow, f]));
    // 3 upsell orders (o1 in call, o6, o17), 2 offers (c2, c7), 1 taken.
    expect(flows.upsell).toMatchObject({ orders: 3, success: 1, rateBase: 2, successRate: 0.5 });
    expect(flows.upsell.successRate).toBe(upsellKpis(day).takeRate);
    expect(flows.recover).toMatchObject({ orders: 3, success: 1, rateBase: 3, successRate: 1 / 3 });
    expect(flows.recover.successRate).toBe(recoverKpis(day).rate);
    // Recovered revenue, as the summary's: o7's amount (a recover row records no amount of its own).
    expect(flows.recover.amountFen).toBe(recoverKpis(day).revenueFen);
    expect(flows.track.successRate).toBe(trackKpis(day).saveRate); // 2 saved ÷ 4 cases
    expect(flows.track.amountFen).toBe(trackKpis(day).compensationFen);
    expect(flows.revisit.amountFen).toBe(revisitKpis(day).refundFen);
  });

  it('calls by business hour', () => {
    const hours = callsByHour(DAY, hourBucketer(TZ));
    expect(hours[9]).toBe(13); // 16 calls, all at 09:30 (01:30Z) except c3, c4 and c5
    expect(hours[10]).toBe(2); // c3 10:10, c4 10:40
    expect(hours[14]).toBe(1); // c5 14:05
    expect(hours.reduce((s, n) => s + n, 0)).toBe(16); // every call once; c2 is not a call
  });

  it('outcomes by flow count every row, in-call upsells under upsell', () => {
    const o = outcomesByFlow(DAY);
    expect(o.upsell).toEqual({ upsold: 1, upsell_declined: 1 });
    expect(o.verify).toEqual({ verified: 1, corrected: 1, unreached: 2, rejected: 1, callback: 1 });
  });

  it('the calls behind a number are the rows the number counts', () => {
    expect(callsBehind(DAY, 'reached').length).toBe(callVolume(DAY).reached);
    expect(callsBehind(DAY, 'upsellOffers').map((c) => c.id)).toEqual([c2.id, c7.id]);
    expect(callsBehind(DAY, 'refused', { reason: 'courier_attitude' }).map((c) => c.id)).toEqual([c13.id, c14.id]);
    expect(callsBehind(DAY, 'outcomes', { flow: 'verify', category: 'unreached' }).map((c) => c.id)).toEqual([c4.id, c5.id]);
    expect(callsBehind(DAY, 'calls', { hour: 14, hourOf: hourBucketer(TZ) }).map((c) => c.id)).toEqual([c5.id]);
  });
});

describe('the calls behind a money number', () => {
  // The worked day, plus saves, settlements, upsells and recoveries that moved no money.
  const x1 = call({ outcome: 'self_pickup', flow: 'track', orderId: 'o30', orderStatus: 'shipped' });
  const x2 = call({ outcome: 'compensation_accepted', flow: 'track', orderId: 'o31', amountFen: 800, orderStatus: 'shipped' });
  const x3 = call({ outcome: 'compensation_accepted', flow: 'track', orderId: 'o32', amountFen: 0, orderStatus: 'shipped' }); // nothing paid
  const x4 = call({ outcome: 'address_corrected', flow: 'track', orderId: 'o33', orderStatus: 'shipped' });
  const x5 = call({ outcome: 'bad_review_settled', flow: 'revisit', orderId: 'o34', amountFen: 0, orderStatus: 'signed' }); // settled without a refund
  const x6 = call({ outcome: 'upsell_accepted', flow: 'upsell', orderId: 'o35', amountFen: 0 }); // a free gift added
  const x7 = call({ outcome: 'recovered', flow: 'recover', orderId: 'o36', orderAmountFen: 0 }); // a free sample lead
  const rows = [...DAY, x1, x2, x3, x4, x5, x6, x7];
  const k = sheetKpis({ calls: rows, orders: [], shipments: [], riskRejections: [], freightFen: 1200 });

  /** Each money line of the summary: the calls that make it up (by hand) and the amount each adds. */
  const MONEY: Record<string, { calls: CallFact[]; amount(c: CallFact): number | null }> = {
    addedRevenue: { calls: [c2], amount: (c) => c.amountFen }, // ¥70.00; x6 added nothing
    recoveredRevenue: { calls: [c8], amount: (c) => c.orderAmountFen }, // ¥169.00; x7's order is ¥0
    compensation: { calls: [c12, x2], amount: (c) => c.amountFen }, // ¥5.00 + ¥8.00; c11 x1 x4 saved without, x3 ¥0
    refunds: { calls: [c16], amount: (c) => c.amountFen }, // ¥10.00; x5 settled with ¥0
  };

  it('lists exactly the calls whose amounts the number sums, and they add up to it', () => {
    const drilled = SUMMARY_LINES.filter((l) => l.kind === 'money' && l.drill);
    expect(drilled.map((l) => l.key).sort()).toEqual(Object.keys(MONEY).sort());
    for (const line of drilled) {
      const { calls, amount } = MONEY[line.key];
      const behind = callsBehind(rows, line.drill!);
      expect(behind.map((c) => c.id), line.key).toEqual(calls.map((c) => c.id));
      expect(behind.reduce((s, c) => s + (amount(c) ?? 0), 0), line.key).toBe(line.get(k));
    }
    expect([k.upsell.addedRevenueFen, k.recover.revenueFen, k.track.compensationFen, k.revisit.refundFen]).toEqual([7000, 16_900, 1300, 1000]);
  });

  it('talk time lists the calls that were dialled, and their talk times add up to it', () => {
    const line = SUMMARY_LINES.find((l) => l.key === 'talkTime')!;
    const behind = callsBehind(rows, line.drill!);
    expect(behind.length).toBeGreaterThan(0);
    expect(behind.every((c) => c.talkMs !== null)).toBe(true);
    expect(behind.length).toBeLessThan(rows.filter((c) => c.flow === c.taskFlow).length);
    expect(behind.reduce((s, c) => s + c.talkMs!, 0)).toBe(line.get(k));
  });

  it('a count lists as many calls as it counts (leads and cases: as many orders)', () => {
    const DISTINCT_ORDERS: ReadonlySet<CallKpi> = new Set(['recoverLeads', 'trackCases']);
    const withDrill = SUMMARY_LINES.filter((l) => l.kind === 'count' && l.drill);
    expect(withDrill.length).toBeGreaterThan(10);
    for (const line of withDrill) {
      const behind = callsBehind(rows, line.drill!);
      const n = DISTINCT_ORDERS.has(line.drill!) ? new Set(behind.map((c) => c.orderId)).size : behind.length;
      expect(n, line.key).toBe(line.get(k));
    }
    // The counts of saves, settlements, upsells and recoveries still count every one of them.
    expect([k.track.saved, k.revisit.settled, k.upsell.accepted, k.recover.recovered]).toEqual([6, 2, 2, 2]);
  });
});

describe('an empty day', () => {
  it('counts zeros and never divides by zero', () => {
    const k = sheetKpis({ calls: [], orders: [], shipments: [], riskRejections: [], freightFen: 1200 });
    expect(k.volume).toEqual({
      calls: 0, reached: 0, reachedRate: null, notReached: 0, callbacks: 0, exhausted: 0,
      talkMs: 0, avgTalkMs: null, handleMs: 0, avgHandleMs: null,
    });
    expect(k.upsell.takeRate).toBeNull();
    expect(k.recover.rate).toBeNull();
    expect(k.track.saveRate).toBeNull();
    expect(k.signRate.signRate).toBeNull();
    expect(k.loss.rate).toBeNull();
    expect(k.attributed.rate).toBeNull();
    expect(k.money.total).toEqual({ orders: 0, fen: 0 });
    // No NaN or Infinity anywhere in the sheet.
    expect(JSON.stringify(k)).not.toMatch(/NaN|Infinity/);
    const walk = (v: unknown): void => {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(k);
  });
});
