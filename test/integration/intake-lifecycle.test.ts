import { describe, expect, test } from 'vitest';
import type { TaskView } from '../../shared/contract';
import { buildCsv, openReadyStore, type TestStore } from '../helpers/store';
import { DOUYIN_HEADER, douyinCells, douyinCsv, dumpAll, importSummary, type DouyinRow } from '../helpers/intake';

/** 2026-11-20 12:00 Shanghai is the tests' "now". */
const HEADER_WITH_TIME = [...DOUYIN_HEADER, '状态更新时间'];
const withTime = (rows: (DouyinRow & { statusAt: string })[]) => buildCsv([HEADER_WITH_TIME, ...rows.map((r) => [...douyinCells(r), r.statusAt])]);

async function tasksOf(store: TestStore, orderNo: string): Promise<Pick<TaskView, 'flow' | 'state' | 'dueAt' | 'lastOutcome'>[]> {
  return (await store.call('getOrder', { orderNo })).tasks.map(({ flow, state, dueAt, lastOutcome }) => ({ flow, state, dueAt, lastOutcome }));
}

async function statusOf(store: TestStore, orderNo: string) {
  return (await store.call('getOrder', { orderNo })).order.status;
}

describe('new orders get the call their status needs', () => {
  test('COD and online orders: verify; cancelled, closed and unpaid: recover; shipped: none; signed: revisit; refused: track', async () => {
    const store = await openReadyStore();
    const s = await importSummary(
      store,
      'orders.csv',
      withTime([
        { orderNo: 'N-COD', statusAt: '2026/11/20 09:15' },
        { orderNo: 'N-ONLINE', payment: '微信支付', status: '已付款', statusAt: '2026/11/20 09:15' },
        { orderNo: 'N-CANCEL', status: '已取消', statusAt: '2026/11/20 10:00' },
        { orderNo: 'N-CLOSED', status: '交易关闭', statusAt: '2026/11/20 10:00' },
        { orderNo: 'N-UNPAID', status: '未付款', statusAt: '2026/11/20 10:00' },
        { orderNo: 'N-SHIPPED', status: '已发货', statusAt: '2026/11/18 10:00' },
        { orderNo: 'N-SIGNED', status: '已签收', statusAt: '2026/11/19 18:00' },
        { orderNo: 'N-REFUSED', status: '拒收', statusAt: '2026/11/19 18:00' },
      ]),
    );
    expect(s).toMatchObject({ created: 8, tasksOpened: { verify: 2, recover: 3, revisit: 1, track: 1 } });
    expect(await tasksOf(store, 'N-COD')).toEqual([{ flow: 'verify', state: 'open', dueAt: '2026-11-20T01:15:00.000Z', lastOutcome: null }]);
    expect(await tasksOf(store, 'N-ONLINE')).toEqual([expect.objectContaining({ flow: 'verify' })]);
    for (const no of ['N-CANCEL', 'N-CLOSED', 'N-UNPAID']) {
      // Leads are due now: they wanted it a moment ago.
      expect(await tasksOf(store, no)).toEqual([{ flow: 'recover', state: 'open', dueAt: store.clock.iso(), lastOutcome: null }]);
    }
    expect(await statusOf(store, 'N-CANCEL')).toBe('cancelled');
    expect(await statusOf(store, 'N-CLOSED')).toBe('closed');
    expect(await statusOf(store, 'N-UNPAID')).toBe('unpaid');
    expect(await tasksOf(store, 'N-SHIPPED')).toEqual([]);
    expect(await statusOf(store, 'N-SHIPPED')).toBe('shipped');
    // Revisit three days (the default) after signing.
    expect(await tasksOf(store, 'N-SIGNED')).toEqual([{ flow: 'revisit', state: 'open', dueAt: '2026-11-22T10:00:00.000Z', lastOutcome: null }]);
    expect(await tasksOf(store, 'N-REFUSED')).toEqual([expect.objectContaining({ flow: 'track', state: 'open' })]);
    // Orders that arrive past shipping count in the sign-rate cohorts from their status time.
    const milestones = store.db
      .prepare('SELECT o.order_no, m.shipped_at, m.signed_at, m.refused_at FROM order_milestones m JOIN orders o ON o.id = m.order_id ORDER BY o.order_no')
      .all();
    expect(milestones).toEqual([
      { order_no: 'N-REFUSED', shipped_at: '2026-11-19T10:00:00.000Z', signed_at: null, refused_at: '2026-11-19T10:00:00.000Z' },
      { order_no: 'N-SHIPPED', shipped_at: '2026-11-18T02:00:00.000Z', signed_at: null, refused_at: null },
      { order_no: 'N-SIGNED', shipped_at: '2026-11-19T10:00:00.000Z', signed_at: '2026-11-19T10:00:00.000Z', refused_at: null },
    ]);
  });

  test('the intake settings decide online verify calls, the revisit delay and how old a lead may be', async () => {
    const store = await openReadyStore();
    await store.call('updateIntakeSettings', { settings: { verifyOnlinePaid: false, revisitDelayDays: 5, staleAfterDays: 2 } });
    await importSummary(
      store,
      'orders.csv',
      douyinCsv([
        { orderNo: 'S-ONLINE', payment: '支付宝', status: '已付款' },
        { orderNo: 'S-OLD-LEAD', status: '已取消', orderedAt: '2026/11/15 10:00' },
        { orderNo: 'S-FRESH-LEAD', status: '已取消', orderedAt: '2026/11/19 10:00' },
        { orderNo: 'S-SIGNED', status: '已签收' },
      ]),
    );
    expect(await tasksOf(store, 'S-ONLINE')).toEqual([]);
    expect(await statusOf(store, 'S-ONLINE')).toBe('pending_verify');
    expect(await tasksOf(store, 'S-OLD-LEAD')).toEqual([]);
    expect(await tasksOf(store, 'S-FRESH-LEAD')).toEqual([expect.objectContaining({ flow: 'recover' })]);
    // No signing time in the file: the revisit counts from when the import learnt it.
    expect(await tasksOf(store, 'S-SIGNED')).toEqual([expect.objectContaining({ flow: 'revisit', dueAt: '2026-11-25T04:00:00.000Z' })]);
  });
});

