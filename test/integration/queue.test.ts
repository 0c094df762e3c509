/**
 * Queue discipline on a real store with a controlled clock: which card an agent gets, when, and
 * who else may call the same customer meanwhile; click-to-dial and the agent's own day.
 */
import { describe, expect, test } from 'vitest';
import type { AcceptedOffer } from '../../shared/contract';
import type { Flow } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  currentAgentId,
  queue,
  record,
  seedMatters,
  signInAs,
  takeCard,
  taskRow,
  type MatterSpec,
  type OutcomeArgs,
} from '../helpers/flows';
import { callcardError, completeSetup, countRows, dumpStore, importFile, openReadyStore, ordersCsv, outboxRows, sampleOrder, setRoles, type TestStore } from '../helpers/store';

/** 12:00 on Friday 2026-11-20 in Shanghai. */
const NOON = '2026-11-20T04:00:00.000Z';
/** A Shanghai wall-clock time on 2026-11-20 (or another day) as a UTC instant. */
const sh = (hhmm: string, day = 20) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2026, 10, day, h - 8, m)).toISOString();
};

async function storeWith(specs: MatterSpec[], now = NOON) {
  const store = await openReadyStore({ now });
  const ids = await seedMatters(store, specs);
  return { store, ids };
}

async function next(store: TestStore, flow?: Flow) {
  return store.call('nextCard', flow ? { flow } : {});
}

const ONE_OF_EACH: MatterSpec[] = [
  { orderNo: 'REVISIT', flow: 'revisit' },
  { orderNo: 'UPSELL', flow: 'upsell' },
  { orderNo: 'RECOVER', flow: 'recover' },
  { orderNo: 'TRACK', flow: 'track' },
  { orderNo: 'VERIFY', flow: 'verify' },
];

