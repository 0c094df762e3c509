import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { buildCsv, callcardError, openReadyStore } from '../helpers/store';
import { DOUYIN_HEADER, douyinCells, douyinCsv, dumpAll, importSummary, importThroughScreen, mappingOf, uploadFile, workbook } from '../helpers/intake';

describe('uploading an export in chunks', () => {
  test('chunks land in order; a retried, out-of-order or overlong chunk is refused', async () => {
    const store = await openReadyStore();
    const bytes = Buffer.from(douyinCsv([{ orderNo: 'U1' }]));
    const { uploadId } = await store.call('beginUpload', { fileName: 'a.csv', size: bytes.length });
    await store.call('appendUpload', { uploadId, offset: 0, chunkBase64: bytes.subarray(0, 10).toString('base64') });
    const again = await callcardError(() => store.call('appendUpload', { uploadId, offset: 0, chunkBase64: bytes.subarray(0, 10).toString('base64') }), 'upload_out_of_order');
    expect(again.params).toEqual({ expected: 10, offset: 0 });
    // Not complete yet: nothing can read it.
    await callcardError(() => store.call('previewImport', { uploadId }), 'upload_incomplete');
    await callcardError(
      () => store.call('appendUpload', { uploadId, offset: 10, chunkBase64: Buffer.concat([bytes.subarray(10), Buffer.from('x')]).toString('base64') }),
      'upload_too_long',
    );
    await store.call('appendUpload', { uploadId, offset: 10, chunkBase64: bytes.subarray(10).toString('base64') });
    expect((await store.call('previewImport', { uploadId })).rows).toHaveLength(1);
    await callcardError(() => store.call('previewImport', { uploadId: 'nope' }), 'upload_not_found');
  });

  test('a file over 2 GB is refused before a byte is sent, with a translated message', async () => {
    const store = await openReadyStore();
    const err = await callcardError(() => store.call('beginUpload', { fileName: 'huge.csv', size: 2 * 1024 ** 3 }), 'import_too_large');
    expect(store.core.t(`errors.${err.code}`)).toMatch(/2 GB/);
  });
});

describe('previewing an export', () => {
  test('a GBK 抖音-style export: encoding, header, a field for every column, the first rows', async () => {
    const store = await openReadyStore();
    const csv = douyinCsv([{ orderNo: 'DY1' }, { orderNo: 'DY2', status: '已取消' }]);
    const uploadId = await uploadFile(store, '抖音小店订单.csv', iconv.encode(csv, 'gbk'));
    const p = await store.call('previewImport', { uploadId });
    expect(p).toMatchObject({ fileType: 'csv', encoding: 'gb18030', delimiter: ',', headerRow: 1, kind: 'orders', profile: null, missing: [] });
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ['订单号', 'orderNo'],
      ['收件人姓名', 'customerName'],
      ['收件人手机', 'phone'],
      ['省', 'province'],
      ['市', 'city'],
      ['区', 'district'],
      ['详细地址', 'address'],
      ['商品', 'product'],
      ['规格', 'package'],
      ['商品数量', 'quantity'],
      ['订单应付金额', 'amount'],
      ['支付方式', 'paymentMethod'],
      ['订单提交时间', 'orderedAt'],
      ['订单状态', 'platformStatus'],
    ]);
    expect(p.columns[0].samples).toEqual(['DY1', 'DY2']);
    expect(p.rows[1]).toEqual(douyinCells({ orderNo: 'DY2', status: '已取消' }));
  });

  test('an XLSX with a title row and two sheets: sheets listed, header found on row 2, sheet chosen', async () => {
    const store = await openReadyStore();
    const bytes = await workbook([
      { name: '说明', rows: [['本文件由后台导出'], ['请勿修改表头']] },
      {
        name: '订单',
        title: '好物优选 2026-11-20 订单导出',
        rows: [[...DOUYIN_HEADER], douyinCells({ orderNo: 'X1' }), douyinCells({ orderNo: 'X2' })],
      },
    ]);
    const uploadId = await uploadFile(store, 'orders.xlsx', bytes);
    // The first sheet is a note: the orders' sheet is chosen by its header.
    const first = await store.call('previewImport', { uploadId });
    expect(first).toMatchObject({ fileType: 'xlsx', sheets: ['说明', '订单'], sheet: '订单', headerRow: 2, missing: [] });
    expect(first.rows.map((r) => r[0])).toEqual(['X1', 'X2']);
    // Another sheet, asked for by name.
    const notes = await store.call('previewImport', { uploadId, sheet: '说明' });
    expect(notes).toMatchObject({ sheet: '说明' });
    expect(notes.missing.length).toBeGreaterThan(0);
    await callcardError(() => store.call('previewImport', { uploadId, sheet: '不存在' }), 'import_no_sheet');
  });

  test('a header row asked for explicitly, and a file whose header names are not recognised', async () => {
    const store = await openReadyStore();
    const csv = buildCsv([['客户编码', '客户', '号码', '收货位置', '钱'], ['K1', '张三', '13800138000', '郑州市金水区农业路38号', '99']]);
    const p = await store.call('previewImport', { uploadId: await uploadFile(store, 'x.csv', csv) });
    expect(p.headerRow).toBe(1);
    expect(p.columns.every((c) => c.field === null)).toBe(true);
    expect(p.missing).toEqual(['orderNo', 'customerName', 'phone', 'address', 'amount']);
    const asked = await store.call('previewImport', { uploadId: await uploadFile(store, 'x.csv', csv), headerRow: 2 });
    expect(asked.headerRow).toBe(2);
    expect(asked.columns.map((c) => c.header)).toEqual(['K1', '张三', '13800138000', '郑州市金水区农业路38号', '99']);
  });
});