describe('fresh leads, judged against the export itself', () => {
  test('a long history opens cards only for its recent leads; an old export alone still opens them for its latest', async () => {
    const store = await openReadyStore();
    // A month of history, imported once: only the last week's cancellations are worth a call.
    await importSummary(
      store,
      'history.csv',
      douyinCsv([
        { orderNo: 'H-OLD', status: '已取消', orderedAt: '2026/10/20 10:00' },
        { orderNo: 'H-RECENT', status: '已取消', orderedAt: '2026/11/18 10:00' },
        { orderNo: 'H-NEWEST', orderedAt: '2026/11/20 09:00' },
      ]),
    );
    expect(await tasksOf(store, 'H-OLD')).toEqual([]);
    expect(await tasksOf(store, 'H-RECENT')).toEqual([expect.objectContaining({ flow: 'recover' })]);
    // An export from a month ago, on its own: its leads are as fresh as it is.
    await importSummary(store, 'october.csv', douyinCsv([{ orderNo: 'OCT-1', status: '未付款', orderedAt: '2026/10/21 10:00' }]));
    expect(await tasksOf(store, 'OCT-1')).toEqual([expect.objectContaining({ flow: 'recover', dueAt: store.clock.iso() })]);
  });

  test('recover serves the lead lost most recently first, even when one file brought them all', async () => {
    const store = await openReadyStore();
    // One import of the week: all four cards are made at the same moment.
    await importSummary(
      store,
      'week.csv',
      withTime([
        { orderNo: 'L-MONDAY', phone: '13800000001', status: '已取消', orderedAt: '2026/11/16 10:00', statusAt: '2026/11/16 11:00' },
        { orderNo: 'L-MORNING', phone: '13800000002', status: '已取消', orderedAt: '2026/11/19 20:00', statusAt: '2026/11/20 09:30' },
        { orderNo: 'L-YESTERDAY', phone: '13800000003', status: '未付款', orderedAt: '2026/11/19 15:00', statusAt: '' },
        { orderNo: 'P-ALIVE', phone: '13800000004', orderedAt: '2026/11/18 10:00', statusAt: '2026/11/18 10:00' },
      ]),
    );
    // An hour later a new export says the order that was alive is now cancelled (no status time):
    // it was lost since the last export, so it is the freshest lead of all.
    store.clock.advanceMinutes(60);
    await importSummary(store, 'later.csv', douyinCsv([{ orderNo: 'P-ALIVE', phone: '13800000004', status: '已取消', orderedAt: '2026/11/18 10:00' }]));
    const served: string[] = [];
    for (let r = await store.call('nextCard', { flow: 'recover' }); r.card; ) {
      served.push(r.card.order.orderNo);
      r = await store.call('recordOutcome', { taskId: r.card.taskId, outcome: 'no_answer', nextFlow: 'recover' });
    }
    expect(served).toEqual(['P-ALIVE', 'L-MORNING', 'L-YESTERDAY', 'L-MONDAY']);
  });

  test('a card the same file makes unnecessary is never opened', async () => {
    const store = await openReadyStore();
    // Cancelled, then paid again further down the same file: verify, no recover.
    await importSummary(store, 'a.csv', douyinCsv([{ orderNo: 'TWICE', status: '未付款' }, { orderNo: 'TWICE', status: '待发货' }]));
    expect(await tasksOf(store, 'TWICE')).toEqual([expect.objectContaining({ flow: 'verify', state: 'open' })]);
  });
});