describe('which card comes next', () => {
  test('a due callback comes first, whatever its flow; an overdue one is counted and never lost', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'V1', flow: 'verify', dueAt: sh('10:00') },
      { orderNo: 'V2', flow: 'verify', dueAt: sh('10:30') },
      { orderNo: 'RV', flow: 'revisit', dueAt: sh('11:00') },
    ]);
    // The revisit customer asks to be called back at 20:40; V1's at 20:50.
    expect((await takeCard(store, 'revisit')).taskId).toBe(ids.RV.taskId);
    let r = await record(store, ids.RV.taskId, { outcome: 'callback', callbackAt: sh('20:40'), nextFlow: 'revisit' });
    // Working revisit only: nothing of revisit is due now; its callback is the next card; verify is waiting.
    expect(r).toMatchObject({ card: null, queue: queue({ dueNow: 0, dueByFlow: { verify: 2 }, later: 1, nextDueAt: sh('20:40'), callbacksLaterToday: 1 }) });
    expect((await takeCard(store)).taskId).toBe(ids.V1.taskId);
    r = await record(store, ids.V1.taskId, { outcome: 'callback', callbackAt: sh('20:50') });
    expect(r.card?.taskId).toBe(ids.V2.taskId);
    await store.call('releaseCards', {});

    // 20:40: the revisit callback comes before the verify order that has waited since 10:30.
    store.clock.set(sh('20:40'));
    const cb = await next(store);
    expect(cb.card).toMatchObject({ taskId: ids.RV.taskId, flow: 'revisit', isCallback: true, dueAt: sh('20:40') });
    await store.call('releaseCards', {});

    // 21:05: calling hours are over; both callbacks are overdue, counted, and wait for the morning.
    store.clock.set(sh('21:05'));
    expect(await next(store)).toEqual({
      card: null,
      queue: queue({ dueNow: 3, dueByFlow: { verify: 2, revisit: 1 }, overdueCallbacks: 2, outsideCallingHours: true }),
    });
    store.clock.set(sh('09:00', 21));
    const morning = await next(store);
    // Callbacks first, the earliest first; then the verify order.
    expect(morning.card).toMatchObject({ taskId: ids.RV.taskId, isCallback: true });
    r = await record(store, ids.RV.taskId, { outcome: 'satisfied' });
    expect(r.card).toMatchObject({ taskId: ids.V1.taskId, isCallback: true, dueAt: sh('20:50') });
    r = await record(store, ids.V1.taskId, { outcome: 'confirmed' });
    expect(r.card).toMatchObject({ taskId: ids.V2.taskId, isCallback: false });
  });

  test('a callback another agent holds is counted as held, not lost', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify', isCallback: true, dueAt: sh('11:00') }]);
    await completeSetup(store, '李强');
    expect((await takeCard(store)).taskId).toBe(ids.V1.taskId);
    await completeSetup(store, '赵敏');
    expect(await next(store)).toEqual({ card: null, queue: queue({ dueNow: 1, dueByFlow: { verify: 1 }, overdueCallbacks: 1, heldByOthers: 1 }) });
  });

  test.each([
    ['the default priority', DEFAULT_SETTINGS.flowPriority],
    ['a lead’s priority', ['recover', 'revisit', 'upsell', 'verify', 'track'] as Flow[]],
  ])('flows are served in %s', async (_label, priority) => {
    const { store } = await storeWith(ONE_OF_EACH);
    await store.call('updateSettings', { settings: { flowPriority: priority } });
    const served: Flow[] = [];
    let r = await next(store);
    while (r.card) {
      served.push(r.card.flow);
      r = await record(store, r.card.taskId, { outcome: 'no_answer' });
    }
    expect(served).toEqual(priority);
  });

  test('an agent can ask for one flow only (nextCard and nextFlow)', async () => {
    const { store, ids } = await storeWith([
      ...ONE_OF_EACH,
      { orderNo: 'TRACK-2', flow: 'track' },
      // A due callback of another flow is not handed out when the agent asked for one flow.
      { orderNo: 'VERIFY-CB', flow: 'verify', isCallback: true, dueAt: sh('11:00') },
    ]);
    expect((await takeCard(store, 'upsell')).taskId).toBe(ids.UPSELL.taskId);
    // Asking again for the same flow gives the held card.
    expect((await takeCard(store, 'upsell')).taskId).toBe(ids.UPSELL.taskId);
    let r = await record(store, ids.UPSELL.taskId, { outcome: 'upsell_declined', reasonCode: 'enough_for_now', nextFlow: 'track' });
    expect(r.card).toMatchObject({ taskId: ids.TRACK.taskId, flow: 'track' });
    r = await record(store, ids.TRACK.taskId, { outcome: 'will_sign', nextFlow: 'track' });
    expect(r.card).toMatchObject({ taskId: ids['TRACK-2'].taskId, flow: 'track' });
    r = await record(store, ids['TRACK-2'].taskId, { outcome: 'will_sign', nextFlow: 'track' });
    // No track card is left, though other flows are due (the counts are the track queue's; what
    // else is due is listed by flow).
    expect(r).toMatchObject({ card: null, queue: { dueNow: 0, dueByFlow: { verify: 2, recover: 1, revisit: 1 }, overdueCallbacks: 0, later: 0, nextDueAt: null } });
    expect((await next(store, 'track')).card).toBeNull();
    expect((await takeCard(store, 'revisit')).taskId).toBe(ids.REVISIT.taskId);
    await store.call('releaseCards', {});
    expect((await takeCard(store)).taskId).toBe(ids['VERIFY-CB'].taskId);
  });

  test('recover serves the freshest lead first; verify the longest waiting', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'R-OLD', flow: 'recover', createdAt: sh('09:00'), dueAt: sh('09:00') },
      { orderNo: 'R-NEW', flow: 'recover', createdAt: sh('11:30'), dueAt: sh('11:30') },
      { orderNo: 'R-MID', flow: 'recover', createdAt: sh('10:15'), dueAt: sh('10:15') },
      { orderNo: 'V-NEW', flow: 'verify', createdAt: sh('11:30'), dueAt: sh('11:30') },
      { orderNo: 'V-OLD', flow: 'verify', createdAt: sh('09:00'), dueAt: sh('09:00') },
    ]);
    const served: string[] = [];
    for (const flow of ['recover', 'verify'] as const) {
      let r = await next(store, flow);
      while (r.card) {
        served.push(r.card.order.orderNo);
        r = await record(store, r.card.taskId, { outcome: 'no_answer', nextFlow: flow });
      }
    }
    expect(served).toEqual(['R-NEW', 'R-MID', 'R-OLD', 'V-OLD', 'V-NEW']);
    expect(taskRow(store, ids['R-NEW'].taskId).state).toBe('open');
  });

  test('an unpaid reminder older than unpaidReminderMaxAgeDays is closed as expired and skipped', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'U-FRESH', flow: 'recover', status: 'unpaid', orderedAt: sh('11:00', 19), createdAt: sh('09:00') },
      { orderNo: 'U-EDGE', flow: 'recover', status: 'unpaid', orderedAt: sh('12:01', 17), createdAt: sh('10:00') },
      // The freshest task, but the order was placed 3 days and 1 minute ago.
      { orderNo: 'U-STALE', flow: 'recover', status: 'unpaid', orderedAt: sh('11:59', 17), createdAt: sh('11:00') },
      // Only unpaid reminders expire: a cancelled order is still worth winning back.
      { orderNo: 'C-OLD', flow: 'recover', status: 'cancelled', orderedAt: sh('11:00', 10), createdAt: sh('08:00') },
    ]);
    const before = countRows(store.db, 'outbox');
    const served: string[] = [];
    let r = await next(store, 'recover');
    while (r.card) {
      served.push(r.card.order.orderNo);
      r = await record(store, r.card.taskId, { outcome: 'no_answer', nextFlow: 'recover' });
    }
    expect(served).toEqual(['U-EDGE', 'U-FRESH', 'C-OLD']);
    expect(taskRow(store, ids['U-STALE'].taskId)).toMatchObject({ state: 'done', last_outcome: 'expired', closed_at: NOON, claimed_by: null, attempts: 0 });
    const stale = await store.call('getOrder', { orderNo: 'U-STALE' });
    expect([stale.order.status, stale.outcomes, stale.history]).toEqual(['unpaid', [], []]);
    // Three calls (outcome + task each), and the expired reminder's close so the server learns of it.
    expect(countRows(store.db, 'outbox') - before).toBe(3 * 2 + 1);
    const closeEntry = store.db.prepare("SELECT payload FROM outbox WHERE entity = 'call_task' AND entity_id = ?").get(ids['U-STALE'].taskId) as { payload: string };
    expect(JSON.parse(closeEntry.payload)).toMatchObject({ state: 'done', lastOutcome: 'expired' });
  });

  test('the unpaid reminder age limit follows the settings', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'U4', flow: 'recover', status: 'unpaid', orderedAt: sh('12:00', 16) }]);
    await store.call('updateSettings', { settings: { unpaidReminderMaxAgeDays: 5 } });
    expect((await takeCard(store)).taskId).toBe(ids.U4.taskId);
    await store.call('releaseCards', {});
    await store.call('updateSettings', { settings: { unpaidReminderMaxAgeDays: 3 } });
    expect((await next(store)).card).toBeNull();
    expect(taskRow(store, ids.U4.taskId)).toMatchObject({ state: 'done', last_outcome: 'expired' });
  });

  test('a task whose order moved on is closed as obsolete, not handed out', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'V-GONE', flow: 'verify', status: 'cancelled', dueAt: sh('09:00') },
      { orderNo: 'V-OK', flow: 'verify', dueAt: sh('10:00') },
      { orderNo: 'U-SHIPPED', flow: 'upsell', status: 'shipped' },
      { orderNo: 'T-SIGNED', flow: 'track', status: 'signed' },
      { orderNo: 'RV-REFUSED', flow: 'revisit', status: 'refused' },
    ]);
    const dumpOrders = () => dumpStore(store.db).orders;
    const orders = dumpOrders();
    const r = await next(store);
    expect(r.card?.taskId).toBe(ids['V-OK'].taskId);
    expect(taskRow(store, ids['V-GONE'].taskId)).toMatchObject({ state: 'done', last_outcome: 'obsolete', closed_at: NOON });
    const done = await record(store, ids['V-OK'].taskId, { outcome: 'not_ordered' });
    expect(done).toEqual({ outcomeId: expect.any(String), card: null, queue: queue() });
    for (const no of ['U-SHIPPED', 'T-SIGNED', 'RV-REFUSED']) {
      expect(taskRow(store, ids[no].taskId)).toMatchObject({ state: 'done', last_outcome: 'obsolete', attempts: 0 });
    }
    expect(countRows(store.db, 'call_outcomes')).toBe(1);
    // Nothing but V-OK (now rejected) changed.
    expect(dumpOrders().filter((o) => (o as { order_no: string }).order_no !== 'V-OK')).toEqual(
      orders.filter((o) => (o as { order_no: string }).order_no !== 'V-OK'),
    );
  });

  test('counts beside the queue are capped', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'MANY', flow: 'verify' }]);
    const insert = store.db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (?, ?, 'verify', 'open', ?, ?)");
    // 99 due tasks in all are shown as they are; 100 as "99+".
    for (let i = 0; i < 98; i++) insert.run(`extra-${i}`, ids.MANY.orderId, NOON, NOON);
    expect((await next(store)).queue).toEqual(queue({ dueNow: 99, dueNowCapped: false }));
    insert.run('extra-98', ids.MANY.orderId, NOON, NOON);
    expect((await next(store)).queue).toEqual(queue({ dueNow: 99, dueNowCapped: true }));
    // Per flow, one past the cap stands for "more" (shown as 99+).
    store.clock.set(sh('22:00'));
    expect((await next(store)).queue).toEqual(
      queue({ dueNow: 99, dueNowCapped: true, dueByFlow: { verify: 100 }, outsideCallingHours: true, heldByOthers: 0 }),
    );
  });
});

