import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCsv, callcardError, openReadyStore, openTestStore, tempDataDir, type TestStore } from '../helpers/store';
import { rejectedRowsCsv } from '../../electron/services/import/rejected';
import { ImportCancelled, ImportWriter } from '../../electron/services/import/writer';
import { loadIntakeSettings } from '../../electron/services/import/intakeSettings';
import { douyinCsv, dumpAll, importSummary, importThroughScreen, mappingOf, uploadFile, waitForImport } from '../helpers/intake';

function manyOrders(n: number, prefix = 'J'): string {
  return douyinCsv(Array.from({ length: n }, (_, i) => ({ orderNo: `${prefix}${i}`, phone: `139${String(i).padStart(8, '0')}` })));
}

async function start(store: TestStore, fileName: string, content: string) {
  const uploadId = await uploadFile(store, fileName, content, 1 << 20);
  const preview = await store.call('previewImport', { uploadId });
  return store.call('startImport', { uploadId, kind: 'orders', headerRow: preview.headerRow, mapping: mappingOf(preview) });
}

function indexDefinitions(store: TestStore): unknown[] {
  return store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
}

describe('a file that at least doubles the store (bulk mode, worker threads)', () => {
  const ROWS = 25_000; // about 4 MB: estimated above the 20,000 rows where bulk mode starts

  test('imports every row, screens every order and leaves every index as it was', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    const indexes = indexDefinitions(store);
    const started = await start(store, 'bulk.csv', manyOrders(ROWS, 'B'));
    const end = await waitForImport(store, started.importId);
    expect(end.summary).toMatchObject({ totalRows: ROWS, created: ROWS, rejectedCount: 0 });
    expect(indexDefinitions(store)).toEqual(indexes);
    expect(store.db.prepare('SELECT count(*) AS n FROM order_risk').get()).toEqual({ n: ROWS });
    expect(store.db.prepare("SELECT count(*) AS n FROM call_tasks WHERE flow = 'verify' AND state = 'open'").get()).toEqual({ n: ROWS });
    expect((await store.call('nextCard', {})).card?.order.orderNo).toMatch(/^B\d+$/);
  });

  test('cancelled half-way: the store and its indexes are exactly as before', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    await importSummary(store, 'first.csv', douyinCsv([{ orderNo: 'KEEP' }]));
    const before = dumpAll(store.db);
    const indexes = indexDefinitions(store);
    const started = await start(store, 'bulk.csv', manyOrders(ROWS, 'C'));
    let p = started;
    while (p.state === 'running' && p.rowsDone === 0) p = await store.call('importProgress', { importId: started.importId, waitMs: 5000 });
    await store.call('cancelImport', { importId: started.importId });
    expect(await waitForImport(store, started.importId)).toMatchObject({ state: 'cancelled' });
    expect(dumpAll(store.db)).toEqual(before);
    expect(indexDefinitions(store)).toEqual(indexes);
  });
});

describe('a cancel pressed after the last row was written', () => {
  test('is still honoured up to the commit: nothing of the file is stored, the indexes as before', async () => {
    const store = await openReadyStore();
    await importSummary(store, 'first.csv', douyinCsv([{ orderNo: 'KEEP' }]));
    const before = dumpAll(store.db);
    const indexes = indexDefinitions(store);
    const writer = new ImportWriter(store.db, { runId: 'run-late-cancel', kind: 'orders', fileName: 'late.csv', profile: null, headerRow: 1, now: store.clock.now, intake: loadIntakeSettings(store.db) });
    writer.begin();
    const order = (i: number) => ({
      row: i + 2,
      orderNo: `LATE-${i}`, customerName: '周敏', phone: `1380013${String(8000 + i).padStart(4, '0')}`, province: '浙江省', city: '杭州市', district: '西湖区',
      address: '文三路90号3幢201室', product: '晚安冻膜', package: '5盒', quantity: 1, amountFen: 9900, paymentMethod: 'cod' as const, orderedAt: null,
      ip: null, buyerAccount: null, platformStatus: '待发货', source: '', addressKey: '浙江|杭州|西湖区|文三路90号3幢201室', phoneFlag: null, status: 'pending_verify' as const,
      statusAt: null, waybillNo: null, courier: null,
    });
    writer.write({ orders: Array.from({ length: 50 }, (_, i) => order(i)), courier: [], rejected: [] });
    // Every row written; the cancel arrives while the indexes, the screening and the commit are still to come.
    expect(() => writer.finish({ header: [], encoding: '', sheet: null }, 50, () => true)).toThrow(ImportCancelled);
    writer.rollback();
    expect(dumpAll(store.db)).toEqual(before);
    expect(indexDefinitions(store)).toEqual(indexes);
  });
});