describe('a later export that changes an order status', () => {
  test('cancelled: the verify task closes, a recover task opens, the change is in the history', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'a.csv', douyinCsv([{ orderNo: 'L1' }]));
    store.clock.advanceMinutes(30);
    const s = await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'L1', status: '已取消' }]));
    expect(s).toMatchObject({ updated: 1, tasksOpened: { recover: 1 }, tasksClosed: 1 });
    expect(await tasksOf(store, 'L1')).toEqual([
      expect.objectContaining({ flow: 'verify', state: 'done', lastOutcome: 'order_cancelled' }),
      expect.objectContaining({ flow: 'recover', state: 'open' }),
    ]);
    const { history, order } = await store.call('getOrder', { orderNo: 'L1' });
    expect(order.status).toBe('cancelled');
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', oldValue: 'pending_verify', newValue: 'cancelled', source: 'import' }),
        expect.objectContaining({ field: 'platformStatus', oldValue: '待发货', newValue: '已取消', source: 'import' }),
      ]),
    );
  });

  test('an unpaid lead that paid: recover closes, verify opens; then shipped: verify closes', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'a.csv', douyinCsv([{ orderNo: 'L2', status: '待付款' }]));
    expect(await tasksOf(store, 'L2')).toEqual([expect.objectContaining({ flow: 'recover', state: 'open' })]);
    await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'L2', status: '待发货' }]));
    expect(await statusOf(store, 'L2')).toBe('pending_verify');
    expect(await tasksOf(store, 'L2')).toEqual([
      expect.objectContaining({ flow: 'recover', state: 'done', lastOutcome: 'order_pending_verify' }),
      expect.objectContaining({ flow: 'verify', state: 'open' }),
    ]);
    await importSummary(store, 'c.csv', douyinCsv([{ orderNo: 'L2', status: '已发货' }]));
    expect(await statusOf(store, 'L2')).toBe('shipped');
    expect((await tasksOf(store, 'L2')).every((t) => t.state === 'done')).toBe(true);
  });

  test('an order an agent recovered is not cancelled again by the same old export', async () => {
    const store = await openReadyStore();
    const file = douyinCsv([{ orderNo: 'L3', status: '已取消' }]);
    await importSummary(store, 'a.csv', file);
    const { card } = await store.call('nextCard', {});
    expect(card).toMatchObject({ flow: 'recover', order: { orderNo: 'L3' } });
    await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'recovered' });
    expect(await statusOf(store, 'L3')).toBe('verified');
    store.clock.advanceMinutes(60);
    expect(await importSummary(store, 'a.csv', file)).toMatchObject({ unchanged: 1, updated: 0, conflictCount: 0 });
    expect(await statusOf(store, 'L3')).toBe('verified');
    expect(await tasksOf(store, 'L3')).toEqual([expect.objectContaining({ flow: 'recover', state: 'done', lastOutcome: 'recovered' })]);
  });
});

