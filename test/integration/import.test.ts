import { readOutbox } from '../../electron/services/outbox';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { ImportSummary } from '../../shared/contract';
import {
  CANONICAL_HEADER,
  CHINESE_HEADER,
  buildCsv,
  callcardError,
  countRows,
  dumpStore,
  importFile,
  openReadyStore,
  orderCells,
  ordersCsv,
  outboxRows,
  sampleOrder,
  thrown,
  type TestStore,
} from '../helpers/store';

const THREE = [
  sampleOrder({ orderNo: 'DD001', name: '张秀英', phone: '+86 138-0013-8000', amount: '￥99', orderedAt: '2026-11-20 09:15' }),
  sampleOrder({ orderNo: 'DD002', name: '李建国', phone: '13912345678', amount: '1,299.5', orderedAt: '2026/11/20 08:05', paymentMethod: '在线支付' }),
  sampleOrder({ orderNo: 'DD003', name: '王芳', phone: '0086 15011112222', amount: '169元', orderedAt: '2026-11-19 22:40', quantity: '2' }),
];

async function xlsxBytes(rows: unknown[][], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单导出');
  if (title) {
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, Math.max(...rows.map((r) => r.length)));
  }
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A minimal stored (uncompressed) ZIP with one file: a valid archive that is not a workbook. */
function zipOf(name: string, text: string): Buffer {
  const data = Buffer.from(text);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

function reasonFor(store: TestStore, code: string, field: string): string {
  return store.core.t(`intake.reasons.${code}`, { field: store.core.t(`intake.fields.${field}`) });
}

/** The reason, quoting what the cell held (an empty cell has nothing to quote). */
function reasonWithValue(store: TestStore, code: string, field: string, value: string | undefined): string {
  const reason = reasonFor(store, code, field);
  return value ? store.core.t('intake.reasonWithValue', { reason, value }) : reason;
}

function expectCountsAddUp(s: ImportSummary, dataRows: number): void {
  expect(s.totalRows).toBe(dataRows);
  expect(s.created + s.updated + s.unchanged + s.rejected.length).toBe(dataRows);
}

describe('importing a CSV export', () => {
  test('creates orders with normalised fields, a verify task each, and an outbox entry each', async () => {
    const store = await openReadyStore();
    const summary = await importFile(store, 'orders.csv', ordersCsv(THREE));
    expect(summary).toMatchObject({ fileName: 'orders.csv', totalRows: 3, created: 3, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0 });

    const { order, tasks } = await store.call('getOrder', { orderNo: 'DD001' });
    expect(order).toMatchObject({
      orderNo: 'DD001',
      status: 'pending_verify',
      customerName: '张秀英',
      phone: '13800138000',
      province: '河南省',
      city: '郑州市',
      district: '金水区',
      address: '花园路街道农业路38号3单元502',
      amountFen: 9900,
      paymentMethod: 'cod',
      orderedAt: '2026-11-20T01:15:00.000Z',
      ip: '1.192.0.1',
      buyerAccount: 'zxy_8888',
      lines: [{ product: '晚安冻膜', package: '5盒装', quantity: 1, amountFen: 9900 }],
    });
    // The verify call is due from the moment the order was placed.
    expect(tasks).toEqual([expect.objectContaining({ flow: 'verify', state: 'open', dueAt: '2026-11-20T01:15:00.000Z', attempts: 0 })]);

    const dd2 = (await store.call('getOrder', { orderNo: 'DD002' })).order;
    expect(dd2).toMatchObject({ amountFen: 129950, paymentMethod: 'online', orderedAt: '2026-11-20T00:05:00.000Z' });
    const dd3 = (await store.call('getOrder', { orderNo: 'DD003' })).order;
    expect(dd3).toMatchObject({ phone: '15011112222', amountFen: 16900, lines: [expect.objectContaining({ quantity: 2 })] });

    // Every created order waits in the outbox for the server, written with the order.
    const outbox = outboxRows(store.db).filter((r) => r.entity === 'order');
    expect(outbox).toHaveLength(3);
    const ids = new Set([order.id, dd2.id, dd3.id]);
    for (const row of outbox) {
      expect(ids.has(row.entity_id)).toBe(true);
      expect(row.op).toBe('upsert');
      expect(row.sent_at).toBeNull();
    }
    // What the server will receive: each order as it stands, lines included.
    const sent = readOutbox(store.db).filter((e) => e.entity === 'order');
    expect(sent.map((e) => (e.payload as { orderNo: string }).orderNo).sort()).toEqual(['DD001', 'DD002', 'DD003']);
    expect(sent.find((e) => e.entityId === order.id)!.payload).toMatchObject({
      phone: '13800138000', amountFen: 9900, lines: [expect.objectContaining({ amountFen: 9900 })], changedAt: order.updatedAt,
    });
  });

  test('reads Chinese headers (订单编号/订单号, 联系电话/手机号) from UTF-8 with a BOM', async () => {
    const store = await openReadyStore();
    const header = CHINESE_HEADER.map((h) => (h === '订单编号' ? '订单号' : h === '联系电话' ? '手机号' : h));
    const summary = await importFile(store, '订单.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ordersCsv(THREE, header))]));
    expect(summary).toMatchObject({ created: 3, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'DD001' })).order).toMatchObject({ customerName: '张秀英', phone: '13800138000' });
  });

  test("reads values a spreadsheet marked as text: Taobao's =\"…\" order numbers and an apostrophe before a number", async () => {
    const store = await openReadyStore();
    const rows = [
      { ...THREE[0], orderNo: '="3201000000000000002"', phone: "'13800138000" },
      { ...THREE[1], orderNo: '3201000000000000003', phone: "'021-12345678" },
    ];
    expect(await importFile(store, 'taobao.csv', ordersCsv(rows))).toMatchObject({ created: 2, rejected: [] });
    expect((await store.call('getOrder', { orderNo: '3201000000000000002' })).order.phone).toBe('13800138000');
    expect((await store.call('getOrder', { orderNo: '3201000000000000003' })).order.phone).toBe('02112345678');
    // A later file without the wrapper finds the same order.
    expect(await importFile(store, 'later.csv', ordersCsv([{ ...rows[0], orderNo: '3201000000000000002' }]))).toMatchObject({ created: 0, unchanged: 1 });
  });

  test('a whole address in one column gives the order its province, city and district, and the region checks work on it', async () => {
    const store = await openReadyStore();
    const csv = buildCsv([
      ['订单号', '收货人', '联系手机', '收货地址', '商品名称', '实付款', '支付方式'],
      ['ONE-1', '周敏', '13800138000', '广东省深圳市南山区科技园科苑路1号', '晚安冻膜', '99', '货到付款'],
      ['ONE-2', '李娜', '13900139000', '北京朝阳区建国路88号2单元', '晚安冻膜', '99', '货到付款'],
      ['ONE-3', '王芳', '13700137000', '北京路88号（广州越秀）', '晚安冻膜', '99', '货到付款'],
    ]);
    expect(await importFile(store, 'kuaishou.csv', csv)).toMatchObject({ created: 3, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'ONE-1' })).order).toMatchObject({ province: '广东省', city: '深圳市', district: '南山区', address: '科技园科苑路1号' });
    expect((await store.call('getOrder', { orderNo: 'ONE-2' })).order).toMatchObject({ province: '北京市', city: '北京市', district: '朝阳区', address: '建国路88号2单元' });
    // A street named after a city is not that city: left as written.
    expect((await store.call('getOrder', { orderNo: 'ONE-3' })).order).toMatchObject({ province: '', address: '北京路88号（广州越秀）' });
    // 13800138000 is a Beijing number shipping to Shenzhen: the mismatch is found (it was "region unknown").
    const risk = await store.call('getOrderRisk', { orderNo: 'ONE-1' });
    expect(risk.facts.map((f) => f.rule)).toContain('phone_region_mismatch');
  });

  test('reads every Chinese header of a shop back-end export', async () => {
    const store = await openReadyStore();
    const order = sampleOrder({ orderNo: 'CN-1', ip: '36.5.0.1', buyerAccount: 'buyer_cn' });
    const summary = await importFile(store, 'export.csv', ordersCsv([order], CHINESE_HEADER));
    expect(summary.created).toBe(1);
    expect((await store.call('getOrder', { orderNo: 'CN-1' })).order).toMatchObject({
      customerName: order.name,
      phone: order.phone,
      province: order.province,
      city: order.city,
      district: order.district,
      address: order.address,
      ip: '36.5.0.1',
      buyerAccount: 'buyer_cn',
      paymentMethod: 'cod',
      amountFen: 9900,
      orderedAt: '2026-11-20T01:15:00.000Z',
      lines: [{ product: order.product, package: order.package, quantity: 1, amountFen: 9900 }],
    });
  });

  test.each([
    ['GBK', 'gbk'],
    ['GB18030', 'gb18030'],
  ])('reads a %s file (what Chinese Excel writes by default)', async (_label, encoding) => {
    const store = await openReadyStore();
    const bytes = iconv.encode(ordersCsv(THREE, CHINESE_HEADER), encoding);
    const summary = await importFile(store, '订单.csv', bytes);
    expect(summary).toMatchObject({ created: 3, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'DD002' })).order).toMatchObject({
      customerName: '李建国',
      address: '花园路街道农业路38号3单元502',
      lines: [expect.objectContaining({ product: '晚安冻膜', package: '5盒装' })],
    });
  });

  test('reads UTF-16LE with a BOM (Excel "Unicode text", tab-separated)', async () => {
    const store = await openReadyStore();
    const text = buildCsv([[...CHINESE_HEADER], ...THREE.map(orderCells)], { delimiter: '\t' });
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    const summary = await importFile(store, 'orders.txt', bytes);
    expect(summary).toMatchObject({ created: 3, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'DD003' })).order).toMatchObject({ customerName: '王芳', amountFen: 16900 });
  });

  test('keeps addresses with commas and line breaks inside quotes in one field', async () => {
    const store = await openReadyStore();
    const orders = [
      sampleOrder({ orderNo: 'Q1', address: '农业路38号, 3单元, 502室' }),
      sampleOrder({ orderNo: 'Q2', address: '金水区花园路\r\n国基路口 "老王" 小卖部旁' }),
      sampleOrder({ orderNo: 'Q3' }),
    ];
    const summary = await importFile(store, 'orders.csv', ordersCsv(orders));
    expect(summary).toMatchObject({ created: 3, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'Q1' })).order.address).toBe('农业路38号, 3单元, 502室');
    // A line break inside an address is one space on the card.
    expect((await store.call('getOrder', { orderNo: 'Q2' })).order.address).toBe('金水区花园路 国基路口 "老王" 小卖部旁');
    expect((await store.call('getOrder', { orderNo: 'Q3' })).order.province).toBe('河南省');
  });

  test('reports a bad row with its Excel row number, field and a translated reason; the rest imports', async () => {
    const store = await openReadyStore();
    const rows = [
      sampleOrder({ orderNo: 'R2', address: '第一行\n第二行' }), // row 2 spans two lines but is one Excel row
      sampleOrder({ orderNo: 'R3', phone: '请联系客服' }), // row 3
      sampleOrder({ orderNo: 'R4' }),
      sampleOrder({ orderNo: 'R5', amount: '九十九' }), // row 5
      sampleOrder({ orderNo: 'R6', name: '' }), // row 6
      sampleOrder({ orderNo: 'R7', orderedAt: '2026-02-30 10:00' }), // row 7
      sampleOrder({ orderNo: 'R8', quantity: '0' }), // row 8
      sampleOrder({ orderNo: 'R9', paymentMethod: '以物换物' }), // row 9
      sampleOrder({ orderNo: 'R10' }),
    ];
    const summary = await importFile(store, 'orders.csv', ordersCsv(rows));
    expect(summary.created).toBe(3);
    expect(summary.rejected.map(({ row, field, code }) => ({ row, field, code }))).toEqual([
      { row: 3, field: 'phone', code: 'bad_phone' },
      { row: 5, field: 'amount', code: 'bad_amount' },
      { row: 6, field: 'customerName', code: 'missing_value' },
      { row: 7, field: 'orderedAt', code: 'bad_time' },
      { row: 8, field: 'quantity', code: 'bad_quantity' },
      { row: 9, field: 'paymentMethod', code: 'bad_payment_method' },
    ]);
    const held: Record<number, string | undefined> = { 3: '请联系客服', 5: '九十九', 6: undefined, 7: '2026-02-30 10:00', 8: '0', 9: '以物换物' };
    expect(summary.rejected.find((r) => r.row === 5)?.reason).toBe('“金额（元）”不是有效金额：“九十九”');
    for (const r of summary.rejected) {
      // Translated (zh-CN, the workstation language), naming the column in words and quoting the cell.
      expect(r.reason).toBe(reasonWithValue(store, r.code, r.field, held[r.row]));
      expect(r.reason).not.toMatch(/^intake\.reasons\./);
      expect(r.reason).toContain(store.core.t(`intake.fields.${r.field}`));
    }
    expectCountsAddUp(summary, rows.length);
    expect((await store.call('listOrders', {})).orders.map((o) => o.orderNo).sort()).toEqual(['R10', 'R2', 'R4']);
    await callcardError(() => store.call('getOrder', { orderNo: 'R3' }), 'order_not_found');
  });

  test('a row split by a comma inside an unquoted value is refused as shifted, not read one column off', async () => {
    const store = await openReadyStore();
    const good = ordersCsv([sampleOrder({ orderNo: 'C2' }), sampleOrder({ orderNo: 'C3' }), sampleOrder({ orderNo: 'C4' })]);
    // Row 3 as a hand-edited export writes it: the amount "12,99" unquoted, so the row has one cell too many.
    const lines = good.split('\n');
    lines[2] = lines[2].replace(/,99(\.00)?,/, ',12,99,');
    expect(lines[2].split(',').length).toBe(lines[0].split(',').length + 1);
    // Trailing empty cells (common in exports) are not data: row 4 still imports.
    lines[3] = `${lines[3]},,`;
    const summary = await importFile(store, 'orders.csv', lines.join('\n'));
    expect(summary.rejected.map(({ row, code }) => ({ row, code }))).toEqual([{ row: 3, code: 'extra_cells' }]);
    expect(summary.rejected[0].reason).toContain('没加引号的逗号');
    expect(summary.created).toBe(2);
    await callcardError(() => store.call('getOrder', { orderNo: 'C3' }), 'order_not_found');
  });

  test('empty lines are not data rows, and row numbers still match Excel', async () => {
    const store = await openReadyStore();
    const text = buildCsv([
      [...CANONICAL_HEADER],
      orderCells(sampleOrder({ orderNo: 'E2' })),
      [],
      orderCells(sampleOrder({ orderNo: 'E4', phone: 'x' })),
      [],
    ]);
    const summary = await importFile(store, 'orders.csv', text);
    expect(summary.rejected.map((r) => r.row)).toEqual([4]);
    expectCountsAddUp(summary, 2);
  });

  test('finds the header under a title row in a CSV too, and counts rows from the title', async () => {
    const store = await openReadyStore();
    const text = buildCsv([['好物优选 订单导出 2026-11-20'], [], [...CHINESE_HEADER], ...THREE.map(orderCells), orderCells(sampleOrder({ orderNo: 'T7', phone: '' }))]);
    const summary = await importFile(store, 'orders.csv', text);
    expect(summary).toMatchObject({ created: 3, rejected: [{ row: 7, field: 'phone', code: 'missing_value' }] });
    expectCountsAddUp(summary, 4);
  });

  test('the same order twice in one file is one order', async () => {
    const store = await openReadyStore();
    const summary = await importFile(
      store,
      'orders.csv',
      ordersCsv([sampleOrder({ orderNo: 'D1' }), sampleOrder({ orderNo: 'D1', address: '改过的地址 1号' })]),
    );
    expect(summary).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expectCountsAddUp(summary, 2);
    expect(countRows(store.db, 'orders')).toBe(1);
    expect(countRows(store.db, 'call_tasks')).toBe(1);
    expect((await store.call('getOrder', { orderNo: 'D1' })).order.address).toBe('改过的地址 1号');
  });
});