describe('one customer, one agent', () => {
  test('a customer’s matters are listed on one card, served one after another by the same agent, and by no one else meanwhile', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      // Due before A, but verify comes first: the card's own matter is listed first all the same.
      { orderNo: 'B', flow: 'recover', phone: P, dueAt: sh('08:00') },
      { orderNo: 'C', flow: 'verify', dueAt: sh('09:30') },
      { orderNo: 'D', flow: 'verify', dueAt: sh('10:00') },
    ]);
    const first = await currentAgentId(store);
    const card = await takeCard(store);
    expect(card.taskId).toBe(ids.A.taskId);
    expect(card.matters).toEqual([
      { taskId: ids.A.taskId, flow: 'verify', orderNo: 'A', orderStatus: 'pending_verify', packageText: '晚安冻膜 5盒装', dueAt: sh('09:00'), isCallback: false, unanswered: 0 },
      { taskId: ids.B.taskId, flow: 'recover', orderNo: 'B', orderStatus: 'cancelled', packageText: '晚安冻膜 5盒装', dueAt: sh('08:00'), isCallback: false, unanswered: 0 },
    ]);

    // A second agent gets another customer, never A or B, and cannot record on them.
    await completeSetup(store, '李强');
    const second = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.C.taskId);
    expect(await next(store, 'recover')).toEqual({ card: null, queue: queue({ dueNow: 1, dueByFlow: { verify: 3, recover: 1 }, heldByOthers: 2 }) });
    await callcardError(() => record(store, ids.B.taskId, { outcome: 'recovered' }), 'task_claimed_elsewhere');

    // The first agent gets B right after A — before D, a verify order of another customer.
    signInAs(store, first);
    let r = await record(store, ids.A.taskId, { outcome: 'not_ordered' });
    expect(r.card).toMatchObject({ taskId: ids.B.taskId, flow: 'recover', matters: [expect.objectContaining({ taskId: ids.B.taskId })] });
    expect(r.card!.matters).toHaveLength(1);
    expect((await next(store)).card?.taskId).toBe(ids.B.taskId);

    signInAs(store, second);
    await record(store, ids.C.taskId, { outcome: 'not_ordered' });
    expect(await next(store, 'recover')).toMatchObject({ card: null, queue: { heldByOthers: 1 } });
    expect((await next(store)).card?.taskId).toBe(ids.D.taskId);

    signInAs(store, first);
    r = await record(store, ids.B.taskId, { outcome: 'not_recovered', reasonCode: 'impulse' });
    expect(r).toEqual({ outcomeId: expect.any(String), card: null, queue: queue({ heldByOthers: 1, dueNow: 1, dueByFlow: { verify: 1 } }) });
  });

  test('working one flow, the customer\'s other matters still come right after the call, then the flow again', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'RV', flow: 'revisit', phone: P, dueAt: sh('09:00') },
      { orderNo: 'V', flow: 'verify', phone: P, dueAt: sh('09:30') },
      { orderNo: 'RV-2', flow: 'revisit', dueAt: sh('10:00') },
    ]);
    const card = await takeCard(store, 'revisit');
    expect(card.matters.map((m) => m.orderNo)).toEqual(['RV', 'V']);
    // The verify matter of the same customer follows on the same call, though the agent works revisit.
    let r = await record(store, ids.RV.taskId, { outcome: 'satisfied', nextFlow: 'revisit' });
    expect(r.card).toMatchObject({ taskId: ids.V.taskId, flow: 'verify' });
    r = await record(store, ids.V.taskId, { outcome: 'confirmed', nextFlow: 'revisit' });
    expect(r.card).toMatchObject({ taskId: ids['RV-2'].taskId, flow: 'revisit' });
    // Nothing of the customer is left held by this agent.
    expect(taskRow(store, ids.V.taskId)).toMatchObject({ state: 'done', claimed_by: null });
  });

  test('switching to another flow gives the card in hand back to the queue; after a call only that customer bypasses the filter', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'V1', flow: 'verify', phone: '13700000001', dueAt: sh('09:00') },
      { orderNo: 'T1', flow: 'track', phone: '13700000002', dueAt: sh('09:10') },
      { orderNo: 'T2', flow: 'track', phone: '13700000003', dueAt: sh('09:20') },
      { orderNo: 'V2', flow: 'verify', phone: '13700000004', dueAt: sh('09:30') },
    ]);
    const first = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.V1.taskId);
    // F to track: V1 is not kept from everyone else for the half hour of a hold.
    expect((await takeCard(store, 'track')).taskId).toBe(ids.T1.taskId);
    expect(taskRow(store, ids.V1.taskId).claimed_by).toBeNull();
    await completeSetup(store, '李强');
    expect((await takeCard(store, 'verify')).taskId).toBe(ids.V1.taskId);

    // A verify card put aside for a caller does not come back after the call under the track filter:
    // it goes back to the queue, and the next track card comes.
    signInAs(store, first);
    await store.call('releaseCards', {});
    expect((await takeCard(store, 'verify')).taskId).toBe(ids.V2.taskId);
    store.clock.advanceMinutes(1);
    expect((await store.call('takeCall', { query: '13700000003' })).card?.taskId).toBe(ids.T2.taskId);
    const r = await record(store, ids.T2.taskId, { outcome: 'will_sign', nextFlow: 'track' });
    expect(r.card?.taskId).toBe(ids.T1.taskId);
    expect(taskRow(store, ids.V2.taskId).claimed_by).toBeNull();
  });

  test('an unanswered call moves the customer\'s other matters with it: no second card on the same phone, no retries used up', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'B', flow: 'verify', phone: P, dueAt: sh('09:10') },
      { orderNo: 'C', flow: 'verify', dueAt: sh('11:00') },
    ]);
    expect((await takeCard(store)).matters.map((m) => m.orderNo)).toEqual(['A', 'B']);
    let r = await record(store, ids.A.taskId, { outcome: 'no_answer' });
    // The next card is another customer's; A and B both wait for A's retry, unclaimed.
    expect(r.card?.taskId).toBe(ids.C.taskId);
    const retry = taskRow(store, ids.A.taskId).due_at;
    expect(retry > NOON).toBe(true);
    expect(taskRow(store, ids.B.taskId)).toMatchObject({ state: 'open', due_at: retry, unanswered: 0, claimed_by: null });
    r = await record(store, ids.C.taskId, { outcome: 'confirmed' });
    expect(r.card?.order.orderNo).not.toBe('A');
    expect(r.card?.order.orderNo).not.toBe('B');

    // At the retry the customer answers: both are settled on that call.
    store.clock.set(retry);
    const again = await takeCard(store);
    expect(again.matters.map((m) => m.orderNo).sort()).toEqual(['A', 'B']);
    r = await record(store, again.taskId, { outcome: 'confirmed' });
    const other = again.taskId === ids.A.taskId ? ids.B : ids.A;
    expect(r.card?.taskId).toBe(other.taskId);
    expect(taskRow(store, other.taskId).unanswered).toBe(0);
  });

  test('when the last retry of a matter goes unanswered, the customer\'s other matters wait one retry step', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'B', flow: 'verify', phone: P, dueAt: sh('09:10') },
    ]);
    // A has already gone unanswered three times: this is its last try.
    store.db.prepare('UPDATE call_tasks SET unanswered = 3, attempts = 3 WHERE id = ?').run(ids.A.taskId);
    await takeCard(store);
    const r = await record(store, ids.A.taskId, { outcome: 'no_answer' });
    expect(r.card).toBeNull();
    expect(taskRow(store, ids.A.taskId)).toMatchObject({ state: 'done', last_outcome: 'exhausted' });
    expect(taskRow(store, ids.B.taskId)).toMatchObject({ state: 'open', due_at: sh('12:30'), unanswered: 0, claimed_by: null });
  });

  test.each(['wrong_person', 'empty_number'] as const)('after %s the same number is not the next card: its other matters wait one retry step', async (outcome) => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'B', flow: 'verify', phone: P, dueAt: sh('09:10') },
      { orderNo: 'C', flow: 'verify', dueAt: sh('11:00') },
    ]);
    await takeCard(store);
    const r = await record(store, ids.A.taskId, { outcome });
    expect(r.card?.taskId).toBe(ids.C.taskId);
    expect(taskRow(store, ids.B.taskId)).toMatchObject({ state: 'open', due_at: sh('12:30'), claimed_by: null });
  });

  test('a callback moves the customer\'s other open matters to the time they asked for', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'B', flow: 'recover', phone: P, dueAt: sh('09:10') },
    ]);
    await takeCard(store);
    const later = sh('16:00');
    const r = await record(store, ids.A.taskId, { outcome: 'callback', callbackAt: later });
    expect(r.card).toBeNull();
    expect(taskRow(store, ids.B.taskId)).toMatchObject({ state: 'open', due_at: later, claimed_by: null });
    const pushed = store.db.prepare("SELECT payload FROM outbox WHERE entity = 'call_task' AND entity_id = ? ORDER BY seq DESC LIMIT 1").get(ids.B.taskId) as { payload: string };
    expect(JSON.parse(pushed.payload)).toMatchObject({ dueAt: later, state: 'open' });
  });

  test('a new matter of a customer someone is calling (a new order arriving meanwhile) waits for that agent', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([{ orderNo: 'A', flow: 'verify', phone: P }]);
    const first = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
    await importFile(store, 'more.csv', ordersCsv([sampleOrder({ orderNo: 'A2', phone: P, orderedAt: sh('11:59') })]));
    await completeSetup(store, '李强');
    expect(await next(store)).toMatchObject({ card: null, queue: { dueNow: 2, heldByOthers: 1 } });
    signInAs(store, first);
    const r = await record(store, ids.A.taskId, { outcome: 'not_ordered' });
    expect(r.card?.order.orderNo).toBe('A2');
  });

  test('a held matter whose order moved on after it was claimed is closed, not handed out', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P },
      { orderNo: 'B', flow: 'recover', phone: P },
    ]);
    expect((await takeCard(store)).matters.map((m) => m.orderNo)).toEqual(['A', 'B']);
    // Meanwhile B was won back through another channel (a later export says it is paid and verified).
    store.db.prepare("UPDATE orders SET status = 'verified' WHERE id = ?").run(ids.B.orderId);
    const r = await record(store, ids.A.taskId, { outcome: 'not_ordered' });
    expect(r.card).toBeNull();
    expect(taskRow(store, ids.B.taskId)).toMatchObject({ state: 'done', last_outcome: 'obsolete' });
  });

  test('a card shown again after the claim timeout is claimed afresh: no second agent gets it', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'A', flow: 'verify' }, { orderNo: 'B', flow: 'verify', dueAt: sh('12:05') }]);
    const first = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
    // The agent is still on the card (a long call, a page reload) 31 minutes later.
    store.clock.set(sh('12:31'));
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
    await completeSetup(store, '李强');
    expect((await takeCard(store)).taskId).toBe(ids.B.taskId);
    signInAs(store, first);
    await record(store, ids.A.taskId, { outcome: 'confirmed' });
    expect(taskRow(store, ids.A.taskId)).toMatchObject({ state: 'done', last_outcome: 'confirmed' });
  });

  test('a matter of the held customer that can no longer be served is closed, not listed or handed out', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P },
      // The same customer's unpaid lead from four days ago: its reminder has expired.
      { orderNo: 'U', flow: 'recover', status: 'unpaid', phone: P, orderedAt: sh('11:00', 16), dueAt: sh('12:30') },
    ]);
    const card = await takeCard(store);
    expect(card.taskId).toBe(ids.A.taskId);
    expect(card.matters.map((m) => m.orderNo)).toEqual(['A']);
    store.clock.set(sh('12:30'));
    const r = await record(store, ids.A.taskId, { outcome: 'not_ordered' });
    expect(r.card).toBeNull();
    expect(taskRow(store, ids.U.taskId)).toMatchObject({ state: 'done', last_outcome: 'expired' });
  });

  test('releaseCards gives back the agent’s cards (every matter of the customer) and only theirs', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P },
      { orderNo: 'B', flow: 'recover', phone: P },
      { orderNo: 'C', flow: 'verify' },
    ]);
    const first = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
    await completeSetup(store, '李强');
    expect((await takeCard(store)).taskId).toBe(ids.C.taskId);
    signInAs(store, first);
    expect(await store.call('releaseCards', {})).toEqual({ released: 2 });
    expect(await store.call('releaseCards', {})).toEqual({ released: 0 });
    expect(taskRow(store, ids.C.taskId).claimed_by).not.toBeNull();
    expect([taskRow(store, ids.A.taskId).claimed_by, taskRow(store, ids.B.taskId).claimed_by]).toEqual([null, null]);
    // Freed: another agent can take the customer now.
    await completeSetup(store, '赵敏');
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
  });
});