describe('older exports never overwrite newer facts', () => {
  test('by the export’s status time: the older row is reported as a conflict and changes nothing', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'new.csv', withTime([{ orderNo: 'O1', status: '已发货', statusAt: '2026/11/20 11:00', address: '新地址 1号' }]));
    const before = dumpAll(store.db).orders;
    const s = await importSummary(store, 'old.csv', withTime([{ orderNo: 'O1', status: '已取消', statusAt: '2026/11/20 09:00', address: '旧地址 1号' }]));
    expect(s).toMatchObject({ unchanged: 1, updated: 0, conflictCount: 1 });
    expect(s.conflicts).toEqual([expect.objectContaining({ row: 2, orderNo: 'O1', code: 'older_export', current: '已发货' })]);
    expect(s.conflicts[0].reason).toBe(store.core.t('intake.conflicts.older_export', { current: '已发货', incoming: '已取消' }));
    expect(dumpAll(store.db).orders).toEqual(before);
  });

  test('without times, by the status order: 待发货 after 已发货 is an older export', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'a.csv', douyinCsv([{ orderNo: 'O2', status: '已发货' }]));
    const s = await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'O2', status: '待发货' }]));
    expect(s.conflicts).toEqual([expect.objectContaining({ code: 'status_backwards', current: '已发货', incoming: '待发货' })]);
    expect(await statusOf(store, 'O2')).toBe('shipped');
  });

  test('an agent’s call after the export’s status time wins', async () => {
    const store = await openReadyStore({ now: '2026-11-20T04:00:00.000Z' });
    await importSummary(store, 'a.csv', withTime([{ orderNo: 'O3', statusAt: '2026/11/20 09:00' }]));
    const { card } = await store.call('nextCard', {});
    await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'confirmed' });
    // An export taken at 10:00 (before the 12:00 call) says the buyer cancelled.
    store.clock.advanceMinutes(30);
    const s = await importSummary(store, 'b.csv', withTime([{ orderNo: 'O3', status: '已取消', statusAt: '2026/11/20 10:00' }]));
    expect(s.conflicts).toEqual([expect.objectContaining({ code: 'agent_newer', current: 'verified', incoming: '已取消' })]);
    expect(await statusOf(store, 'O3')).toBe('verified');
    // Cancelled after the call: applied.
    const later = await importSummary(store, 'c.csv', withTime([{ orderNo: 'O3', status: '已取消', statusAt: '2026/11/20 12:20' }]));
    expect(later).toMatchObject({ updated: 1, conflictCount: 0 });
    expect(await statusOf(store, 'O3')).toBe('cancelled');
  });
});

describe('status words', () => {
  test('an unknown word is reported; once the user adds it to the table, the next import acts on it', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'a.csv', douyinCsv([{ orderNo: 'W1' }]));
    const s = await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'W1', status: '风控拦截' }, { orderNo: 'W2', status: '风控拦截' }]));
    expect(s.unknownStatuses).toEqual([{ label: '风控拦截', count: 2 }]);
    // The word is recorded, the order's life is not touched.
    expect(await statusOf(store, 'W1')).toBe('pending_verify');
    expect(await statusOf(store, 'W2')).toBe('pending_verify');

    const settings = await store.call('updateIntakeSettings', { settings: { platformStatuses: { 风控拦截: 'closed' } } });
    expect(settings.platformStatuses).toEqual({ 风控拦截: 'closed' });
    const s2 = await importSummary(store, 'c.csv', douyinCsv([{ orderNo: 'W3', status: '风控拦截' }]));
    expect(s2.unknownStatuses).toEqual([]);
    expect(await statusOf(store, 'W3')).toBe('closed');
    // The export that carried the word, imported again: its orders now take the word's meaning
    // (they stayed pending, with a verify card for an order the platform had closed).
    const s3 = await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'W1', status: '风控拦截' }, { orderNo: 'W2', status: '风控拦截' }]));
    expect(s3).toMatchObject({ updated: 2, unchanged: 0 });
    expect([await statusOf(store, 'W1'), await statusOf(store, 'W2')]).toEqual(['closed', 'closed']);
    const history = (await store.call('getOrder', { orderNo: 'W1' })).history;
    expect(history.filter((h) => h.oldValue === h.newValue)).toEqual([]);
    // And once more: nothing left to change.
    expect(await importSummary(store, 'b.csv', douyinCsv([{ orderNo: 'W1', status: '风控拦截' }, { orderNo: 'W2', status: '风控拦截' }]))).toMatchObject({ updated: 0, unchanged: 2 });
  });
});