describe('importing an XLSX export', () => {
  test('reads Chinese headers under a title row, with numeric and date cells', async () => {
    const store = await openReadyStore();
    const bytes = await xlsxBytes(
      [
        [...CHINESE_HEADER],
        ['X001', '张秀英', 13800138000, '河南省', '郑州市', '金水区', '农业路38号', '晚安冻膜', '5盒装', 1, 99, '货到付款', new Date(Date.UTC(2026, 10, 20, 10, 5)), '1.192.0.1', 'zxy', '待发货'],
        ['X002', '李建国', '139 1234 5678', '广东省', '深圳市', '南山区', '科技园1栋', '晚安冻膜', '10盒装', 2, 169.5, '货到付款', '2026/11/20 08:30', '', '', ''],
      ],
      '2026年11月20日 订单导出',
    );
    const summary = await importFile(store, 'orders.xlsx', bytes);
    expect(summary).toMatchObject({ fileName: 'orders.xlsx', totalRows: 2, created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect((await store.call('getOrder', { orderNo: 'X001' })).order).toMatchObject({
      phone: '13800138000',
      amountFen: 9900,
      orderedAt: '2026-11-20T02:05:00.000Z',
    });
    expect((await store.call('getOrder', { orderNo: 'X002' })).order).toMatchObject({
      phone: '13912345678',
      amountFen: 16950,
      ip: null,
      lines: [expect.objectContaining({ package: '10盒装', quantity: 2 })],
    });
  });

  test('reports bad rows by the row number Excel shows (title row 1, header row 2)', async () => {
    const store = await openReadyStore();
    const bytes = await xlsxBytes(
      [
        [...CANONICAL_HEADER],
        orderCells(sampleOrder({ orderNo: 'X3' })),
        orderCells(sampleOrder({ orderNo: 'X4', amount: 'abc' })),
        orderCells(sampleOrder({ orderNo: 'X5' })),
        orderCells(sampleOrder({ orderNo: 'X6', phone: '' })),
      ],
      '订单导出',
    );
    const summary = await importFile(store, 'orders.xlsx', bytes);
    expect(summary.rejected.map(({ row, field, code }) => ({ row, field, code }))).toEqual([
      { row: 4, field: 'amount', code: 'bad_amount' },
      { row: 6, field: 'phone', code: 'missing_value' },
    ]);
    expect(summary.created).toBe(2);
    expectCountsAddUp(summary, 4);
  });
});

describe('one import, one transaction', () => {
  test('when the outbox cannot be written, no order of the file is stored', async () => {
    const store = await openReadyStore();
    const before = dumpStore(store.db);
    let outboxWrites = 0;
    store.db.function('count_outbox_write', () => ++outboxWrites);
    // The third order's outbox entry fails, as on a full disk.
    store.db.exec(
      'CREATE TEMP TRIGGER outbox_fails_third BEFORE INSERT ON outbox WHEN count_outbox_write() = 3 BEGIN SELECT RAISE(ABORT, \'disk full\'); END',
    );
    const err = await thrown(() => importFile(store, 'orders.csv', ordersCsv(THREE)));
    expect(String(err)).toMatch(/disk full/);
    expect(dumpStore(store.db)).toEqual(before);
  });
});

describe('re-importing', () => {
  test('an identical file changes nothing and reports every order unchanged', async () => {
    const store = await openReadyStore();
    await importFile(store, 'orders.csv', ordersCsv(THREE));
    const before = dumpStore(store.db);
    store.clock.advanceMinutes(60);
    const again = await importFile(store, 'orders.csv', ordersCsv(THREE));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(dumpStore(store.db)).toEqual(before);
  });

  test('a changed order is updated in place (no duplicate, no second task), with the old value in its history', async () => {
    const store = await openReadyStore();
    await importFile(store, 'orders.csv', ordersCsv(THREE));
    const { order: before } = await store.call('getOrder', { orderNo: 'DD001' });
    store.clock.advanceMinutes(60);
    const changed = [{ ...THREE[0], address: '农业路40号', amount: '129' }, THREE[1], THREE[2]];
    const summary = await importFile(store, 'orders.csv', ordersCsv(changed));
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 2 });

    expect(countRows(store.db, 'orders')).toBe(3);
    expect(countRows(store.db, 'call_tasks')).toBe(3);
    const detail = await store.call('getOrder', { orderNo: 'DD001' });
    expect(detail.order).toMatchObject({ id: before.id, address: '农业路40号', amountFen: 12900 });
    expect(detail.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'address', oldValue: before.address, newValue: '农业路40号', source: 'import', agentName: null }),
        expect.objectContaining({ field: 'amountFen', oldValue: '9900', newValue: '12900', source: 'import' }),
      ]),
    );
    // Every entry says a change: the package did not change, so there is no "5盒装 → 5盒装".
    expect(detail.history.filter((h) => h.oldValue === h.newValue)).toEqual([]);
    const orderEntries = outboxRows(store.db).filter((r) => r.entity === 'order' && r.entity_id === before.id);
    expect(orderEntries).toHaveLength(2);
    const sent = readOutbox(store.db).filter((e) => e.entity === 'order' && e.entityId === before.id);
    expect(sent[1].payload).toMatchObject({ address: '农业路40号', amountFen: 12900 });
  });

  test('a correction an agent made on a call is not overwritten by a re-import', async () => {
    const store = await openReadyStore();
    const original = sampleOrder({ orderNo: 'C1', product: '晚安冻膜', package: '5盒装', quantity: 1, amount: '99' });
    await importFile(store, 'orders.csv', ordersCsv([original]));
    const { card } = await store.call('nextCard', {});
    await store.call('recordOutcome', {
      taskId: card!.taskId,
      outcome: 'corrected',
      corrections: { address: '农业路38号3单元502（门卫代收）', phone: '13900001111', package: '10盒装', quantity: 2, amountFen: 16900 },
    });

    // The same export again: the agent's values stay, and nothing else changed.
    store.clock.advanceMinutes(30);
    expect(await importFile(store, 'orders.csv', ordersCsv([original]))).toMatchObject({ unchanged: 1, updated: 0 });

    // A later export renames the product and changes the buyer account: those update, the corrections stay.
    store.clock.advanceMinutes(30);
    const renamed = { ...original, product: '晚安冻膜（升级版）', buyerAccount: 'new_account' };
    expect(await importFile(store, 'orders.csv', ordersCsv([renamed]))).toMatchObject({ updated: 1 });
    const { order } = await store.call('getOrder', { orderNo: 'C1' });
    expect(order).toMatchObject({
      status: 'verified',
      address: '农业路38号3单元502（门卫代收）',
      phone: '13900001111',
      amountFen: 16900,
      buyerAccount: 'new_account',
      lines: [{ product: '晚安冻膜（升级版）', package: '10盒装', quantity: 2, amountFen: 16900 }],
    });
  });

  test('a re-import that cancels a pending order closes its verify task and opens a recover task', async () => {
    const store = await openReadyStore();
    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'K1' })]));
    expect((await store.call('nextCard', {})).card?.order.orderNo).toBe('K1');
    await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'K1', status: '已取消' })]));
    const detail = await store.call('getOrder', { orderNo: 'K1' });
    expect(detail.order.status).toBe('cancelled');
    expect(detail.tasks).toEqual([
      expect.objectContaining({ flow: 'verify', state: 'done', lastOutcome: 'order_cancelled' }),
      expect.objectContaining({ flow: 'recover', state: 'open' }),
    ]);
    expect(detail.history).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'status', oldValue: 'pending_verify', newValue: 'cancelled', source: 'import' })]));
    expect((await store.call('nextCard', {})).card).toMatchObject({ flow: 'recover', order: { orderNo: 'K1' } });
  });
});