describe('a customer calling in', () => {
  test('their card comes now by phone or order number, out of queue order; the card the agent was on comes back after the call', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'FIRST', flow: 'verify', dueAt: sh('09:00') },
      // Retried at 14:00 after a missed call; the customer calls back at noon.
      { orderNo: 'CALLER', flow: 'verify', phone: P, dueAt: sh('14:00') },
      { orderNo: 'CALLER2', flow: 'upsell', phone: P, dueAt: sh('15:00') },
    ]);
    expect((await takeCard(store)).taskId).toBe(ids.FIRST.taskId);
    store.clock.advanceMinutes(2);
    // Written the way the caller reads it out: +86, spaces, dashes, full-width digits.
    const taken = await store.call('takeCall', { query: '+86 １３７-1234-5678' });
    expect(taken.card).toMatchObject({ taskId: ids.CALLER.taskId, flow: 'verify', order: { orderNo: 'CALLER' } });
    expect(taken.card!.matters.map((m) => m.orderNo)).toEqual(['CALLER', 'CALLER2']);
    // A reload shows the caller's card, not the one put aside.
    expect((await next(store)).card?.taskId).toBe(ids.CALLER.taskId);
    // The call settles the customer's matters one after the other, then the card put aside returns.
    let r = await record(store, ids.CALLER.taskId, { outcome: 'confirmed' });
    expect(r.card?.taskId).toBe(ids.CALLER2.taskId);
    r = await record(store, ids.CALLER2.taskId, { outcome: 'upsell_declined', reasonCode: 'enough_for_now' });
    // The confirmation opened an upsell of CALLER: the customer is still on the line.
    expect(r.card).toMatchObject({ flow: 'upsell', order: { orderNo: 'CALLER' } });
    r = await record(store, r.card!.taskId, { outcome: 'upsell_declined', reasonCode: 'enough_for_now' });
    expect(r.card?.taskId).toBe(ids.FIRST.taskId);
    // By order number: that order's matter, even when another of the customer's is due first.
    const { store: s2, ids: i2 } = await storeWith([
      { orderNo: 'EARLY', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'ASKED', flow: 'upsell', phone: P, dueAt: sh('11:00') },
    ]);
    expect((await s2.call('takeCall', { query: ' ASKED ' })).card).toMatchObject({ taskId: i2.ASKED.taskId, flow: 'upsell' });
    // Typed in lower case, as it is read out.
    expect((await s2.call('takeCall', { query: 'asked' })).card?.taskId).toBe(i2.ASKED.taskId);
  });

  test('a caller not in the store orders on the phone: the order is created, screened, and its verify card is theirs at once', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'QUEUED', flow: 'verify', dueAt: sh('09:00') }]);
    expect((await takeCard(store)).taskId).toBe(ids.QUEUED.taskId);
    const order = {
      customerName: '周大福', phone: '+86 137-0000-1234', province: '广东省', city: '深圳市', district: '南山区',
      address: '科技南路18号阳光花园3栋502', product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 9900,
    };
    const r = await store.call('createPhoneOrder', order);
    expect(r.orderNo).toBe('TEL20261120-001');
    expect(r.card).toMatchObject({ flow: 'verify', order: { orderNo: 'TEL20261120-001', phone: '13700001234', paymentMethod: 'cod', source: 'callcard:phone', amountFen: 9900 } });
    // Screened like any order that arrives; the server hears of it.
    expect(store.db.prepare('SELECT count(*) AS n FROM order_risk r JOIN orders o ON o.id = r.order_id WHERE o.order_no = ?').get(r.orderNo)).toEqual({ n: 1 });
    const { id } = store.db.prepare('SELECT id FROM orders WHERE order_no = ?').get(r.orderNo) as { id: string };
    expect(outboxRows(store.db).some((x) => x.entity === 'order' && x.entity_id === id)).toBe(true);
    // Confirmed on the same call; then the card put aside comes back.
    const after = await record(store, r.card!.taskId, { outcome: 'confirmed' });
    expect(after.card?.taskId).toBe(ids.QUEUED.taskId);

    // The day's next phone order is numbered on; a number nobody could call back is refused, nothing written.
    expect((await store.call('createPhoneOrder', { ...order, phone: '13900002222' })).orderNo).toBe('TEL20261120-002');
    // Past -999 the numbers grow a digit and still count on.
    store.db.prepare("UPDATE orders SET order_no = 'TEL20261120-999' WHERE order_no = 'TEL20261120-002'").run();
    expect((await store.call('createPhoneOrder', { ...order, phone: '13900002223' })).orderNo).toBe('TEL20261120-1000');
    expect((await store.call('createPhoneOrder', { ...order, phone: '13900002224' })).orderNo).toBe('TEL20261120-1001');
    const before = countRows(store.db, 'orders');
    const bad = await callcardError(() => store.call('createPhoneOrder', { ...order, phone: '12345' }), 'phone_order_bad_phone');
    expect(store.core.t(`errors.${bad.code}`, bad.params)).toContain('12345 不是能回拨的号码');
    expect(countRows(store.db, 'orders')).toBe(before);
    // The form's choices: what recent orders were for, the most common line first.
    const { choices } = await store.call('phoneOrderChoices', {});
    expect(choices[0]).toEqual({ product: '鲍鱼罐头', package: '4罐', amountFen: 9900 });
    // Paid online where online orders get no verify call: created, and no card to take.
    await store.call('updateIntakeSettings', { settings: { verifyOnlinePaid: false } });
    const paid = await store.call('createPhoneOrder', { ...order, phone: '13900003333', paymentMethod: 'online' });
    expect([paid.orderNo, paid.card]).toEqual(['TEL20261120-1002', null]);
  });

  test('a customer calling before their agreed callback time is that callback now, and stays on screen after a reload', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'CB', flow: 'verify', phone: '13900004444', dueAt: sh('18:00'), isCallback: true },
      { orderNo: 'OTHER', flow: 'verify', dueAt: sh('09:00') },
    ]);
    const taken = await store.call('takeCall', { query: '13900004444' });
    expect(taken.card).toMatchObject({ taskId: ids.CB.taskId, isCallback: true, dueAt: NOON });
    expect((await next(store)).card?.taskId).toBe(ids.CB.taskId);
  });

  test('outside calling hours too: the customer is on the line', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'LATE', flow: 'verify', phone: '13900001111', dueAt: sh('09:00') }], sh('21:30'));
    expect((await next(store)).card).toBeNull();
    expect((await store.call('takeCall', { query: '13900001111' })).card?.taskId).toBe(ids.LATE.taskId);
    // A reload during the call hands the caller's card back (it used to leave an empty screen).
    expect((await next(store)).card?.taskId).toBe(ids.LATE.taskId);
    expect((await record(store, ids.LATE.taskId, { outcome: 'confirmed' })).card).toBeNull();
  });

  test('says why when there is no card: unknown number, nothing open, or another agent is on the customer', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'HELD', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'DONE', flow: 'verify', phone: '13600000000', dueAt: sh('09:00') },
    ]);
    await callcardError(() => store.call('takeCall', { query: '13800000000' }), 'call_not_found');
    await callcardError(() => store.call('takeCall', { query: 'NO-SUCH-ORDER' }), 'call_not_found');
    const first = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.HELD.taskId);
    await completeSetup(store, '李强');
    const err = await callcardError(() => store.call('takeCall', { query: P }), 'call_held_by');
    expect(err.params).toEqual({ agent: '王小丽', orderNo: 'HELD' });
    expect(store.core.t(`errors.${err.code}`, err.params)).toBe('王小丽正在处理这位客户的卡片（订单 HELD），请把电话转给他/她。');
    // The second agent settles DONE; when its customer calls again there is nothing open.
    expect((await store.call('takeCall', { query: 'DONE' })).card?.taskId).toBe(ids.DONE.taskId);
    await record(store, ids.DONE.taskId, { outcome: 'not_ordered' });
    await callcardError(() => store.call('takeCall', { query: '136 0000 0000' }), 'call_nothing_open');
    // Nothing was claimed by the refused attempts: the first agent still has their customer.
    signInAs(store, first);
    expect((await next(store)).card?.taskId).toBe(ids.HELD.taskId);
    expect(taskRow(store, ids.HELD.taskId).claimed_by).toBe(first);
  });
});

