/**
 * The lead's dashboard over a real store: the worked day of test/helpers/reports.ts, with every
 * expected number worked out by hand from what was recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callcardError, openReadyStore, setRoles } from '../helpers/store';
import { at, callAt, DAY, PREVIOUS_DAY, seedOrder, seedReportDay, type ReportDay } from '../helpers/reports';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import type { DashboardView } from '../../shared/contracts/reports';
import type { CallFact } from '../../shared/kpi/facts';
import { periodBounds } from '../../shared/kpi/period';
import { SUMMARY_LINES } from '../../shared/reports/sheet';
import { callFacts } from '../../electron/services/reports/facts';

let day: ReportDay;
let d: DashboardView;

beforeAll(async () => {
  day = await seedReportDay();
  d = await day.store.call('dashboard', { from: DAY });
});
afterAll(() => day?.close());

describe('the day', () => {
  it('periods: the day and the one before, on the business clock', () => {
    expect(d.period).toEqual({ from: DAY, to: DAY });
    expect(d.previousPeriod).toEqual({ from: PREVIOUS_DAY, to: PREVIOUS_DAY });
    expect(d.timeZone).toBe('Asia/Shanghai');
    expect(d.masked).toBe(true);
  });

  it('calls, connect rate, handling and talk time', () => {
    expect(d.current.volume).toEqual({
      calls: 12, // V1, V2, V3 ×4, U1, R1, R2, T1, T2, S1 (V1's upsell is the same call)
      reached: 8, // all but V3's four unanswered calls
      reachedRate: 8 / 12,
      notReached: 4,
      callbacks: 0,
      exhausted: 1, // V3's fourth call used up the verify ladder (30 min, 2 h, next morning)
      talkMs: 90_000, // only V1 was dialled from the card: 90 s
      avgTalkMs: 90_000,
      handleMs: 720_000, // V1 120 s + V2 120 s + V3 4 × 30 s + six calls × 60 s
      avgHandleMs: 60_000, // 720 s ÷ 12
    });
    expect(d.previous.volume.calls).toBe(1); // P1, the day before
    expect(d.previous.verify.verified).toBe(1);
  });

  it('verify, upsell, recover, track, revisit', () => {
    expect(d.current.verify).toEqual({
      verified: 2, // V1 confirmed, V2 corrected
      corrected: 1,
      rejectedFake: 0,
      rejectedHighRisk: 1, // RR, rejected by the lead at 12:00
      rejected: 1,
      freightSavedFen: 1200, // 1 × the default ¥12.00
      cancelled: 0,
      unreachable: 0, // V3 ended unreachable by the ladder, not by an "empty number" outcome
    });
    expect(d.current.upsell).toEqual({ offers: 2, offersInCall: 1, accepted: 1, declined: 1, takeRate: 0.5, addedRevenueFen: 7000 });
    expect(d.current.recover).toEqual({ leads: 2, recovered: 1, lost: 1, rate: 0.5, revenueFen: 16_900 });
    expect(d.current.track).toEqual({
      cases: 2,
      saved: 1,
      refused: 1,
      saveRate: 0.5,
      finalRate: 1,
      compensationFen: 500,
      refusedByReason: [{ reason: 'courier_attitude', count: 1, share: 1 }],
    });
    expect(d.current.revisit).toEqual({ calls: 1, reached: 1, satisfied: 0, invited: 0, complaints: 0, settled: 1, repurchase: 0, refundFen: 1000 });
    expect(d.current.attributed).toEqual({ verified: 2, refused: 1, rate: 0.5 }); // V2 (李娜) was refused at the door
  });

  it('order money of the orders placed that day, and the loss rate', () => {
    expect(d.current.money.buckets).toEqual({
      unpaid: { orders: 1, fen: 5900 }, // R2
      paidNotShipped: { orders: 2, fen: 26_800 }, // U1 9,900 + R1 16,900 (recovered: verified again)
      shipped: { orders: 3, fen: 32_700 }, // V2 refused 12,900 + T1 refused 9,900 + T2 9,900
      collected: { orders: 2, fen: 26_800 }, // V1 16,900 (after the upsell) + S1 9,900
      closedBeforePayment: { orders: 1, fen: 9900 }, // V3 unreachable
      refunded: { orders: 0, fen: 0 },
    });
    expect(d.current.money.total).toEqual({ orders: 9, fen: 102_100 });
    expect(d.current.loss).toEqual({
      orders: 9,
      closed: 1,
      rate: 1 / 9,
      // Nobody talked to the team before ordering: the calls that day are about the orders themselves.
      talked: { orders: 0, closed: 0, rate: null },
      alone: { orders: 9, closed: 1, rate: 1 / 9 },
      uncalled: 0, // V3 was called (no one answered)
      uncalledShare: 0,
    });
  });

  it('sign rate of the orders shipped that day', () => {
    // V1 signed, V2 refused, T1 refused on the call, T2 still out, S1 signed.
    expect(d.current.signRate).toEqual({ shipped: 5, signed: 2, refused: 2, inTransit: 1, signRate: 0.4, settledSignRate: 0.5 });
    expect(d.charts.cohorts).toHaveLength(14);
    expect(d.charts.cohorts.at(-1)).toMatchObject({ day: DAY, shipped: 5, signed: 2 });
    expect(d.charts.cohorts[0]).toMatchObject({ day: '2026-11-07', shipped: 0, signRate: null });
  });

  it('reasons and charts', () => {
    expect(d.current.reasons.loss).toEqual([{ reason: 'found_cheaper', count: 1, share: 1 }]);
    expect(d.current.reasons.upsellDecline).toEqual([{ reason: 'too_expensive', count: 1, share: 1 }]);
    const hours = d.charts.callsByHour;
    expect([hours[10], hours[11], hours[14], hours[15]]).toEqual([6, 3, 2, 1]);
    expect(hours.reduce((s, n) => s + n, 0)).toBe(12);
    expect(d.charts.outcomesByFlow.upsell).toEqual({ upsold: 1, upsell_declined: 1 });
    expect(d.charts.outcomesByFlow.verify).toEqual({ verified: 1, corrected: 1, unreached: 4 });
    expect(d.agents.map((a) => a.name).sort()).toEqual(['李娜', '王小丽']);
  });
});

describe('filters', () => {
  it('one agent: their calls, and the orders they called', async () => {
    const f = await day.store.call('dashboard', { from: DAY, agentId: day.agentId });
    expect(f.current.volume.calls).toBe(5); // V2, U1, R1, T2, S1
    expect(f.current.verify.rejectedHighRisk).toBe(0); // the lead's, not hers
    expect(f.current.money.total).toEqual({ orders: 5, fen: 59_500 }); // 12,900 + 9,900 + 16,900 + 9,900 + 9,900
  });

  it('one flow: upsell calls are upsell cards; offers include the in-call one', async () => {
    const f = await day.store.call('dashboard', { from: DAY, flow: 'upsell' });
    expect(f.current.volume.calls).toBe(1);
    expect(f.current.upsell.offers).toBe(2);
    // The offers outnumber the upsell calls reached (1): the other offer was made inside V1's verify call, and says so.
    expect(f.current.upsell.offersInCall).toBe(1);
    expect(f.current.upsell.offers - f.current.upsell.offersInCall).toBeLessThanOrEqual(f.current.volume.reached);
    expect(f.current.verify.rejectedHighRisk).toBe(0);
    // Orders that had an upsell call: V1 (in its verify call) 16,900 + U1 9,900.
    expect(f.current.money.total).toEqual({ orders: 2, fen: 26_800 });
    // Track: T1 refused, T2 still out, both shipped that day.
    const track = await day.store.call('dashboard', { from: DAY, flow: 'track' });
    expect(track.current.signRate).toMatchObject({ shipped: 2, signed: 0, refused: 1, inTransit: 1 });
  });

  it('product and source follow the order', async () => {
    for (const f of [{ product: '土蜂蜜' }, { source: '快手' }]) {
      const r = await day.store.call('dashboard', { from: DAY, ...f });
      expect(r.current.volume.calls).toBe(1); // V2
      expect(r.current.money.total).toEqual({ orders: 1, fen: 12_900 });
    }
  });

  it('a range: the previous period is as long, just before', async () => {
    const r = await day.store.call('dashboard', { from: PREVIOUS_DAY, to: DAY });
    expect(r.previousPeriod).toEqual({ from: '2026-11-17', to: '2026-11-18' });
    expect(r.current.volume.calls).toBe(13);
    expect(r.current.money.total.orders).toBe(10); // + P1
  });

  it('refuses a range that ends before it starts', async () => {
    await callcardError(() => day.store.call('dashboard', { from: DAY, to: PREVIOUS_DAY }), 'invalid_arguments');
  });
});

describe('the calls behind a number', () => {
  it('lists exactly the calls the number counts, newest first, phones masked', async () => {
    const reached = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'reached' });
    expect(reached.total).toBe(d.current.volume.reached);
    expect(reached.calls.map((c) => c.orderNo)).toEqual(['S1', 'T2', 'T1', 'R2', 'R1', 'U1', 'V2', 'V1']);
    const v2 = reached.calls.find((c) => c.orderNo === 'V2')!;
    expect(v2.phone).toBe('139****5678');
    expect(v2.agentName).toBe('李娜');
    // Named by id as well, so that the screen tells two agents of one name apart as its filter does.
    expect(v2.agentId).toBe(day.agentId);

    const offers = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'upsellOffers' });
    expect(offers.calls.map((c) => [c.orderNo, c.outcome, c.inCallUpsell])).toEqual([
      ['U1', 'upsell_declined', false],
      ['V1', 'upsell_accepted', true],
    ]);
    const lost = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'lost', reason: 'found_cheaper' });
    expect(lost.calls.map((c) => c.orderNo)).toEqual(['R2']);
    const ten = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'calls', hour: 10 });
    expect(ten.total).toBe(6);
    const unreached = await day.store.call('callsBehind', { filters: { from: DAY, flow: 'verify' }, kpi: 'outcomes', category: 'unreached' });
    expect(unreached.total).toBe(4);
    const attributed = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'attributedRefusals' });
    expect(attributed.calls.map((c) => [c.orderNo, c.orderStatus])).toEqual([['V2', 'refused']]);
    const page = await day.store.call('callsBehind', { filters: { from: DAY }, kpi: 'calls', limit: 5, offset: 10 });
    expect([page.total, page.calls.length]).toEqual([12, 2]);
  });
});

describe('the calls behind a money number', () => {
  it('lists exactly the calls whose amounts the number sums (a save without compensation is not behind the compensation)', async () => {
    // A day of its own: four saves of which two gave compensation, settlements with and without a
    // refund, upsells with and without added revenue, recoveries of a paid and a free order.
    const store = await openReadyStore();
    const me = store.core.ctx.db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").pluck().get() as string;
    const task = (orderNo: string, flow: 'upsell' | 'recover' | 'track' | 'revisit', amountFen = 9900) => {
      const status = ({ upsell: 'verified', recover: 'cancelled', track: 'delivery_exception', revisit: 'signed' } as const)[flow];
      return seedOrder(store, { orderNo, status, amountFen, flow }).taskId!;
    };
    const gift = (total: number, added: number) => ({ id: 'gift', title: '加购', addLines: [{ product: '晚安冻膜', package: '赠品', quantity: 1, amountFen: added }], newTotalFen: total + added });
    callAt(store, me, task('T1', 'track'), '10:00', { outcome: 'will_sign' });
    callAt(store, me, task('T2', 'track'), '10:01', { outcome: 'self_pickup', station: '花园路菜鸟驿站' });
    callAt(store, me, task('T3', 'track'), '10:02', { outcome: 'compensation_accepted', compensationFen: 500 });
    callAt(store, me, task('T4', 'track'), '10:03', { outcome: 'compensation_accepted', compensationFen: 800 });
    callAt(store, me, task('T5', 'track'), '10:04', { outcome: 'compensation_accepted', compensationFen: 0 });
    callAt(store, me, task('S1', 'revisit'), '11:00', { outcome: 'bad_review_settled', refundFen: 1000 });
    callAt(store, me, task('S2', 'revisit'), '11:01', { outcome: 'bad_review_settled', refundFen: 0 });
    callAt(store, me, task('S3', 'revisit'), '11:02', { outcome: 'satisfied' });
    callAt(store, me, task('U1', 'upsell'), '12:00', { outcome: 'upsell_accepted', offer: gift(9900, 7000) });
    callAt(store, me, task('U2', 'upsell'), '12:01', { outcome: 'upsell_accepted', offer: gift(9900, 0) }); // a free gift
    callAt(store, me, task('R1', 'recover', 16_900), '13:00', { outcome: 'recovered' });
    callAt(store, me, task('R2', 'recover', 0), '13:01', { outcome: 'recovered' }); // a free sample lead

    const d = await store.call('dashboard', { from: DAY });
    const facts = new Map<string, CallFact>(callFacts(store.db, periodBounds({ from: DAY, to: DAY }, 'Asia/Shanghai'), {}).map((c) => [c.id, c]));
    // By hand: the calls behind each money line (newest first) and what each adds to it.
    const expected: Record<string, { orders: string[]; fen: number; amount(c: CallFact): number | null }> = {
      addedRevenue: { orders: ['U1'], fen: 7000, amount: (c) => c.amountFen },
      recoveredRevenue: { orders: ['R1'], fen: 16_900, amount: (c) => c.orderAmountFen },
      compensation: { orders: ['T4', 'T3'], fen: 1300, amount: (c) => c.amountFen }, // not T1, T2 (saved, no compensation) nor T5 (¥0)
      refunds: { orders: ['S1'], fen: 1000, amount: (c) => c.amountFen },
    };
    const money = SUMMARY_LINES.filter((l) => l.kind === 'money' && l.drill);
    expect(money.map((l) => l.key).sort()).toEqual(Object.keys(expected).sort());
    for (const line of money) {
      const e = expected[line.key];
      const page = await store.call('callsBehind', { filters: { from: DAY }, kpi: line.drill!, limit: 100 });
      expect(page.total, line.key).toBe(page.calls.length);
      expect(page.calls.map((c) => c.orderNo), line.key).toEqual(e.orders);
      expect(line.get(d.current), line.key).toBe(e.fen);
      expect(page.calls.reduce((s, c) => s + (e.amount(facts.get(c.id)!) ?? 0), 0), line.key).toBe(line.get(d.current));
    }
    // The counts still count every save, settlement, upsell and recovery, and list as many.
    expect([d.current.track.saved, d.current.revisit.settled, d.current.upsell.accepted, d.current.recover.recovered]).toEqual([5, 2, 2, 2]);
    for (const kpi of ['saved', 'settled', 'upsold', 'recovered'] as const) {
      expect((await store.call('callsBehind', { filters: { from: DAY }, kpi })).total, kpi).toBe({ saved: 5, settled: 2, upsold: 2, recovered: 2 }[kpi]);
    }
  });
});

describe('what else a revisit call achieved', () => {
  it('counts the invitation and the repurchase interest beside the result, as results of one call, not more calls', async () => {
    const store = await openReadyStore();
    const me = store.core.ctx.db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").pluck().get() as string;
    const revisit = (orderNo: string) => seedOrder(store, { orderNo, status: 'signed', amountFen: 9900, flow: 'revisit' }).taskId!;
    // A happy customer who also joined WeChat and wants to buy again; one who joined and wants more;
    // a complaint settled on the phone; one plain "satisfied".
    callAt(store, me, revisit('A1'), '10:00', { outcome: 'satisfied', alsoOutcomes: ['wechat_invited', 'repurchase_interest'] });
    callAt(store, me, revisit('A2'), '10:05', { outcome: 'wechat_invited', alsoOutcomes: ['repurchase_interest'] });
    callAt(store, me, revisit('A3'), '10:10', { outcome: 'bad_review_settled', refundFen: 500, alsoOutcomes: ['wechat_invited'] });
    callAt(store, me, revisit('A4'), '10:15', { outcome: 'satisfied' });

    const d = await store.call('dashboard', { from: DAY });
    expect(d.current.revisit).toEqual({ calls: 4, reached: 4, satisfied: 2, invited: 3, complaints: 0, settled: 1, repurchase: 2, refundFen: 500 });
    // Four calls of 60 s each: the results recorded beside them add no calls and no time.
    expect([d.current.volume.calls, d.current.volume.handleMs]).toEqual([4, 240_000]);
    const invited = await store.call('callsBehind', { filters: { from: DAY }, kpi: 'invited' });
    // Behind the number: A2's call itself, and the ticks beside A3's and A1's results, marked so and
    // without a time of their own.
    expect(invited.calls.map((c) => [c.orderNo, c.outcome, c.inCallUpsell, c.handleMs])).toEqual([
      ['A3', 'wechat_invited', true, null],
      ['A2', 'wechat_invited', false, 60_000],
      ['A1', 'wechat_invited', true, null],
    ]);
    // The agent's own counters count calls the same way; My calls lists each call's own result above
    // what was ticked beside it.
    expect((await store.call('myDay', {})).calls).toBe(4);
    const mine = await store.call('myCalls', {});
    expect(mine.calls.slice(0, 4).map((c) => [c.orderNo, c.outcome, c.inCallUpsell])).toEqual([
      ['A4', 'satisfied', false],
      ['A3', 'bad_review_settled', false],
      ['A3', 'wechat_invited', true],
      ['A2', 'wechat_invited', false],
    ]);
    // The order's calls show every result of the call, its own result first.
    const order = await store.call('getOrder', { orderNo: 'A1' });
    expect(order.outcomes.map((c) => c.outcome)).toEqual(['satisfied', 'repurchase_interest', 'wechat_invited']);
    // The sheet lists each result, those beside the call marked "same call" and without a time of their own.
    const csv = await store.call('exportDaily', { filters: { from: DAY }, format: 'csv', sheet: 'calls' });
    const lines = Buffer.from(csv.files[0].contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0].split(',');
    const cell = (line: string, name: string) => line.split(',')[header.indexOf(name)];
    const a1 = lines.filter((l) => l.includes(',A1,'));
    expect(a1.map((l) => [cell(l, '结果'), cell(l, '同一通话'), cell(l, '处理时长')])).toEqual([
      ['满意', '', '0:01:00'],
      ['已加微信 / 进群', '是', ''],
      ['有复购意向', '是', ''],
    ]);
    // The by-flow sheet: four revisit calls, four successes (one per call, however much was ticked), 100%.
    const byFlow = await store.call('exportDaily', { filters: { from: DAY }, format: 'csv', sheet: 'byFlow' });
    const flowLines = Buffer.from(byFlow.files[0].contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    const flowHeader = flowLines[0].split(',');
    const revisitRow = flowLines.find((l) => l.startsWith('回访,'))!.split(',');
    expect([revisitRow[flowHeader.indexOf('成功数')], revisitRow[flowHeader.indexOf('成功率')]]).toEqual(['4', '100.0%']);
  });

  it('is refused beside anything but a revisit result, and beside itself', async () => {
    const store = await openReadyStore();
    const verify = seedOrder(store, { orderNo: 'B1', status: 'pending_verify', amountFen: 9900, flow: 'verify' }).taskId!;
    await callcardError(() => store.call('recordOutcome', { taskId: verify, outcome: 'confirmed', alsoOutcomes: ['wechat_invited'] }), 'also_needs_revisit_result');
    const revisit = seedOrder(store, { orderNo: 'B2', status: 'signed', amountFen: 9900, flow: 'revisit' }).taskId!;
    await callcardError(() => store.call('recordOutcome', { taskId: revisit, outcome: 'no_answer', alsoOutcomes: ['repurchase_interest'] }), 'also_needs_revisit_result');
    await callcardError(() => store.call('recordOutcome', { taskId: revisit, outcome: 'wechat_invited', alsoOutcomes: ['wechat_invited'] }), 'invalid_arguments');
    expect(store.db.prepare('SELECT count(*) FROM call_outcomes').pluck().get()).toBe(0);
  });
});

describe('who sees what', () => {
  it('full contact details only for a lead, and only when the report settings allow it', async () => {
    const s = await day.store.call('updateReportSettings', { patch: { fullContactForLeads: true, freightFen: 1500 } });
    expect(s).toEqual({ fullContactForLeads: true, freightFen: 1500 });
    const full = await day.store.call('callsBehind', { filters: { from: DAY, product: '土蜂蜜' }, kpi: 'calls' });
    expect(full.calls[0].phone).toBe('13912345678');
    const again = await day.store.call('dashboard', { from: DAY });
    expect(again.masked).toBe(false);
    expect(again.current.verify.freightSavedFen).toBe(1500);
    await day.store.call('updateReportSettings', { patch: { fullContactForLeads: false, freightFen: 1200 } });
  });

  it('the dashboard is for team leads; an agent checks their own numbers', async () => {
    await setRoles(day.store, ['agent']);
    try {
      await callcardError(() => day.store.call('dashboard', { from: DAY }), 'lead_only');
      await callcardError(() => day.store.call('exportDaily', { filters: { from: DAY }, format: 'csv' }), 'lead_only');
      await callcardError(() => day.store.call('updateReportSettings', { patch: { freightFen: 0 } }), 'lead_only');
      const mine = await day.store.call('myCalls', {});
      expect(mine.day).toBe(DAY);
      expect(mine.kpis.volume).toMatchObject({ calls: 7, reached: 3, exhausted: 1 }); // V1, V3 ×4, R2, T1
      expect(mine.kpis.upsell).toMatchObject({ offers: 1, accepted: 1, addedRevenueFen: 7000 });
      expect(mine.total).toBe(8); // seven calls and V1's in-call upsell
      expect(mine.calls[0].orderNo).toBe('T1'); // newest first
      expect(mine.calls.filter((c) => c.inCallUpsell).map((c) => c.orderNo)).toEqual(['V1']);
      // The agent's own calls: their customers' numbers, as on their cards.
      expect(mine.calls.find((c) => c.orderNo === 'V1')!.phone).toMatch(/^1380013\d{4}$/);
    } finally {
      await setRoles(day.store, ['agent', 'lead', 'trainer']);
    }
  });
});

describe('the loss rate split: talked to service first, or ordered alone', () => {
  it("counts a buyer who talked to the team before ordering, or ordered on the phone; an order's own calls come after it", async () => {
    const store = await openReadyStore({ now: at('08:00', PREVIOUS_DAY) });
    const agentId = (await store.call('getSession', {})).agent!.id;
    // Yesterday: a verify call reached 13900000001 about an earlier order.
    const earlier = seedOrder(store, { orderNo: 'L-0', status: 'pending_verify', amountFen: 9900, phone: '13900000001', orderedAt: at('08:00', PREVIOUS_DAY), flow: 'verify' });
    callAt(store, agentId, earlier.taskId!, '10:00', { outcome: 'confirmed' }, 60, PREVIOUS_DAY);
    // Today: the same buyer orders again, then cancels — talked first.
    seedOrder(store, { orderNo: 'L-1', status: 'cancelled', amountFen: 9900, phone: '13900000001', orderedAt: at('09:00') });
    // A phone order — talked first.
    seedOrder(store, { orderNo: 'L-2', status: 'pending_verify', amountFen: 9900, phone: '13900000002', orderedAt: at('09:10'), source: PHONE_ORDER_SOURCE });
    // A new buyer who cancels on the verify call about this very order — ordered alone.
    const alone = seedOrder(store, { orderNo: 'L-3', status: 'pending_verify', amountFen: 9900, phone: '13900000003', orderedAt: at('09:20'), flow: 'verify' });
    callAt(store, agentId, alone.taskId!, '11:00', { outcome: 'wants_cancel', reasonCode: 'impulse' });
    const d = await store.call('dashboard', { from: DAY });
    expect(d.current.loss).toEqual({
      orders: 3,
      closed: 2,
      rate: 2 / 3,
      talked: { orders: 2, closed: 1, rate: 0.5 }, // L-1, L-2; closed L-1
      alone: { orders: 1, closed: 1, rate: 1 }, // L-3
      // L-1 was closed with no call about it (the earlier call was about L-0); L-3 was called.
      uncalled: 1,
      uncalledShare: 0.5,
    });
  });
});