describe('platform status', () => {
  test('an order the platform already cancelled (已取消) is stored cancelled, with a recover task instead of a verify task', async () => {
    const store = await openReadyStore();
    const summary = await importFile(
      store,
      'orders.csv',
      ordersCsv([sampleOrder({ orderNo: 'P1', status: '已取消' }), sampleOrder({ orderNo: 'P2', status: '待发货' })], CHINESE_HEADER),
    );
    expect(summary.created).toBe(2);
    const p1 = await store.call('getOrder', { orderNo: 'P1' });
    expect(p1.order.status).toBe('cancelled');
    expect(p1.tasks).toEqual([expect.objectContaining({ flow: 'recover', state: 'open' })]);
    expect((await store.call('getOrder', { orderNo: 'P2' })).order.status).toBe('pending_verify');
    expect((await store.call('listOrders', { status: 'cancelled' })).orders.map((o) => o.orderNo)).toEqual(['P1']);
    // Verify comes first; the cancelled order waits as a recover card.
    const { card, queue } = await store.call('nextCard', {});
    expect(card?.order.orderNo).toBe('P2');
    expect(queue.dueNow).toBe(2);
  });
});

describe('finding orders', () => {
  test('a number is found however it is written or read out, whole or in part; names and order numbers too', async () => {
    const store = await openReadyStore();
    await importFile(
      store,
      'orders.csv',
      ordersCsv([sampleOrder({ orderNo: 'S1', phone: '15585516891', name: '周杰' }), sampleOrder({ orderNo: 'S2', phone: '13900001111', name: '吴敏' })], CHINESE_HEADER),
    );
    const found = async (query: string) => (await store.call('listOrders', { query })).orders.map((o) => o.orderNo);
    for (const q of ['15585516891', '155 8551 6891', '+86 155-8551-6891', '１５５８５５１６８９１', '8551 6891', '0086 15585516891']) expect(await found(q), q).toEqual(['S1']);
    expect(await found('s1')).toEqual(['S1']);
    expect(await found('吴')).toEqual(['S2']);
    expect(await found('139 0000 2222')).toEqual([]);
  });
});