describe('a team lead and the cards in hand', () => {
  test('sees who holds which customer, hands one to another agent, gives cards back to the queue', async () => {
    const P = '13712345678';
    const { store, ids } = await storeWith([
      { orderNo: 'A', flow: 'verify', phone: P, dueAt: sh('09:00') },
      { orderNo: 'A2', flow: 'recover', phone: P, dueAt: sh('09:10') },
      { orderNo: 'B', flow: 'verify', phone: '13900001111', dueAt: sh('09:20') },
      { orderNo: 'C', flow: 'verify', dueAt: sh('09:30') },
    ]);
    const lead = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);
    await completeSetup(store, '李强');
    const li = await currentAgentId(store);
    expect((await takeCard(store)).taskId).toBe(ids.B.taskId);
    signInAs(store, lead);
    const held = await store.call('heldCards', {});
    expect(held.holders).toEqual([
      { agentId: li, agentName: '李强', customers: [{ orderNo: 'B', customerName: expect.any(String), flow: 'verify', matters: 1, claimedAt: NOON, expired: false }] },
      { agentId: lead, agentName: '王小丽', customers: [{ orderNo: 'A', customerName: expect.any(String), flow: 'verify', matters: 2, claimedAt: NOON, expired: false }] },
    ]);
    expect(held.agents.map((x) => x.name).sort()).toEqual(['李强', '王小丽']);

    // 李强 is stuck on a long call: B goes to 王小丽, whose next card it is; 李强 can no longer record on it.
    store.clock.advanceMinutes(5);
    expect(await store.call('handOver', { orderNo: 'B', toAgentId: lead })).toEqual({ moved: 1 });
    expect((await next(store)).card?.taskId).toBe(ids.B.taskId);
    signInAs(store, li);
    await callcardError(() => record(store, ids.B.taskId, { outcome: 'confirmed' }), 'task_claimed_elsewhere');

    // 王小丽 gives A's customer back (both matters); another agent can take them now.
    signInAs(store, lead);
    expect(await store.call('releaseHeld', { agentId: lead, orderNo: 'A2' })).toEqual({ released: 2 });
    expect((await store.call('heldCards', {})).holders.map((h) => [h.agentName, h.customers.map((c) => c.orderNo)])).toEqual([['王小丽', ['B']]]);
    signInAs(store, li);
    expect((await takeCard(store)).taskId).toBe(ids.A.taskId);

    // Past the claim timeout a customer shows as lapsed; releasing everything of an agent.
    signInAs(store, lead);
    store.clock.advanceMinutes(DEFAULT_SETTINGS.claimTimeoutMinutes + 1);
    const later = await store.call('heldCards', {});
    expect(later.holders.flatMap((h) => h.customers.map((c) => [c.orderNo, c.expired]))).toEqual([['A', true], ['B', true]]);
    expect(await store.call('releaseHeld', { agentId: li })).toEqual({ released: 2 });
    await callcardError(() => store.call('handOver', { orderNo: 'B', toAgentId: 'nobody' }), 'agent_not_found');
    await callcardError(() => store.call('handOver', { orderNo: 'NOPE', toAgentId: li }), 'order_not_found');

    // Only a lead.
    await setRoles(store, ['agent']);
    await callcardError(() => store.call('heldCards', {}), 'lead_only');
    await callcardError(() => store.call('handOver', { orderNo: 'C', toAgentId: li }), 'lead_only');
    await callcardError(() => store.call('releaseHeld', { agentId: li }), 'lead_only');
  });
});