describe('mapping by hand, and profiles', () => {
  const CUSTOM = ['客户编码', '客户', '号码', '收货位置', '钱', '备注'];
  const row = (no: string) => [no, '张三', '13800138000', '郑州市金水区农业路38号', '99', ''];
  const mapping = { orderNo: 0, customerName: 1, phone: 2, address: 3, amount: 4 };

  test('an import refuses a mapping without the required fields, naming them in words', async () => {
    const store = await openReadyStore();
    const uploadId = await uploadFile(store, 'x.csv', buildCsv([CUSTOM, row('M1')]));
    const before = dumpAll(store.db);
    const err = await callcardError(
      () => store.call('startImport', { uploadId, kind: 'orders', headerRow: 1, mapping: { orderNo: 0, customerName: 1 } }),
      'import_missing_columns',
    );
    expect(err.params.columns).toBe(['phone', 'address', 'amount'].map((f) => store.core.t(`intake.fields.${f}`)).join(', '));
    expect(dumpAll(store.db)).toEqual(before);
  });

  test('a mapping saved as a profile is chosen again for the same header set, in any column order', async () => {
    const store = await openReadyStore();
    const s1 = await importSummary(store, 'a.csv', buildCsv([CUSTOM, row('M1')]), { mapping, saveProfile: '自建站导出' });
    expect(s1).toMatchObject({ created: 1, profile: '自建站导出' });
    expect(await store.call('listImportProfiles', {})).toEqual([
      expect.objectContaining({ name: '自建站导出', kind: 'orders', headers: CUSTOM, mapping: { orderNo: '客户编码', customerName: '客户', phone: '号码', address: '收货位置', amount: '钱' } }),
    ]);

    // The next export has the same headers in another order.
    const order = [4, 0, 5, 3, 2, 1];
    const shuffled = buildCsv([order.map((i) => CUSTOM[i]), order.map((i) => row('M2')[i])]);
    const uploadId = await uploadFile(store, 'b.csv', shuffled);
    const p = await store.call('previewImport', { uploadId });
    expect(p.profile).toEqual({ name: '自建站导出' });
    expect(mappingOf(p)).toEqual({ amount: 0, orderNo: 1, address: 3, phone: 4, customerName: 5 });
    expect(p.missing).toEqual([]);
    const s2 = await importSummary(store, 'b.csv', shuffled);
    expect(s2).toMatchObject({ created: 1, profile: null });
    expect((await store.call('getOrder', { orderNo: 'M2' })).order).toMatchObject({ customerName: '张三', amountFen: 9900, address: '郑州市金水区农业路38号' });

    // A header row under a title row is found by the profile too.
    const titled = buildCsv([['某某店铺订单'], CUSTOM, row('M3')]);
    expect(await store.call('previewImport', { uploadId: await uploadFile(store, 'c.csv', titled) })).toMatchObject({ headerRow: 2, profile: { name: '自建站导出' } });

    expect(await store.call('deleteImportProfile', { name: '自建站导出' })).toEqual({ deleted: true });
    expect(await store.call('listImportProfiles', {})).toEqual([]);
    expect(await store.call('deleteImportProfile', { name: '自建站导出' })).toEqual({ deleted: false });
  });

  test('a profile cannot remember a column without a header name', async () => {
    const store = await openReadyStore();
    await callcardError(
      () => store.call('saveImportProfile', { name: 'p', kind: 'orders', headers: ['订单号', ''], mapping: { orderNo: 0, customerName: 1 } }),
      'profile_unnamed_column',
    );
  });
});