describe('an order listed once per product (Taobao, 抖音)', () => {
  test('the first row stands and each further product row is reported by its row, on every import of the file; a status row applies', async () => {
    const store = await openReadyStore();
    const file = douyinCsv([
      { orderNo: 'M1', product: '晚安冻膜', spec: '5盒装', amount: '99' },
      { orderNo: 'M1', product: '补水面膜', spec: '10片', amount: '99' },
      { orderNo: 'S1', status: '未付款' },
      { orderNo: 'S1', status: '待发货' },
    ]);
    const first = await importSummary(store, 'two-products.csv', file);
    expect(first).toMatchObject({ created: 2, updated: 1, unchanged: 1, conflictCount: 1 });
    expect(first.conflicts).toEqual([
      {
        row: 3, orderNo: 'M1', code: 'repeated_in_file', current: '晚安冻膜 5盒装', incoming: '补水面膜 10片',
        reason: '同一订单在前面一行已出现，商品不同（晚安冻膜 5盒装；本行：补水面膜 10片）：保留了前一行，本行商品未加入。请核对该订单的商品和金额',
      },
    ]);
    const m1 = (await store.call('getOrder', { orderNo: 'M1' })).order;
    expect(m1.lines.map((l) => l.product)).toEqual(['晚安冻膜']);
    expect(m1.amountFen).toBe(9900);
    // The status moved on within the file: the later row applied.
    expect((await store.call('getOrder', { orderNo: 'S1' })).order.status).toBe('pending_verify');

    // The same file again, even at the same instant: nothing changes, and the second row is reported again.
    const again = await importSummary(store, 'two-products.csv', file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    // (S1's 未付款 row now reads as going backwards, as it always did on a second import.)
    expect(again.conflicts.map((c) => [c.row, c.code])).toEqual([[3, 'repeated_in_file'], [4, 'status_backwards']]);
    expect((await store.call('getOrder', { orderNo: 'M1' })).order.lines.map((l) => l.product)).toEqual(['晚安冻膜']);

    // A later export with the order on one row and another product is a change, and applies.
    store.clock.advanceMinutes(30);
    const changed = await importSummary(store, 'later.csv', douyinCsv([{ orderNo: 'M1', product: '补水面膜', spec: '10片', amount: '99' }]));
    expect(changed).toMatchObject({ updated: 1, conflictCount: 0 });
    expect((await store.call('getOrder', { orderNo: 'M1' })).order.lines.map((l) => l.product)).toEqual(['补水面膜']);
  });
});

describe('re-importing the same file', () => {
  test('changes nothing at all, whatever the statuses', async () => {
    const store = await openReadyStore();
    const file = withTime([
      { orderNo: 'R1', statusAt: '2026/11/20 09:00' },
      { orderNo: 'R2', status: '已取消', statusAt: '2026/11/20 09:00' },
      { orderNo: 'R3', status: '未付款', statusAt: '2026/11/20 09:00' },
      { orderNo: 'R4', status: '已签收', statusAt: '2026/11/19 09:00' },
      { orderNo: 'R5', status: '拒收', statusAt: '2026/11/19 09:00', phone: '010-6552 9988' },
      { orderNo: 'R6', phone: '138001380', statusAt: '2026/11/20 09:00' },
      { orderNo: 'R7', phone: '', statusAt: '2026/11/20 09:00' },
    ]);
    const first = await importSummary(store, 'a.csv', file);
    expect(first).toMatchObject({ created: 6, rejectedCount: 1, flaggedPhones: 1 });
    // The summary says which row's number could not be read, to fix in the shop's system.
    expect(first.flaggedSample).toEqual([{ row: 7, orderNo: 'R6', phone: '138001380' }]);
    const before = dumpAll(store.db);
    store.clock.advanceMinutes(60);
    const again = await importSummary(store, 'a.csv', file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6, rejectedCount: 1, tasksClosed: 0, tasksOpened: {} });
    const after = dumpAll(store.db);
    // Only the run log grows (one run, one rejected row).
    expect({ ...after, import_runs: [], import_rejections: [] }).toEqual({ ...before, import_runs: [], import_rejections: [] });
    expect(after.import_runs).toHaveLength(2);
  });
});