describe('calling hours', () => {
  test.each([
    ['22:00', false],
    ['08:00', false],
    ['08:59', false],
    ['21:00', false],
    ['00:30', false],
    ['09:00', true],
    ['20:59', true],
  ])('at %s Shanghai time a card is handed out: %s', async (clock, allowed) => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify', dueAt: sh('00:00') }], sh(clock));
    const r = await next(store);
    if (allowed) {
      expect(r).toEqual({ card: expect.objectContaining({ taskId: ids.V1.taskId }), queue: queue({ dueNow: 1 }) });
    } else {
      expect(r).toEqual({ card: null, queue: queue({ dueNow: 1, dueByFlow: { verify: 1 }, outsideCallingHours: true }) });
      expect(taskRow(store, ids.V1.taskId).claimed_by).toBeNull();
    }
  });

  test('after closing time no new card is handed out; the card in hand comes back (a reload) until its hold lapses', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify' }, { orderNo: 'V2', flow: 'verify' }, { orderNo: 'V3', flow: 'verify' }], sh('20:55'));
    expect((await takeCard(store)).taskId).toBe(ids.V1.taskId);
    store.clock.set(sh('21:00'));
    // The call that began at 20:55 is still going: the page reloads and the card is still there.
    expect((await next(store)).card?.taskId).toBe(ids.V1.taskId);
    const r = await record(store, ids.V1.taskId, { outcome: 'confirmed' });
    expect(r).toMatchObject({ card: null, queue: { outsideCallingHours: true, dueNow: 2 } });
    // The upsell call of the confirmed order waits for the morning.
    expect((await store.call('getOrder', { orderNo: 'V1' })).tasks[1]).toMatchObject({ flow: 'upsell', dueAt: sh('09:00', 21) });
    // A card left in hand at closing time is not handed out once its hold has lapsed (30 minutes).
    store.clock.set(sh('20:58'));
    expect((await takeCard(store)).taskId).toBe(ids.V2.taskId);
    store.clock.set(sh('21:20'));
    expect((await next(store)).card?.taskId).toBe(ids.V2.taskId);
    store.clock.set(sh('21:51'));
    expect((await next(store)).card).toBeNull();
    expect(taskRow(store, ids.V3.taskId).claimed_by).toBeNull();
  });

  test('the calling hours follow the settings', async () => {
    const { store } = await storeWith([{ orderNo: 'V1', flow: 'verify' }], sh('08:45'));
    expect((await next(store)).card).toBeNull();
    await store.call('updateSettings', { settings: { callingHours: { start: '08:30', end: '20:00' } } });
    expect((await next(store)).card?.order.orderNo).toBe('V1');
    store.clock.set(sh('20:00'));
    expect((await next(store)).queue).toMatchObject({ outsideCallingHours: true, callingHours: { start: '08:30', end: '20:00' } });
  });
});

