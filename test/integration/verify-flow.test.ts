/**
 * The verify (核单) flow end to end on a real store: the queue hands out one card at a time,
 * outcomes act on the order and the task, and every change reaches the outbox with its data.
 */
import { readOutbox } from '../../electron/services/outbox';
import { describe, expect, test } from 'vitest';
import type { ArgsIn, NextCardResult, OrderStatus, OutcomeCode } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { outcomesForFlow } from '../../shared/outcomes';
import {
  callcardError,
  completeSetup,
  countRows,
  dumpStore,
  importFile,
  openReadyStore,
  ordersCsv,
  outboxRows,
  sampleOrder,
  TEST_AGENT,
  thrown,
  type SampleOrder,
  type TestStore,
} from '../helpers/store';
import { queue } from '../helpers/flows';

/** Three orders placed (Shanghai time) 19th 22:40, 20th 08:05 and 20th 09:15, listed newest first in the file. */
const ORDERS = [
  sampleOrder({ orderNo: 'V-NEWEST', phone: '13800000001', orderedAt: '2026-11-20 09:15' }),
  sampleOrder({ orderNo: 'V-MIDDLE', phone: '13800000002', orderedAt: '2026-11-20 08:05' }),
  sampleOrder({ orderNo: 'V-OLDEST', phone: '13800000003', orderedAt: '2026-11-19 22:40' }),
];

async function storeWith(orders: SampleOrder[], now = '2026-11-20T04:00:00.000Z'): Promise<TestStore> {
  const store = await openReadyStore({ now });
  const summary = await importFile(store, 'orders.csv', ordersCsv(orders));
  expect(summary.created).toBe(orders.length);
  return store;
}

/** The verify outcomes, read from the catalogue: a new one without an expectation below fails. */
const VERIFY_OUTCOMES = outcomesForFlow('verify').map((o) => o.code);

async function nextCard(store: TestStore): Promise<NextCardResult> {
  return store.call('nextCard', {});
}

async function takeCard(store: TestStore) {
  const { card } = await nextCard(store);
  if (!card) throw new Error('expected a card');
  return card;
}

type OutcomeArgs = Omit<ArgsIn<'recordOutcome'>, 'taskId'>;

async function record(store: TestStore, taskId: string, args: OutcomeArgs) {
  return store.call('recordOutcome', { taskId, ...args });
}