describe('re-importing a file that lacks some columns', () => {
  test('only the columns present are compared: a file without IP, province or order time clears nothing', async () => {
    const store = await openReadyStore();
    const full = ['订单号', '收件人姓名', '收件人手机', '省', '市', '区', '详细地址', '订单应付金额', '订单提交时间', '下单IP', '买家账号'];
    const cells = ['G1', '张秀英', '13800138000', '河南省', '郑州市', '金水区', '农业路38号', '99', '2026/11/20 09:15', '1.192.0.1', 'zxy'];
    await importSummary(store, 'full.csv', buildCsv([full, cells]));
    const before = dumpAll(store.db).orders;

    const keep = [0, 1, 2, 6, 7];
    const partial = buildCsv([keep.map((i) => full[i]), keep.map((i) => cells[i])]);
    const again = await importSummary(store, 'partial.csv', partial);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(dumpAll(store.db).orders).toEqual(before);
    expect((await store.call('getOrder', { orderNo: 'G1' })).order).toMatchObject({ province: '河南省', ip: '1.192.0.1', orderedAt: '2026-11-20T01:15:00.000Z' });

    // An empty cell says nothing either; a changed value still updates.
    const blanks = buildCsv([full, ['G1', '张秀英', '13800138000', '', '', '', '农业路40号', '99', '', '', '']]);
    expect(await importSummary(store, 'blanks.csv', blanks)).toMatchObject({ updated: 1 });
    expect((await store.call('getOrder', { orderNo: 'G1' })).order).toMatchObject({ province: '河南省', city: '郑州市', address: '农业路40号', ip: '1.192.0.1' });
  });
});

describe('the same import through the worker threads', () => {
  test('a file above the in-process limit is parsed and written by workers, with progress to the end', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    const rows = Array.from({ length: 2500 }, (_, i) => ({ orderNo: `W${i}`, phone: `1380013${String(i).padStart(4, '0')}`, status: i % 10 === 0 ? '已取消' : '待发货' }));
    const { progress } = await importThroughScreen(store, 'big.csv', iconv.encode(douyinCsv(rows), 'gbk'));
    expect(progress).toMatchObject({ state: 'done', rowsDone: 2500, rowsTotal: 2500, rowsTotalExact: true, error: null });
    expect(progress.summary).toMatchObject({ totalRows: 2500, created: 2500, tasksOpened: { verify: 2250, recover: 250 }, encoding: 'gb18030' });
    // The core's own connection sees what the worker committed.
    expect((await store.call('listOrders', { limit: 1 })).total).toBe(2500);
    expect((await store.call('getOrder', { orderNo: 'W10' })).order.status).toBe('cancelled');
  });
});