describe('click-to-dial', () => {
  test('builds the URI from the template with the customer’s phone URL-encoded, and notes the time', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify', phone: '13800138000' }]);
    expect(await store.call('dial', { taskId: ids.V1.taskId })).toEqual({ uri: 'tel:13800138000', dialedAt: NOON, opened: false });

    await store.call('updateSettings', { settings: { dialUriTemplate: 'sip:{phone}@pbx.local;caller={phone}' } });
    store.db.prepare('UPDATE orders SET phone = ? WHERE id = ?').run('+852 6123#4567', ids.V1.orderId);
    store.clock.advanceMinutes(1);
    expect(await store.call('dial', { taskId: ids.V1.taskId })).toEqual({
      uri: 'sip:%2B852%206123%234567@pbx.local;caller=%2B852%206123%234567',
      dialedAt: sh('12:01'),
      opened: false,
    });
    await callcardError(() => store.call('dial', { taskId: 'no-such-task' }), 'task_not_found');
    await callcardError(() => store.call('updateSettings', { settings: { dialUriTemplate: 'tel:13800138000' } }), 'invalid_arguments');
    // Only telephony schemes: a template that would open a web page or another app is refused.
    for (const bad of ['http://evil/{phone}', 'https://x.test/?n={phone}', 'javascript:alert({phone})', 'file:///{phone}']) {
      await callcardError(() => store.call('updateSettings', { settings: { dialUriTemplate: bad } }), 'invalid_arguments');
    }
    await store.call('updateSettings', { settings: { dialUriTemplate: 'CALLTO:{phone}' } });
  });

  test('a dial template an older version stored and this one refuses falls back alone; the other settings stay', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify', phone: '13800138000' }]);
    await store.call('updateSettings', { settings: { shopName: '南城好物', callingHours: { start: '08:00', end: '22:00' } } });
    const row = store.db.prepare("SELECT key, value FROM settings WHERE value LIKE '%dialUriTemplate%'").get() as { key: string; value: string };
    store.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ ...JSON.parse(row.value), dialUriTemplate: 'http://evil/{phone}' }), row.key);
    const reopened = store.reopen();
    expect((await reopened.call('dial', { taskId: ids.V1.taskId })).uri).toBe('tel:13800138000');
    expect((await reopened.call('getSession', {})).settings).toMatchObject({ shopName: '南城好物', callingHours: { start: '08:00', end: '22:00' } });
  });

  test('the call’s talk and handling time run from dialling and from opening the card', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'V1', flow: 'verify' }]);
    await takeCard(store);
    store.clock.advanceMinutes(1);
    const { dialedAt } = await store.call('dial', { taskId: ids.V1.taskId });
    store.clock.advanceMinutes(3);
    await record(store, ids.V1.taskId, { outcome: 'confirmed', startedAt: NOON, dialedAt });
    expect(store.db.prepare('SELECT started_at, dialed_at, handle_ms, talk_ms FROM call_outcomes').get()).toEqual({
      started_at: NOON,
      dialed_at: sh('12:01'),
      handle_ms: 4 * 60_000,
      talk_ms: 3 * 60_000,
    });
  });
});