describe('the queue', () => {
  test('hands out one card at a time, the oldest due order first, and the next card right after an outcome', async () => {
    const store = await storeWith(ORDERS);
    const first = await nextCard(store);
    expect(first.card?.order.orderNo).toBe('V-OLDEST');
    expect(first.card).toMatchObject({ flow: 'verify', attempts: 0, unanswered: 0, isCallback: false });
    // With a card in hand only the due count is filled.
    expect(first.queue).toEqual(queue({ dueNow: 3 }));

    // Asking again while holding a card gives the same card, not a second one.
    expect((await nextCard(store)).card?.taskId).toBe(first.card!.taskId);

    const afterFirst = await record(store, first.card!.taskId, { outcome: 'confirmed' });
    expect(afterFirst.card?.order.orderNo).toBe('V-MIDDLE');
    expect(afterFirst.queue).toEqual(queue({ dueNow: 2 }));
    // The card returned with the outcome is already this agent's: asking again gives the same one.
    expect((await nextCard(store)).card?.taskId).toBe(afterFirst.card!.taskId);

    const afterSecond = await record(store, afterFirst.card!.taskId, { outcome: 'confirmed' });
    expect(afterSecond.card?.order.orderNo).toBe('V-NEWEST');
    const afterThird = await record(store, afterSecond.card!.taskId, { outcome: 'confirmed' });
    // Each confirmed order got an upsell call of its own an hour later (13:00 Shanghai).
    expect(afterThird).toEqual({ outcomeId: expect.any(String), card: null, queue: queue({ later: 3, nextDueAt: '2026-11-20T05:00:00.000Z' }) });
  });

  test('a claimed card comes back to the same agent after a page reload and after an app restart', async () => {
    let store = await storeWith(ORDERS);
    const held = await takeCard(store);
    expect(held.order.orderNo).toBe('V-OLDEST');
    store.clock.advanceMinutes(5);
    expect((await nextCard(store)).card?.taskId).toBe(held.taskId);

    store = store.reopen();
    store.clock.advanceMinutes(5);
    const again = await nextCard(store);
    expect(again.card?.taskId).toBe(held.taskId);
    expect(again.card?.order.orderNo).toBe('V-OLDEST');
  });

  test('a task due in the future is not handed out until its time', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    const callbackAt = '2026-11-20T06:30:00.000Z';
    const result = await record(store, card.taskId, { outcome: 'callback', callbackAt });
    const waiting = queue({ later: 1, nextDueAt: callbackAt, callbacksLaterToday: 1 });
    expect(result).toEqual({ outcomeId: expect.any(String), nextAttemptAt: callbackAt, card: null, queue: waiting });

    store.clock.set('2026-11-20T06:29:59.000Z');
    expect(await nextCard(store)).toEqual({ card: null, queue: waiting });

    store.clock.set(callbackAt);
    const due = await nextCard(store);
    expect(due.card).toMatchObject({ taskId: card.taskId, isCallback: true, dueAt: callbackAt, attempts: 1 });
    expect(due.queue).toEqual(queue({ dueNow: 1 }));
  });

  test('an order placed "in the future" (a skewed shop clock) is due now, not later', async () => {
    const store = await storeWith([sampleOrder({ orderNo: 'SKEW', orderedAt: '2026-11-20 18:00' })]);
    const { card, queue } = await nextCard(store);
    expect(card?.order.orderNo).toBe('SKEW');
    expect(card?.dueAt).toBe(store.clock.iso());
    expect(queue.dueNow).toBe(1);
  });

  test('two agents never hold the same order; an abandoned claim is released after the claim timeout', async () => {
    const store = await storeWith(ORDERS.slice(1));
    const byA = await takeCard(store);
    expect(byA.order.orderNo).toBe('V-OLDEST');

    // Another agent signs in on this store.
    await completeSetup(store, '李强');
    const byB = await takeCard(store);
    expect(byB.order.orderNo).toBe('V-MIDDLE');
    await callcardError(() => record(store, byA.taskId, { outcome: 'confirmed' }), 'task_claimed_elsewhere');
    await record(store, byB.taskId, { outcome: 'confirmed' });
    expect((await nextCard(store)).card).toBeNull();

    // Agent A walked away: after the claim timeout (30 minutes by default) the card is free again.
    store.clock.advanceMinutes(31);
    const released = await takeCard(store);
    expect(released.taskId).toBe(byA.taskId);
    await record(store, released.taskId, { outcome: 'confirmed' });
    const { outcomes } = await store.call('getOrder', { orderNo: 'V-OLDEST' });
    expect(outcomes.map((o) => o.agentName)).toEqual(['李强']);
  });
});

/**
 * What each verify outcome does. Written out here (not read from the domain rules) so that a
 * change of meaning fails this test; a new outcome without a row fails the first test.
 */
type Expected = {
  args?: (now: Date) => Partial<OutcomeArgs>;
  status: OrderStatus;
  task: 'open' | 'done';
  /** When the task is due next (open tasks only). */
  dueAt?: (now: Date) => string;
  reached: boolean;
  /** A confirmed order gets an upsell call of its own (no upsell was tried on this call). */
  upsellTask?: boolean;
  /** What the outcome keeps beside it (corrections, offer, station, exhausted). */
  details?: Record<string, unknown>;
};
const plusMinutes = (now: Date, m: number) => new Date(now.getTime() + m * 60_000).toISOString();
const CORRECTED_ADDRESS = '农业路38号3单元502（放门卫）';
/** Keyed by every outcome code, but only verify's are filled: the first test checks they match the catalogue. */
const EXPECTED: Partial<Record<OutcomeCode, Expected>> = {
  confirmed: { status: 'verified', task: 'done', reached: true, upsellTask: true },
  corrected: {
    args: () => ({ corrections: { address: CORRECTED_ADDRESS } }),
    status: 'verified',
    task: 'done',
    reached: true,
    upsellTask: true,
    details: { corrections: { address: CORRECTED_ADDRESS } },
  },
  not_ordered: { status: 'rejected', task: 'done', reached: true },
  wants_cancel: { args: () => ({ reasonCode: 'impulse' }), status: 'cancelled', task: 'done', reached: true },
  no_answer: { status: 'pending_verify', task: 'open', dueAt: (n) => plusMinutes(n, 30), reached: false },
  busy: { status: 'pending_verify', task: 'open', dueAt: (n) => plusMinutes(n, 30), reached: false },
  powered_off: { status: 'pending_verify', task: 'open', dueAt: (n) => plusMinutes(n, 30), reached: false },
  empty_number: { status: 'unreachable', task: 'done', reached: false },
  wrong_person: { status: 'unreachable', task: 'done', reached: true },
  callback: {
    args: (n) => ({ callbackAt: plusMinutes(n, 180) }),
    status: 'pending_verify',
    task: 'open',
    dueAt: (n) => plusMinutes(n, 180),
    reached: true,
  },
};

