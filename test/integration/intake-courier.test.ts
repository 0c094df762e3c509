import { describe, expect, test } from 'vitest';
import { buildCsv, openReadyStore, type TestStore } from '../helpers/store';
import { COURIER_HEADER_WITH_STATION, courierCsv, douyinCsv, dumpAll, importSummary, uploadFile } from '../helpers/intake';
import { cardScriptContext, factValues } from '../../shared/scriptpack';

/** Three shipped orders, two of them with waybill numbers from the shop's export. */
async function shippedOrders(store: TestStore) {
  const header = ['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '订单状态', '运单号', '快递公司'];
  await importSummary(
    store,
    'shipped.csv',
    buildCsv([
      header,
      ['C1', '张秀英', '13800138000', '农业路38号', '99', '已发货', 'ZT1001', '中通快递'],
      ['C2', '李建国', '13912345678', '科技园1栋', '169', '已发货', 'ZT1002', '中通快递'],
      ['C3', '王芳', '15011112222', '体育西路1号', '99', '已发货', '', ''],
    ]),
  );
}

describe('a courier status file', () => {
  test('is recognised as one by its headers', async () => {
    const store = await openReadyStore();
    const p = await store.call('previewImport', { uploadId: await uploadFile(store, '物流.csv', courierCsv([{ waybill: 'ZT1', status: '已签收' }])) });
    expect(p).toMatchObject({ kind: 'courier', detectedKind: 'courier', missing: [] });
    expect(p.columns.map((c) => c.field)).toEqual(['waybillNo', 'orderNo', 'courierStatus', 'courierAt', 'courierReason', 'courier']);
  });

  test('signed closes the order as signed and schedules a revisit after the configured delay', async () => {
    const store = await openReadyStore();
    await store.call('updateIntakeSettings', { settings: { revisitDelayDays: 2 } });
    await shippedOrders(store);
    const s = await importSummary(store, '签收.csv', courierCsv([{ waybill: 'ZT1001', status: '已签收', at: '2026/11/20 10:30' }]));
    expect(s).toMatchObject({ kind: 'courier', updated: 1, tasksOpened: { revisit: 1 } });
    const { order, tasks, history } = await store.call('getOrder', { orderNo: 'C1' });
    expect(order.status).toBe('signed');
    expect(tasks).toEqual([expect.objectContaining({ flow: 'revisit', state: 'open', dueAt: '2026-11-22T02:30:00.000Z' })]);
    expect(order.courier).toMatchObject({ company: '中通快递', waybillNo: 'ZT1001', status: '已签收', statusAt: '2026-11-20T02:30:00.000Z' });
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', oldValue: 'shipped', newValue: 'signed', source: 'courier' }),
        expect.objectContaining({ field: 'courierStatus', oldValue: null, newValue: '已签收', source: 'courier' }),
      ]),
    );
  });

  test('exceptions open a track card with the courier’s reason on it, found by waybill or order number', async () => {
    const store = await openReadyStore();
    await shippedOrders(store);
    const s = await importSummary(
      store,
      '异常.csv',
      courierCsv([
        { waybill: 'ZT1001', status: '派送失败', at: '2026/11/20 09:00', reason: '电话无人接听，明日再派' },
        { waybill: 'ZT1002', status: '待自提', at: '2026/11/20 09:10', reason: '已放菜鸟驿站（农业路店）' },
        { orderNo: 'C3', waybill: 'YT9003', status: '拒收', at: '2026/11/20 09:20', reason: '客户称未订购', courier: '圆通速递' },
      ]),
    );
    expect(s).toMatchObject({ updated: 3, tasksOpened: { track: 3 } });
    for (const no of ['C1', 'C2', 'C3']) {
      const d = await store.call('getOrder', { orderNo: no });
      expect(d.order.status).toBe('delivery_exception');
      expect(d.tasks).toEqual([expect.objectContaining({ flow: 'track', state: 'open' })]);
    }
    const c3 = (await store.call('getOrder', { orderNo: 'C3' })).order;
    // The waybill the courier file brought is kept on the order.
    expect(c3.courier).toMatchObject({ waybillNo: 'YT9003', company: '圆通速递', status: '拒收', reason: '客户称未订购' });

    // The track card carries the courier's words.
    const { card } = await store.call('nextCard', { flow: 'track' });
    expect(card?.flow).toBe('track');
    expect(card?.order.courier?.reason).toBeTruthy();
    expect(card?.order.courier?.events).toEqual([expect.objectContaining({ status: card?.order.courier?.status, reason: card?.order.courier?.reason })]);

    // A later line for the same parcel: the same track card, the latest reason and a timeline.
    await importSummary(store, '异常2.csv', courierCsv([{ waybill: 'ZT1001', status: '退回站点', at: '2026/11/20 11:00', reason: '二次派送失败' }]));
    const c1 = await store.call('getOrder', { orderNo: 'C1' });
    expect(c1.tasks.filter((t) => t.state === 'open')).toHaveLength(1);
    expect(c1.order.courier?.reason).toBe('二次派送失败');
    expect(c1.order.courier?.events.map((e) => e.status)).toEqual(['派送失败', '退回站点']);
  });

  test('a parcel waiting to be collected: the card, the drawer and the script name where, from a column or the courier’s words', async () => {
    const store = await openReadyStore();
    await shippedOrders(store);
    // One file with a pickup-point column (C1), one where only the words say it (C2).
    const station = '兔喜生活（农业路38号）';
    await importSummary(
      store,
      '自提.csv',
      courierCsv([{ waybill: 'ZT1001', status: '待自提', at: '2026/11/20 09:00', reason: '请凭取件码领取', station }], COURIER_HEADER_WITH_STATION),
    );
    await importSummary(store, '异常.csv', courierCsv([{ waybill: 'ZT1002', status: '待自提', at: '2026/11/20 09:10', reason: '已放菜鸟驿站（科技园店），凭取件码领取' }]));
    const c1 = await store.call('getOrder', { orderNo: 'C1' });
    expect(c1.order.courier?.station).toBe('兔喜生活（农业路38号）');
    expect(c1.history).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'courierStation', oldValue: null, newValue: '兔喜生活（农业路38号）', source: 'courier' })]));
    expect((await store.call('getOrder', { orderNo: 'C2' })).order.courier?.station).toBe('菜鸟驿站（科技园店）');

    // The track card carries it, and the default pack's self-pickup step says it.
    const { card } = await store.call('nextCard', { flow: 'track' });
    expect(card?.order.courier?.station).toMatch(/兔喜生活|菜鸟驿站/);
    const ctx = cardScriptContext(card!, { agentName: '小王', timeZone: 'Asia/Shanghai' });
    expect(factValues(ctx)['courier.station']).toBe(card!.order.courier!.station);

    // The same line from an export without the column, in words that name no place: nothing changes.
    const same = await importSummary(store, '物流.csv', courierCsv([{ waybill: 'ZT1001', status: '待自提', at: '2026/11/20 09:00', reason: '请凭取件码领取' }]));
    expect(same).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await store.call('getOrder', { orderNo: 'C1' })).order.courier?.station).toBe('兔喜生活（农业路38号）');

    // Redelivered and signed: the place is forgotten (its change is in the history), even from a file with the column.
    await importSummary(store, '签收.csv', courierCsv([{ waybill: 'ZT1001', status: '已签收', at: '2026/11/20 15:00', station }], COURIER_HEADER_WITH_STATION));
    expect((await store.call('getOrder', { orderNo: 'C1' })).order.courier?.station).toBeNull();
  });

  test('unknown parcels and unknown status words are rejected rows; older lines and the same file again change nothing', async () => {
    const store = await openReadyStore();
    await shippedOrders(store);
    const file = courierCsv([
      { waybill: 'ZT1001', status: '派送失败', at: '2026/11/20 09:00', reason: '无人' },
      { waybill: 'NOPE', status: '已签收', at: '2026/11/20 09:00' },
      { waybill: 'ZT1002', status: '火星中转', at: '2026/11/20 09:00' },
    ]);
    const s = await importSummary(store, 'a.csv', file);
    expect(s).toMatchObject({ updated: 1, rejectedCount: 2 });
    expect(s.rejected.map((r) => [r.row, r.field, r.code])).toEqual([
      [3, 'waybillNo', 'order_not_found'],
      [4, 'courierStatus', 'unknown_courier_status'],
    ]);
    const before = dumpAll(store.db);
    const again = await importSummary(store, 'a.csv', file);
    expect(again).toMatchObject({ updated: 0, unchanged: 1, rejectedCount: 2 });
    expect({ ...dumpAll(store.db), import_runs: [], import_rejections: [] }).toEqual({ ...before, import_runs: [], import_rejections: [] });

    const older = await importSummary(store, 'old.csv', courierCsv([{ waybill: 'ZT1001', status: '派件中', at: '2026/11/19 18:00' }]));
    expect(older.conflicts).toEqual([expect.objectContaining({ code: 'older_export', orderNo: 'C1' })]);
    expect((await store.call('getOrder', { orderNo: 'C1' })).order.status).toBe('delivery_exception');

    // A user-added word works from the next import on.
    await store.call('updateIntakeSettings', { settings: { courierStatuses: { 火星中转: 'not_delivered' } } });
    expect(await importSummary(store, 'b.csv', courierCsv([{ waybill: 'ZT1002', status: '火星中转', at: '2026/11/20 09:00' }]))).toMatchObject({ updated: 1 });
  });

  test('an order signed for is final: a later exception line is reported, not applied', async () => {
    const store = await openReadyStore();
    await shippedOrders(store);
    await importSummary(store, 'a.csv', courierCsv([{ waybill: 'ZT1001', status: '已签收', at: '2026/11/20 09:00' }]));
    const s = await importSummary(store, 'b.csv', courierCsv([{ waybill: 'ZT1001', status: '派送失败', at: '2026/11/20 10:00' }]));
    expect(s.conflicts).toEqual([expect.objectContaining({ code: 'order_final', current: 'signed' })]);
    // Said with the status in words, as the other conflicts are.
    expect(s.conflicts[0].reason).toBe('订单已结束（已签收），忽略物流状态“派送失败”');
    expect((await store.call('getOrder', { orderNo: 'C1' })).order.status).toBe('signed');
  });

  test('a pending COD order the courier already has: verify closes, the order ships', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'o.csv', douyinCsv([{ orderNo: 'P1' }]));
    await importSummary(store, 'c.csv', courierCsv([{ orderNo: 'P1', waybill: 'SF1', status: '运输中', at: '2026/11/20 11:00' }]));
    const d = await store.call('getOrder', { orderNo: 'P1' });
    expect(d.order.status).toBe('shipped');
    expect(d.tasks).toEqual([expect.objectContaining({ flow: 'verify', state: 'done', lastOutcome: 'order_shipped' })]);
  });
});