describe('files that cannot be imported', () => {
  // Missing columns are named in the workstation's language, as the translated field names.
  const bad: [string, string, () => Promise<Uint8Array> | Uint8Array, string[]?][] = [
    ['an empty file', 'import_empty_file', () => new Uint8Array()],
    ['a file of blank lines', 'import_empty_file', () => Buffer.from('\r\n \r\n\t\r\n')],
    ['a UTF-8 BOM and nothing else', 'import_empty_file', () => Buffer.from([0xef, 0xbb, 0xbf])],
    ['a binary file', 'import_not_text', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))],
    ['an old .xls (OLE) workbook', 'import_xls_unsupported', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])],
    ['a cut-off zip (no central directory)', 'import_xlsx_truncated', () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('definitely not a workbook')])],
    ['a complete zip that is not a workbook', 'import_xlsx_no_sheets', () => zipOf('readme.txt', 'not a workbook')],
    ['a workbook cut off half way', 'import_xlsx_truncated', async () => (await xlsxBytes([[...CHINESE_HEADER], orderCells(sampleOrder())])).subarray(0, 2000)],
    ['a header with no recognisable column', 'import_no_columns', () => Buffer.from('foo,bar,baz\r\n1,2,3\r\n')],
    [
      'a header missing required columns',
      'import_missing_columns',
      () => Buffer.from(buildCsv([['订单编号', '收货人', '商品名称'], ['M1', '张三', '晚安冻膜']])),
      ['phone', 'address', 'amount'],
    ],
    [
      'an XLSX without the required columns',
      'import_missing_columns',
      () => xlsxBytes([['订单编号', '收货人', '详细地址'], ['M2', '李四', '某路1号']]),
      ['phone', 'amount'],
    ],
  ];

  test.each(bad)('%s is refused with %s and leaves the store untouched', async (_label, code, make, missing) => {
    const store = await openReadyStore();
    await importFile(store, 'orders.csv', ordersCsv(THREE));
    const before = dumpStore(store.db);
    const bytes = await make();
    const err = await callcardError(() => importFile(store, 'bad-file', bytes), code);
    if (missing) expect(err.params.columns).toBe(missing.map((f) => store.core.t(`fields.${f}`)).join(', '));
    expect(dumpStore(store.db)).toEqual(before);
  });
});