describe('verify outcomes', () => {
  test('every verify outcome has an expected effect below', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...VERIFY_OUTCOMES].sort());
  });

  test.each(VERIFY_OUTCOMES)('%s: order status, task, outcome record and outbox, in one step', async (outcome) => {
    const exp = EXPECTED[outcome]!;
    const store = await storeWith([ORDERS[0]]);
    const now = store.clock.now;
    const card = await takeCard(store);
    const outboxBefore = outboxRows(store.db);

    const result = await record(store, card.taskId, { outcome, note: `笔记 ${outcome}`, ...exp.args?.(now) });
    expect(result.outcomeId).toEqual(expect.any(String));

    const detail = await store.call('getOrder', { orderNo: 'V-NEWEST' });
    expect(detail.order.status).toBe(exp.status);
    // The verify task, and for a confirmed order its upsell call an hour later (13:00, within calling hours).
    const upsellDue = plusMinutes(now, 60);
    expect(detail.tasks).toHaveLength(exp.upsellTask ? 2 : 1);
    expect(detail.tasks[0]).toMatchObject({ id: card.taskId, flow: 'verify', state: exp.task, attempts: 1, lastOutcome: outcome });
    if (exp.dueAt) expect(detail.tasks[0].dueAt).toBe(exp.dueAt(now));
    if (exp.upsellTask) {
      expect(detail.tasks[1]).toEqual({
        id: expect.any(String),
        flow: 'upsell',
        state: 'open',
        dueAt: upsellDue,
        attempts: 0,
        unanswered: 0,
        lastOutcome: null,
      });
    }
    expect(detail.outcomes).toEqual([
      {
        id: result.outcomeId,
        orderId: card.order.id,
        orderNo: 'V-NEWEST',
        flow: 'verify',
        outcome,
        reached: exp.reached,
        note: `笔记 ${outcome}`,
        reasonCode: exp.args?.(now).reasonCode ?? null,
        amountFen: null,
        agentName: TEST_AGENT,
        createdAt: now.toISOString(),
        callbackAt: outcome === 'callback' ? exp.dueAt!(now) : null,
      },
    ]);
    // A status change is kept in the order's history with the agent who made it.
    const statusChange = detail.history.filter((h) => h.field === 'status');
    expect(statusChange).toEqual(
      exp.status === 'pending_verify'
        ? []
        : [expect.objectContaining({ oldValue: 'pending_verify', newValue: exp.status, source: 'call', agentName: TEST_AGENT })],
    );

    // The outcome, the task, the order (when it changed) and any follow-up task wait in the
    // outbox, written with the data, in the order they happened.
    const added = outboxRows(store.db).slice(outboxBefore.length);
    const orderChanged = exp.status !== 'pending_verify' || exp.details?.corrections !== undefined;
    expect(added.map((r) => [r.entity, r.entity_id, r.op])).toEqual([
      ['call_outcome', result.outcomeId, 'append'],
      ['call_task', card.taskId, 'upsert'],
      ...(orderChanged ? [['order', card.order.id, 'upsert']] : []),
      ...(exp.upsellTask ? [['call_task', detail.tasks[1].id, 'upsert']] : []),
    ]);
    const agentId = (await store.call('getSession', {})).agent!.id;
    expect(JSON.parse(added[0].payload)).toMatchObject({
      outcome,
      orderNo: 'V-NEWEST',
      flow: 'verify',
      agentId,
      reached: exp.reached,
      reasonCode: exp.args?.(now).reasonCode ?? null,
      amountFen: null,
      details: exp.details ?? {},
    });
    expect(JSON.parse(added[1].payload)).toMatchObject({ state: exp.task, attempts: 1 });
    if (orderChanged) {
      const sent = readOutbox(store.db, 10_000).find((e) => e.seq === added[2].seq)!;
      expect(sent.payload).toMatchObject({ orderNo: 'V-NEWEST', status: exp.status, changedAt: detail.order.updatedAt });
    }
    if (exp.upsellTask) {
      expect(JSON.parse(added.at(-1)!.payload)).toEqual({ id: detail.tasks[1].id, orderNo: 'V-NEWEST', flow: 'upsell', state: 'open', dueAt: upsellDue });
    }
    // The outcome row keeps the same details.
    const row = store.db.prepare('SELECT details FROM call_outcomes WHERE id = ?').get(result.outcomeId) as { details: string };
    expect(JSON.parse(row.details)).toEqual(exp.details ?? {});

    // The card is gone from the queue, or waits for its next time (with the upsell call, if any).
    expect(result.card).toBeNull();
    expect(result.queue).toEqual(
      exp.task === 'open'
        ? queue({ later: 1, nextDueAt: exp.dueAt!(now), callbacksLaterToday: outcome === 'callback' ? 1 : 0 })
        : exp.upsellTask
          ? queue({ later: 1, nextDueAt: upsellDue })
          : queue(),
    );
  });

  test('unanswered calls climb the retry ladder (30 min, 2 h, next morning 09:00) and the 4th makes the order unreachable', async () => {
    // 10:00 in Shanghai.
    const store = await storeWith([ORDERS[0]], '2026-11-20T02:00:00.000Z');
    const card = await takeCard(store);

    let r = await record(store, card.taskId, { outcome: 'no_answer' });
    expect(r.queue).toEqual(queue({ later: 1, nextDueAt: '2026-11-20T02:30:00.000Z' }));
    // The agent is told when the card comes back.
    expect(r.nextAttemptAt).toBe('2026-11-20T02:30:00.000Z');
    store.clock.set('2026-11-20T02:29:00.000Z');
    expect((await nextCard(store)).card).toBeNull();
    store.clock.set('2026-11-20T02:30:00.000Z');
    expect(await takeCard(store)).toMatchObject({ taskId: card.taskId, attempts: 1, unanswered: 1, isCallback: false });

    r = await record(store, card.taskId, { outcome: 'busy' });
    expect(r.queue.nextDueAt).toBe('2026-11-20T04:30:00.000Z');
    store.clock.set('2026-11-20T04:30:00.000Z');
    expect(await takeCard(store)).toMatchObject({ attempts: 2, unanswered: 2 });

    // Third unanswered call at 12:30: tomorrow 09:00 Shanghai is 01:00 UTC.
    r = await record(store, card.taskId, { outcome: 'powered_off' });
    expect(r.queue.nextDueAt).toBe('2026-11-21T01:00:00.000Z');
    expect(r.nextAttemptAt).toBe('2026-11-21T01:00:00.000Z');
    store.clock.set('2026-11-21T00:59:00.000Z');
    expect((await nextCard(store)).card).toBeNull();
    store.clock.set('2026-11-21T01:00:00.000Z');
    const last = await takeCard(store);
    expect(last).toMatchObject({ attempts: 3, unanswered: 3 });
    // The card shows the earlier attempts with this customer.
    expect(last.pastOutcomes.map((o) => o.outcome)).toEqual(['powered_off', 'busy', 'no_answer']);

    r = await record(store, card.taskId, { outcome: 'no_answer' });
    expect(r).toEqual({ outcomeId: expect.any(String), card: null, queue: queue() });
    const detail = await store.call('getOrder', { orderNo: 'V-NEWEST' });
    expect(detail.order.status).toBe('unreachable');
    // The call itself is recorded as what happened (no answer); the task says why it closed.
    expect(detail.tasks).toHaveLength(1);
    expect(detail.tasks[0]).toMatchObject({ state: 'done', attempts: 4, unanswered: 4, lastOutcome: 'exhausted' });
    expect(detail.outcomes.map((o) => o.outcome)).toEqual(['no_answer', 'powered_off', 'busy', 'no_answer']);
    const details = store.db.prepare('SELECT details FROM call_outcomes ORDER BY rowid').all() as { details: string }[];
    expect(details.map((d) => JSON.parse(d.details))).toEqual([{}, {}, {}, { exhausted: true }]);
    const outcomeEntry = outboxRows(store.db).filter((e) => e.entity === 'call_outcome').at(-1)!;
    expect(JSON.parse(outcomeEntry.payload)).toMatchObject({ id: r.outcomeId, outcome: 'no_answer', details: { exhausted: true } });
    expect(detail.history.filter((h) => h.field === 'status')).toEqual([
      expect.objectContaining({ oldValue: 'pending_verify', newValue: 'unreachable', agentName: TEST_AGENT }),
    ]);
  });

  test('an answered call after unanswered ones settles the order', async () => {
    const store = await storeWith([ORDERS[0]], '2026-11-20T02:00:00.000Z');
    const card = await takeCard(store);
    await record(store, card.taskId, { outcome: 'no_answer' });
    store.clock.advanceMinutes(30);
    await takeCard(store);
    await record(store, card.taskId, { outcome: 'confirmed' });
    const detail = await store.call('getOrder', { orderNo: 'V-NEWEST' });
    expect(detail.order.status).toBe('verified');
    expect(detail.tasks[0]).toMatchObject({ state: 'done', attempts: 2, unanswered: 1 });
  });

  test('the retry ladder follows the settings', async () => {
    const store = await storeWith([ORDERS[0]], '2026-11-20T02:00:00.000Z');
    await store.call('updateSettings', { settings: { retryLadders: { ...DEFAULT_SETTINGS.retryLadders, verify: [{ minutes: 10 }] } } });
    const card = await takeCard(store);
    expect((await record(store, card.taskId, { outcome: 'busy' })).queue.nextDueAt).toBe('2026-11-20T02:10:00.000Z');
    store.clock.advanceMinutes(10);
    await takeCard(store);
    await record(store, card.taskId, { outcome: 'busy' });
    const detail = await store.call('getOrder', { orderNo: 'V-NEWEST' });
    expect(detail.order.status).toBe('unreachable');
    expect(detail.tasks[0]).toMatchObject({ state: 'done', attempts: 2, unanswered: 2, lastOutcome: 'exhausted' });
  });

  test.each([
    // [Shanghai time of the call, rung, when it is tried again (UTC)]
    ['20:45', 30, '2026-11-21T01:00:00.000Z'], // 21:15 is after hours: tomorrow 09:00
    ['20:30', 30, '2026-11-21T01:00:00.000Z'], // exactly 21:00 is closed already
    ['20:29', 30, '2026-11-20T12:59:00.000Z'], // 20:59 is still allowed
    ['19:30', 120, '2026-11-21T01:00:00.000Z'], // 21:30
  ])('a retry at %s (+%i min) is moved into calling hours', async (clock, minutes, expected) => {
    const [h, m] = clock.split(':').map(Number);
    const now = new Date(Date.UTC(2026, 10, 20, h - 8, m)).toISOString();
    const store = await storeWith([ORDERS[0]], now);
    await store.call('updateSettings', { settings: { retryLadders: { ...DEFAULT_SETTINGS.retryLadders, verify: [{ minutes }] } } });
    const card = await takeCard(store);
    const r = await record(store, card.taskId, { outcome: 'no_answer' });
    expect(r.queue).toEqual(queue({ later: 1, nextDueAt: expected }));
    expect((await store.call('getOrder', { orderNo: 'V-NEWEST' })).tasks[0]).toMatchObject({ state: 'open', dueAt: expected, lastOutcome: 'no_answer' });
  });

  test('a next-morning rung before calling hours (07:30) waits for the next day’s 09:00, never today’s', async () => {
    // 10:00 and 20:50 Shanghai on the 20th: both retry on the 21st at 09:00 (01:00 UTC).
    for (const now of ['2026-11-20T02:00:00.000Z', '2026-11-20T12:50:00.000Z']) {
      const store = await storeWith([ORDERS[0]], now);
      await store.call('updateSettings', { settings: { retryLadders: { ...DEFAULT_SETTINGS.retryLadders, verify: [{ nextMorningAt: '07:30' }] } } });
      const card = await takeCard(store);
      const r = await record(store, card.taskId, { outcome: 'busy' });
      expect(r.queue.nextDueAt).toBe('2026-11-21T01:00:00.000Z');
      store.clock.set('2026-11-20T23:30:00.000Z'); // 07:30 on the 21st: still closed
      expect((await nextCard(store)).card).toBeNull();
      store.clock.set('2026-11-21T01:00:00.000Z');
      expect((await takeCard(store)).taskId).toBe(card.taskId);
    }
  });

  test('the upsell call after a confirmed order waits for calling hours, and is not opened when the settings turn it off', async () => {
    // Confirmed at 20:30 Shanghai: an hour later is after hours, so the upsell call is tomorrow 09:00.
    const store = await storeWith(ORDERS.slice(0, 2), '2026-11-20T12:30:00.000Z');
    const first = await takeCard(store);
    const r = await record(store, first.taskId, { outcome: 'confirmed' });
    expect((await store.call('getOrder', { orderNo: first.order.orderNo })).tasks.map((t) => [t.flow, t.state, t.dueAt])).toEqual([
      ['verify', 'done', first.dueAt],
      ['upsell', 'open', '2026-11-21T01:00:00.000Z'],
    ]);

    await store.call('updateSettings', { settings: { upsellAfterVerify: { enabled: false, delayMinutes: 60 } } });
    const outboxBefore = countRows(store.db, 'outbox');
    await record(store, r.card!.taskId, { outcome: 'corrected', corrections: { address: '农业路38号' } });
    const second = await store.call('getOrder', { orderNo: r.card!.order.orderNo });
    expect(second.tasks.map((t) => t.flow)).toEqual(['verify']);
    expect(outboxRows(store.db).slice(outboxBefore).map((e) => e.entity)).toEqual(['call_outcome', 'call_task', 'order']);
  });

  test('a callback keeps the order pending and the card comes back as a callback at the chosen time', async () => {
    const store = await storeWith(ORDERS);
    const card = await takeCard(store);
    // The customer (it is 12:00 in Shanghai) asks to be called at 15:00 their time.
    const callbackAt = '2026-11-20T15:00:00+08:00';
    const r = await record(store, card.taskId, { outcome: 'callback', callbackAt, note: '客户在开会，下午3点再打' });
    expect(r.card?.order.orderNo).toBe('V-MIDDLE');
    const detail = await store.call('getOrder', { orderNo: 'V-OLDEST' });
    expect(detail.order.status).toBe('pending_verify');
    expect(detail.tasks[0]).toMatchObject({ state: 'open', dueAt: '2026-11-20T07:00:00.000Z' });
    expect(detail.outcomes[0]).toMatchObject({ outcome: 'callback', callbackAt: '2026-11-20T07:00:00.000Z' });

    // The rest of the queue first; the callback waits for its time.
    const r2 = await record(store, r.card!.taskId, { outcome: 'confirmed' });
    const r3 = await record(store, r2.card!.taskId, { outcome: 'confirmed' });
    // Waiting: the callback (15:00) and the two confirmed orders' upsell calls (13:00).
    expect(r3).toEqual({
      outcomeId: expect.any(String),
      card: null,
      queue: queue({ later: 3, nextDueAt: '2026-11-20T05:00:00.000Z', callbacksLaterToday: 1 }),
    });
    store.clock.set('2026-11-20T07:00:00.000Z');
    // The callback comes before the upsell calls that have been due since 13:00.
    const { card: back, queue: q } = await nextCard(store);
    expect(q).toEqual(queue({ dueNow: 3 }));
    expect(back).toMatchObject({ taskId: card.taskId, flow: 'verify', isCallback: true, attempts: 1 });
    expect(back!.pastOutcomes[0]).toMatchObject({ outcome: 'callback', note: '客户在开会，下午3点再打', agentName: TEST_AGENT });
    await record(store, back!.taskId, { outcome: 'confirmed' });
    expect((await store.call('getOrder', { orderNo: 'V-OLDEST' })).order.status).toBe('verified');
  });

  test.each([
    ['in the past', '2026-11-20T03:59:00.000Z'],
    ['right now', '2026-11-20T04:00:00.000Z'],
  ])('a callback time %s is refused and nothing is written (no outcome, no outbox entry)', async (_label, callbackAt) => {
    const store = await storeWith(ORDERS);
    const card = await takeCard(store);
    const before = dumpStore(store.db);
    await callcardError(() => record(store, card.taskId, { outcome: 'callback', callbackAt }), 'callback_in_past');
    expect(dumpStore(store.db)).toEqual(before);
    expect(countRows(store.db, 'call_outcomes')).toBe(0);
    // The agent still holds the same card and can pick a valid time.
    expect((await nextCard(store)).card?.taskId).toBe(card.taskId);
  });

  test('when the outbox cannot be written, the outcome and its effects are not stored either', async () => {
    const store = await storeWith(ORDERS);
    const card = await takeCard(store);
    const before = dumpStore(store.db);
    // A late write of an outcome (the order's outbox entry) fails, as on a full disk.
    store.db.exec(
      "CREATE TEMP TRIGGER outbox_refuses_orders BEFORE INSERT ON outbox WHEN NEW.entity = 'order' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const err = await thrown(() =>
      record(store, card.taskId, { outcome: 'corrected', corrections: { address: '新地址 1号' } }),
    );
    expect(String(err)).toMatch(/disk full/);
    expect(dumpStore(store.db)).toEqual(before);
    store.db.exec('DROP TRIGGER outbox_refuses_orders');
    await record(store, card.taskId, { outcome: 'corrected', corrections: { address: '新地址 1号' } });
    expect(countRows(store.db, 'call_outcomes')).toBe(1);
  });

  test('a callback needs a time (refused at the door, naming callbackAt)', async () => {
    const store = await storeWith(ORDERS);
    const card = await takeCard(store);
    const err = await callcardError(() => record(store, card.taskId, { outcome: 'callback' }), 'invalid_arguments');
    expect(err.params.details).toContain('callbackAt');
  });

  test('corrections edit the order in place and keep the old values in its history', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    const before = card.order;
    store.clock.advanceMinutes(3);
    await record(store, card.taskId, {
      outcome: 'corrected',
      note: '地址补充门牌号，改为10盒',
      corrections: {
        customerName: '张秀英',
        phone: '13900001111',
        address: '花园路街道农业路38号3单元502（放门卫）',
        package: '10盒装',
        quantity: 2,
        amountFen: 16900,
      },
    });

    const detail = await store.call('getOrder', { orderNo: 'V-NEWEST' });
    expect(detail.order).toMatchObject({
      id: before.id,
      status: 'verified',
      customerName: '张秀英',
      phone: '13900001111',
      address: '花园路街道农业路38号3单元502（放门卫）',
      amountFen: 16900,
      lines: [{ product: '晚安冻膜', package: '10盒装', quantity: 2, amountFen: 16900 }],
      updatedAt: store.clock.iso(),
    });
    expect(countRows(store.db, 'orders')).toBe(1);
    const byField = Object.fromEntries(detail.history.map((h) => [h.field, h]));
    // An unchanged value (the name) is not history.
    expect(Object.keys(byField).sort()).toEqual(['address', 'amountFen', 'package', 'phone', 'quantity', 'status']);
    const call = { source: 'call', agentName: TEST_AGENT, at: store.clock.iso() };
    expect(byField.phone).toEqual({ ...call, field: 'phone', oldValue: before.phone, newValue: '13900001111' });
    expect(byField.address).toEqual({ ...call, field: 'address', oldValue: before.address, newValue: '花园路街道农业路38号3单元502（放门卫）' });
    expect(byField.package).toEqual({ ...call, field: 'package', oldValue: '5盒装', newValue: '10盒装' });
    expect(byField.quantity).toEqual({ ...call, field: 'quantity', oldValue: '1', newValue: '2' });
    expect(byField.amountFen).toEqual({ ...call, field: 'amountFen', oldValue: '9900', newValue: '16900' });

    // The server gets the corrected order and the corrections with the outcome.
    const outbox = outboxRows(store.db);
    const orderEntry = readOutbox(store.db).findLast((e) => e.entity === 'order')!.payload;
    expect(orderEntry).toMatchObject({ phone: '13900001111', amountFen: 16900, lines: [expect.objectContaining({ package: '10盒装', quantity: 2 })] });
    const outcomeEntry = JSON.parse(outbox.find((r) => r.entity === 'call_outcome')!.payload);
    expect(outcomeEntry.details.corrections).toMatchObject({ phone: '13900001111', quantity: 2 });
  });

  test('a corrected phone is stored the way imports store phones', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    await record(store, card.taskId, { outcome: 'corrected', corrections: { phone: '+86 139-0000-1111' } });
    expect((await store.call('getOrder', { orderNo: 'V-NEWEST' })).order.phone).toBe('13900001111');
    // The customer's next order (same number) finds this one.
    await importFile(store, 'more.csv', ordersCsv([sampleOrder({ orderNo: 'V-AGAIN', phone: '13900001111' })]));
    const next = await takeCard(store);
    expect(next.otherOrders.map((o) => o.orderNo)).toEqual(['V-NEWEST']);
  });

  test('a corrected phone that is not a phone number is refused, naming the field', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    const before = dumpStore(store.db);
    const err = await callcardError(
      () => record(store, card.taskId, { outcome: 'corrected', corrections: { phone: '打不通' } }),
      'invalid_arguments',
    );
    expect(err.params.details).toContain('corrections.phone');
    expect(dumpStore(store.db)).toEqual(before);
  });

  test.each(VERIFY_OUTCOMES.filter((o) => o !== 'corrected'))(
    'corrections with "%s" are refused and nothing is written',
    async (outcome) => {
      const store = await storeWith([ORDERS[0]]);
      const card = await takeCard(store);
      const before = dumpStore(store.db);
      await callcardError(
        () =>
          record(store, card.taskId, {
            outcome,
            corrections: { address: '别的地址' },
            ...(outcome === 'callback' ? { callbackAt: '2026-11-20T08:00:00.000Z' } : {}),
          }),
        'corrections_only_when_corrected',
      );
      expect(dumpStore(store.db)).toEqual(before);
    },
  );

  test('the card shows the customer’s other orders and past calls, with the agent who made them', async () => {
    const store = await storeWith([
      sampleOrder({ orderNo: 'SAME-1', phone: '13700001234', orderedAt: '2026-11-20 08:00' }),
      sampleOrder({ orderNo: 'SAME-2', phone: '137 0000 1234', orderedAt: '2026-11-20 09:00' }),
      sampleOrder({ orderNo: 'OTHER', phone: '13600009999', orderedAt: '2026-11-20 10:00' }),
    ]);
    const first = await takeCard(store);
    expect(first.order.orderNo).toBe('SAME-1');
    expect(first.otherOrders.map((o) => [o.orderNo, o.status])).toEqual([['SAME-2', 'pending_verify']]);
    expect(first.pastOutcomes).toEqual([]);

    const r = await record(store, first.taskId, { outcome: 'not_ordered', note: '说没买过' });
    const second = r.card!;
    expect(second.order.orderNo).toBe('SAME-2');
    expect(second.otherOrders.map((o) => [o.orderNo, o.status])).toEqual([['SAME-1', 'rejected']]);
    expect(second.pastOutcomes).toEqual([
      expect.objectContaining({ orderNo: 'SAME-1', outcome: 'not_ordered', note: '说没买过', agentName: TEST_AGENT, reached: true }),
    ]);
  });

  test('an outcome for a closed or unknown task is refused', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    await record(store, card.taskId, { outcome: 'confirmed' });
    const outboxAfter = countRows(store.db, 'outbox');
    await callcardError(() => record(store, card.taskId, { outcome: 'not_ordered' }), 'task_closed');
    await callcardError(() => record(store, 'no-such-task', { outcome: 'confirmed' }), 'task_not_found');
    expect(countRows(store.db, 'call_outcomes')).toBe(1);
    expect(countRows(store.db, 'outbox')).toBe(outboxAfter);
    expect((await store.call('getOrder', { orderNo: 'V-NEWEST' })).order.status).toBe('verified');
  });

  test('recorded outcomes are append-only in the store', async () => {
    const store = await storeWith([ORDERS[0]]);
    const card = await takeCard(store);
    const { outcomeId } = await record(store, card.taskId, { outcome: 'confirmed' });
    expect(() => store.db.prepare("UPDATE call_outcomes SET outcome = 'not_ordered' WHERE id = ?").run(outcomeId)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM call_outcomes WHERE id = ?').run(outcomeId)).toThrow(/append-only/);
  });
});