describe('one import, one transaction (worker threads)', () => {
  test('cancelled while rows are being written: nothing of it is stored', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    await importSummary(store, 'first.csv', douyinCsv([{ orderNo: 'KEEP' }]));
    const before = dumpAll(store.db);
    const started = await start(store, 'big.csv', manyOrders(20_000));
    // Wait (by long poll, no sleeping) until the writer has written rows, then cancel.
    let p = started;
    while (p.state === 'running' && p.rowsDone === 0) p = await store.call('importProgress', { importId: started.importId, waitMs: 5000 });
    expect(p.state).toBe('running');
    await store.call('cancelImport', { importId: started.importId });
    const end = await waitForImport(store, started.importId);
    expect(end).toMatchObject({ state: 'cancelled', summary: null });
    expect(dumpAll(store.db)).toEqual(before);
    // The next import works (the write lock was released).
    expect(await importSummary(store, 'again.csv', douyinCsv([{ orderNo: 'NEXT' }]))).toMatchObject({ created: 1 });
  });

  test('a failure while writing (a full disk) rolls the whole file back and says why', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    // From the 2,500th order on, every write fails, on any connection.
    store.db.exec("CREATE TRIGGER disk_full BEFORE INSERT ON orders WHEN (SELECT count(*) FROM orders) >= 2500 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const before = dumpAll(store.db);
    const started = await start(store, 'big.csv', manyOrders(4000));
    const end = await waitForImport(store, started.importId);
    expect(end.state).toBe('failed');
    // The window is told that nothing was saved, with a reference; the store's words are in the log.
    const ref = String(end.error?.params.ref);
    expect(end.error).toMatchObject({ code: 'internal', params: { ref: expect.stringMatching(/^[0-9A-F]{6}$/) } });
    expect(end.error?.message).toContain(ref);
    expect(end.error?.message).not.toMatch(/disk I\/O|\{\{/);
    const log = readFileSync(join(store.dataDir, 'logs', 'errors.log'), 'utf8');
    expect(log).toContain(`${ref} import big.csv`);
    expect(log).toMatch(/disk I\/O error/);
    // Asked again, the same failure keeps its reference (logged once).
    expect((await store.call('importProgress', { importId: started.importId })).error?.params.ref).toBe(ref);
    expect(log.split(ref).length - 1).toBe(1);
    expect(dumpAll(store.db)).toEqual(before);
  });

  test('a process killed mid-import leaves the store as it was', async () => {
    const dataDir = tempDataDir();
    const store = openTestStore({ dataDir });
    await store.call('completeSetup', { agentName: '王婷', shopName: '好物优选', language: 'zh-CN' });
    await importSummary(store, 'first.csv', douyinCsv([{ orderNo: 'KEEP' }]));
    const before = dumpAll(store.db);
    store.core.close();
    const file = join(dataDir, 'big.csv');
    writeFileSync(file, manyOrders(20_000));
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['test/helpers/import-child.ts', dataDir, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const said = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())));
    expect(said).toBe('writing');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = openTestStore({ dataDir });
    expect(dumpAll(after.db)).toEqual(before);
  });

  test('closing the app mid-import stops it; the store reopens as it was', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    const before = dumpAll(store.db);
    const started = await start(store, 'big.csv', manyOrders(20_000));
    let p = started;
    while (p.state === 'running' && p.rowsDone === 0) p = await store.call('importProgress', { importId: started.importId, waitMs: 5000 });
    const reopened = store.reopen();
    expect(dumpAll(reopened.db)).toEqual(before);
  });

  test('one import at a time', async () => {
    const store = await openReadyStore({ importInlineMaxBytes: 0 });
    const first = await start(store, 'a.csv', manyOrders(3000));
    const err = await callcardError(() => start(store, 'b.csv', manyOrders(10, 'B')), 'import_busy');
    expect(err.params.file).toBe('a.csv');
    expect(await waitForImport(store, first.importId)).toMatchObject({ state: 'done' });
  });
});

