/**
 * The outbox as the sync client will read it: appended records as they were written, orders by
 * state (the order as it stands when sent, with the version that queued the entry).
 */
import { expect, test } from 'vitest';
import { readOutbox } from '../../electron/services/outbox';
import { importFile, openReadyStore, ordersCsv, sampleOrder } from '../helpers/store';

test('an order changed twice before a sync is sent as it stands, each entry with the version that queued it', async () => {
  const store = await openReadyStore();
  await importFile(store, 'a.csv', ordersCsv([sampleOrder({ orderNo: 'OB-1', amount: '99.00' })]));
  const first = (await store.call('getOrder', { orderNo: 'OB-1' })).order;
  store.clock.set('2026-11-20T05:00:00.000Z');
  await importFile(store, 'b.csv', ordersCsv([sampleOrder({ orderNo: 'OB-1', amount: '129.00' })]));
  const now = (await store.call('getOrder', { orderNo: 'OB-1' })).order;
  expect(now.updatedAt).not.toBe(first.updatedAt);

  const orders = readOutbox(store.db).filter((e) => e.entity === 'order');
  expect(orders.map((e) => (e.payload as { changedAt: string }).changedAt)).toEqual([first.updatedAt, now.updatedAt]);
  for (const e of orders) expect(e.payload).toMatchObject({ orderNo: 'OB-1', amountFen: 12900, lines: [expect.objectContaining({ amountFen: 12900 })] });
  // Oldest first, and a limit takes the oldest.
  const all = readOutbox(store.db);
  expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
  expect(readOutbox(store.db, 1)).toEqual([all[0]]);
});

test('a recorded call is sent as written; the order it changed, as it stands', async () => {
  const store = await openReadyStore();
  await importFile(store, 'a.csv', ordersCsv([sampleOrder({ orderNo: 'OB-2' })]));
  const { card } = await store.call('nextCard', {});
  await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'confirmed', note: '好的' });
  const entries = readOutbox(store.db);
  expect(entries.find((e) => e.entity === 'call_outcome')!.payload).toMatchObject({ orderNo: 'OB-2', outcome: 'confirmed', note: '好的' });
  expect(entries.filter((e) => e.entity === 'order').at(-1)!.payload).toMatchObject({ orderNo: 'OB-2', status: 'verified' });
});

test("an import that closes an order's call card sends the change with the order: its tasks travel with it", async () => {
  const store = await openReadyStore();
  await importFile(store, 'a.csv', ordersCsv([sampleOrder({ orderNo: 'OB-3' })]));
  const verify = readOutbox(store.db).filter((e) => e.entity === 'order').at(-1)!.payload as { tasks: { flow: string; state: string }[] };
  expect(verify.tasks.map((t) => [t.flow, t.state])).toEqual([['verify', 'open']]);
  // The next export says the buyer cancelled: the verify card closes, a win-back card opens. No
  // call_task entry is written for either — the order's entry carries both.
  await importFile(store, 'b.csv', ordersCsv([sampleOrder({ orderNo: 'OB-3', status: '已取消' })]));
  const last = readOutbox(store.db).filter((e) => e.entity === 'order').at(-1)!.payload as { status: string; tasks: { flow: string; state: string; lastOutcome: string | null }[] };
  expect(last.status).toBe('cancelled');
  expect(last.tasks.map((t) => [t.flow, t.state])).toEqual([
    ['verify', 'done'],
    ['recover', 'open'],
  ]);
});