describe('the agent’s day', () => {
  const OFFER: AcceptedOffer = {
    id: 'o1',
    title: '加购',
    addLines: [{ product: '晚安冻膜', package: '8罐装', quantity: 1, amountFen: 7000 }],
    newTotalFen: 16900,
  };

  test('counts today’s calls and results for this agent only, from the business day’s start, an in-call upsell’s call once', async () => {
    const specs: MatterSpec[] = [
      ...['V0', 'V1', 'V2', 'V3', 'V4', 'V5', 'X'].map((orderNo) => ({ orderNo, flow: 'verify' as const })),
      { orderNo: 'UP', flow: 'upsell' },
      { orderNo: 'RC', flow: 'recover' },
      { orderNo: 'TR1', flow: 'track', status: 'delivery_exception' },
      { orderNo: 'TR2', flow: 'track' },
      { orderNo: 'RV', flow: 'revisit' },
    ];
    // Seeded on the 19th at 22:00 Shanghai.
    const { store, ids } = await storeWith(specs, sh('22:00', 19));
    const me = await currentAgentId(store);
    const at = (iso: string) => store.clock.set(iso);
    const minuteBefore = (iso: string) => new Date(Date.parse(iso) - 60_000).toISOString();

    // 23:59 on the 19th: yesterday's call.
    at(sh('23:59', 19));
    await record(store, ids.V0.taskId, { outcome: 'confirmed' });
    // 00:00 on the 20th: the first call of the day (with an upsell in the same call).
    at(sh('00:00'));
    await record(store, ids.V1.taskId, { outcome: 'confirmed', startedAt: minuteBefore(sh('00:00')), inCallUpsell: { outcome: 'upsell_accepted', offer: OFFER } });
    const calls: [string, OutcomeArgs][] = [
      ['V2', { outcome: 'corrected', corrections: { address: '农业路38号' }, startedAt: minuteBefore(minuteBefore(sh('10:00'))) }],
      ['V3', { outcome: 'not_ordered' }],
      ['V4', { outcome: 'no_answer' }],
      ['V5', { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_declined', reasonCode: 'try_first' } }],
      ['UP', { outcome: 'upsell_accepted', offer: OFFER }],
      ['RC', { outcome: 'recovered' }],
      ['TR1', { outcome: 'self_pickup', station: '驿站' }],
      ['TR2', { outcome: 'refused', reasonCode: 'too_slow' }],
      ['RV', { outcome: 'callback', callbackAt: sh('15:00') }],
    ];
    let clock = Date.parse(sh('10:00'));
    for (const [no, args] of calls) {
      at(new Date(clock).toISOString());
      await record(store, ids[no].taskId, args);
      clock += 60_000;
    }
    // Another agent's call today is not this agent's (the first hands back the card they were given).
    await store.call('releaseCards', {});
    await completeSetup(store, '李强');
    await record(store, ids.X.taskId, { outcome: 'confirmed' });
    expect((await store.call('myDay', {})).calls).toBe(1);
    signInAs(store, me);

    const day = await store.call('myDay', {});
    expect({ ...day, recent: undefined }).toEqual({
      day: '2026-11-20',
      calls: 10,
      reached: 9,
      verified: 3,
      corrected: 1,
      rejected: 1,
      upsold: 2,
      upsellRevenueFen: 14000,
      recovered: 1,
      saved: 1,
      refused: 1,
      handleMs: 3 * 60_000,
      recent: undefined,
    });
    // Newest first, the in-call upsells beside their verify calls; yesterday's call is not there.
    expect(day.recent.map((o) => [o.orderNo, o.flow, o.outcome])).toEqual([
      ['RV', 'revisit', 'callback'],
      ['TR2', 'track', 'refused'],
      ['TR1', 'track', 'self_pickup'],
      ['RC', 'recover', 'recovered'],
      ['UP', 'upsell', 'upsell_accepted'],
      // A call's own result above the upsell made on it.
      ['V5', 'verify', 'confirmed'],
      ['V5', 'upsell', 'upsell_declined'],
      ['V4', 'verify', 'no_answer'],
      ['V3', 'verify', 'not_ordered'],
      ['V2', 'verify', 'corrected'],
      ['V1', 'verify', 'confirmed'],
      ['V1', 'upsell', 'upsell_accepted'],
    ]);

    // The next business day starts from zero.
    at(sh('00:30', 21));
    expect(await store.call('myDay', {})).toMatchObject({ day: '2026-11-21', calls: 0, reached: 0, verified: 0, upsellRevenueFen: 0, recent: [] });
  });
});

describe('matters of a customer on the same call (lead review follow-ups)', () => {
  test('a callback the customer asked for later is not called early with their other matter', async () => {
    const { store, ids } = await storeWith([
      { orderNo: 'M-NOW', flow: 'verify', phone: '13811112222', dueAt: sh('11:00') },
      { orderNo: 'M-LATER', flow: 'verify', phone: '13811112222', dueAt: sh('11:30') },
    ]);
    expect((await takeCard(store)).taskId).toBe(ids['M-NOW'].taskId);
    // The second matter becomes a callback for 18:00; once the first is settled, it is not handed out early.
    await record(store, ids['M-LATER'].taskId, { outcome: 'callback', callbackAt: sh('18:00') });
    const r = await record(store, ids['M-NOW'].taskId, { outcome: 'confirmed' });
    expect(r.card?.taskId).not.toBe(ids['M-LATER'].taskId);
    await store.call('releaseCards', {});
    store.clock.set(sh('18:00'));
    expect((await next(store, 'verify')).card?.taskId).toBe(ids['M-LATER'].taskId);
  });

  test('an outcome sent twice from the same card (a second window, a bounced key) is recorded once', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'TWICE', flow: 'verify', dueAt: sh('11:00') }]);
    const card = await takeCard(store);
    expect(card.attempts).toBe(0);
    await record(store, card.taskId, { outcome: 'no_answer', attempts: card.attempts });
    // The same screen sends again: a second no-answer would have moved the retry a step down the ladder.
    const retryAt = taskRow(store, ids.TWICE.taskId).due_at;
    await callcardError(() => record(store, card.taskId, { outcome: 'no_answer', attempts: card.attempts }), 'card_already_recorded');
    await callcardError(() => record(store, card.taskId, { outcome: 'confirmed', attempts: card.attempts }), 'card_already_recorded');
    expect(countRows(store.db, 'call_outcomes')).toBe(1);
    expect(taskRow(store, ids.TWICE.taskId)).toMatchObject({ attempts: 1, due_at: retryAt, state: 'open' });
    // The card handed out again shows the new count, and takes its outcome.
    store.clock.set(retryAt);
    const again = await takeCard(store);
    expect(again).toMatchObject({ taskId: card.taskId, attempts: 1 });
    await record(store, again.taskId, { outcome: 'confirmed', attempts: again.attempts });
    expect(countRows(store.db, 'call_outcomes')).toBe(2);
  });

  test('an outcome on a card whose order an import changed mid-call is refused until the card is read again', async () => {
    const store = await openReadyStore({ now: NOON });
    await importFile(store, 'a.csv', ordersCsv([sampleOrder({ orderNo: 'CHANGED-MID-CALL' })]));
    const card = await takeCard(store);
    store.clock.set(sh('12:05'));
    await importFile(store, 'b.csv', ordersCsv([sampleOrder({ orderNo: 'CHANGED-MID-CALL', address: '农业路99号1单元101' })]));
    const seen = { attempts: card.attempts, orderUpdatedAt: card.order.updatedAt };
    await callcardError(() => record(store, card.taskId, { outcome: 'confirmed', ...seen }), 'order_changed');
    expect(countRows(store.db, 'call_outcomes')).toBe(0);
    // The card in hand, read again, shows the new address; confirmed on it, the outcome is taken.
    const again = await takeCard(store);
    expect(again).toMatchObject({ taskId: card.taskId, order: { address: '农业路99号1单元101' } });
    await record(store, again.taskId, { outcome: 'confirmed', attempts: again.attempts, orderUpdatedAt: again.order.updatedAt });
    expect((await store.call('getOrder', { orderNo: 'CHANGED-MID-CALL' })).order).toMatchObject({ status: 'verified', address: '农业路99号1单元101' });
  });

  test('a card whose task an import closed mid-call says the order moved on, not that the card was done', async () => {
    const store = await openReadyStore({ now: NOON });
    await importFile(store, 'a.csv', ordersCsv([sampleOrder({ orderNo: 'CANCELLED-MID-CALL' })]));
    const card = await takeCard(store);
    await importFile(store, 'b.csv', ordersCsv([sampleOrder({ orderNo: 'CANCELLED-MID-CALL', status: '已取消' })]));
    expect(taskRow(store, card.taskId).state).toBe('done');
    await callcardError(() => record(store, card.taskId, { outcome: 'confirmed', attempts: card.attempts }), 'order_moved_on');
    // Without the card's count (the command line, an old window) it stays "already done".
    await callcardError(() => record(store, card.taskId, { outcome: 'confirmed' }), 'task_closed');
    expect(countRows(store.db, 'call_outcomes')).toBe(0);
  });

  test('an outcome on an order that moved on since the card was handed out is refused and nothing is written', async () => {
    const { store, ids } = await storeWith([{ orderNo: 'M-MOVED', flow: 'track', status: 'delivery_exception', dueAt: sh('11:00') }]);
    await takeCard(store);
    store.db.prepare("UPDATE orders SET status = 'signed' WHERE order_no = 'M-MOVED'").run();
    const before = countRows(store.db, 'outbox');
    await callcardError(() => record(store, ids['M-MOVED'].taskId, { outcome: 'refused', reasonCode: 'too_slow' }), 'order_moved_on');
    expect(countRows(store.db, 'outbox')).toBe(before);
    expect((await store.call('getOrder', { orderNo: 'M-MOVED' })).order.status).toBe('signed');
  });
});