describe('rejected rows, to fix and import again', () => {
  test('a CSV of the original columns, the row number and the reason; fixed, it imports with the same mapping', async () => {
    const store = await openReadyStore();
    const header = ['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '备注'];
    const csv = buildCsv([
      header,
      ['F1', '张秀英', '13800138000', '农业路38号', '99', ''],
      ['F2', '李建国', '请联系客服', '科技园, 1栋', '99', '=HYPERLINK("x")'],
      ['F3', '王芳', '15011112222', '体育西路1号', '九十九', ''],
    ]);
    const { progress } = await importThroughScreen(store, '订单.csv', csv, { saveProfile: '官网导出' });
    const s = progress.summary!;
    expect(s).toMatchObject({ created: 1, rejectedCount: 2 });
    const page = await store.call('rejectedRowsCsv', { importId: s.importId });
    expect(page).toMatchObject({ fileName: '订单-rejected.csv', rows: 2, nextOffset: null });
    const t = store.core.t;
    expect(page.csv.split('\r\n')).toEqual([
      [...header, t('intake.csv.row'), t('intake.csv.reason')].join(','),
      `F2,李建国,请联系客服,"科技园, 1栋",99,"'=HYPERLINK(""x"")",3,${t('intake.reasons.bad_phone', { field: t('intake.fields.phone') })}`,
      `F3,王芳,15011112222,体育西路1号,九十九,,4,${t('intake.reasons.bad_amount', { field: t('intake.fields.amount') })}`,
      '',
    ]);

    // Fixed in Excel and imported again: the profile is found despite the two added columns.
    const fixed = page.csv.replace('请联系客服', '13912345678').replace('九十九', '99');
    const uploadId = await uploadFile(store, '订单-rejected.csv', fixed);
    expect(await store.call('previewImport', { uploadId })).toMatchObject({ profile: { name: '官网导出' }, missing: [] });
    expect(await importSummary(store, '订单-rejected.csv', fixed)).toMatchObject({ created: 2, rejectedCount: 0 });
    await callcardError(() => store.call('rejectedRowsCsv', { importId: 'no-such-import' }), 'import_not_found');
  });

  test('a large set of rejected rows: the summary lists the first thousand, the CSV has them all, in pages', async () => {
    const store = await openReadyStore();
    const rows = Array.from({ length: 3000 }, (_, i) => ({ orderNo: `P${i}`, amount: i % 2 ? '99' : 'abc' }));
    const s = await importSummary(store, 'p.csv', douyinCsv(rows));
    expect(s).toMatchObject({ created: 1500, rejectedCount: 1500 });
    expect(s.rejected).toHaveLength(1000);
    const t = store.core.t;
    const pages = [rejectedRowsCsv(store.db, s.importId, t, 0, 1000), rejectedRowsCsv(store.db, s.importId, t, 1000, 1000)];
    expect(pages.map((p) => [p.rows, p.nextOffset])).toEqual([
      [1000, 1000],
      [500, null],
    ]);
    const lines = pages.map((p) => p.csv).join('').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1501);
    expect(lines[1500]).toMatch(/^P2998,/);
  });
});
