import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { migrate, openDatabase, type Db } from '../../../electron/services/db/open';
import { PHONE_ORDER_SOURCE } from '../../../shared/sources';
import { storeAtMigration } from '../../helpers/migrations';
import { completeSetup, openTestStore, tempDataDir } from '../../helpers/store';

/**
 * An order and the import run that wrote it, as the importer stores them: the run starts at the
 * order's creation time. The phone-order path wrote a one-row run named after the source word.
 */
function imported(db: Db, o: { id: string; orderNo: string; source: string; at: string; file: string; rows?: number }): void {
  db.prepare(
    `INSERT INTO orders (id, order_no, status, customer_name, phone, province, city, address, amount_fen, payment_method, ordered_at, source, created_at, updated_at)
     VALUES (@id, @orderNo, 'pending_verify', '周大福', '13700001234', '广东省', '深圳市', '科技南路18号', 9900, 'cod', @at, @source, @at, @at)`,
  ).run(o);
  db.prepare(
    `INSERT INTO import_runs (id, kind, file_name, profile, header_row, header, total_rows, created, started_at, finished_at)
     VALUES (@run, 'orders', @file, NULL, 1, '[]', @rows, @rows, @at, @at)`,
  ).run({ run: `run-${o.id}`, file: o.file, rows: o.rows ?? 1, at: o.at });
}

/** Phone orders taken before the code, in each workstation language, and orders that only look like them. */
function seedOldStore(db: Db): void {
  imported(db, { id: 'zh', orderNo: 'TEL20261118-001', source: '电话下单', file: '电话下单', at: '2026-11-18T02:00:00.000Z' });
  imported(db, { id: 'en', orderNo: 'TEL20261119-001', source: 'Phone order', file: 'Phone order', at: '2026-11-19T02:00:00.000Z' });
  imported(db, { id: 'tw', orderNo: 'TEL20261120-1000', source: '電話下單', file: '電話下單', at: '2026-11-20T02:00:00.000Z' });
  // A shop's export whose own channel is called 电话下单 (its run is named after its file): its words stay.
  imported(db, { id: 'shop', orderNo: 'TEL20261120-777', source: '电话下单', file: '电话订单导出.xlsx', at: '2026-11-20T03:00:00.000Z', rows: 2 });
  // A one-row file named 电话下单 of ordinary orders: not numbered as a phone order, so not one.
  imported(db, { id: 'file', orderNo: 'DD20261120001', source: '电话下单', file: '电话下单', at: '2026-11-20T03:30:00.000Z' });
  imported(db, { id: 'douyin', orderNo: 'DD20261120002', source: '抖音', file: 'orders.csv', at: '2026-11-20T03:40:00.000Z' });
  // Each mark on its own: a TEL number from a one-row file of another name, and from a two-row run named 电话下单.
  imported(db, { id: 'named', orderNo: 'TEL20261120-888', source: '电话下单', file: 'tel.csv', at: '2026-11-20T03:50:00.000Z' });
  imported(db, { id: 'rows', orderNo: 'TEL20261120-999', source: '电话下单', file: '电话下单', at: '2026-11-20T03:55:00.000Z', rows: 2 });
}

const sources = (db: Db) =>
  Object.fromEntries((db.prepare('SELECT id, source FROM orders ORDER BY id').all() as { id: string; source: string }[]).map((r) => [r.id, r.source]));
const runFiles = (db: Db) =>
  Object.fromEntries((db.prepare('SELECT id, file_name FROM import_runs ORDER BY id').all() as { id: string; file_name: string }[]).map((r) => [r.id, r.file_name]));

test('migration 8 (phone order source): phone orders taken in any language get the one code; look-alikes keep their words', () => {
  const db = storeAtMigration(7);
  try {
    seedOldStore(db);
    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 8))).toEqual([8]);
    expect(sources(db)).toEqual({
      zh: PHONE_ORDER_SOURCE,
      en: PHONE_ORDER_SOURCE,
      tw: PHONE_ORDER_SOURCE,
      shop: '电话下单',
      file: '电话下单',
      douyin: '抖音',
      named: '电话下单',
      rows: '电话下单',
    });
    // The phone orders' runs are named by the code, as new ones are; an export's file name stays.
    expect(runFiles(db)).toEqual({
      'run-zh': PHONE_ORDER_SOURCE,
      'run-en': PHONE_ORDER_SOURCE,
      'run-tw': PHONE_ORDER_SOURCE,
      'run-shop': '电话订单导出.xlsx',
      'run-file': '电话下单',
      'run-douyin': 'orders.csv',
      'run-named': 'tel.csv',
      'run-rows': '电话下单',
    });
  } finally {
    db.close();
  }
});

test('after the upgrade a lead sees the old phone orders as one source, in the language of the screen or sheet', async () => {
  const dataDir = tempDataDir();
  const before = openDatabase(join(dataDir, 'callcard.db'), MIGRATIONS.filter((m) => m.id <= 7));
  seedOldStore(before);
  before.close();

  const store = openTestStore({ dataDir });
  await completeSetup(store);
  const { sources: options } = await store.call('reportFilterOptions', {});
  // One entry for the three phone orders (it was 电话下单, Phone order and 電話下單).
  expect(options).toEqual([PHONE_ORDER_SOURCE, '抖音', '电话下单']);
  const phone = await store.call('dashboard', { from: '2026-11-18', to: '2026-11-20', source: PHONE_ORDER_SOURCE });
  expect(phone.current.money.total.orders).toBe(3);
  // The sheet cut by that source is named by its label in the sheet's language, not by the code.
  const r = await store.call('exportDaily', { filters: { from: '2026-11-18', to: '2026-11-20', source: PHONE_ORDER_SOURCE }, format: 'csv', sheet: 'calls', lang: 'en' });
  expect(r.files[0].fileName).toBe('callcard-daily-2026-11-18_2026-11-20-Phone_order-calls.csv');
});
