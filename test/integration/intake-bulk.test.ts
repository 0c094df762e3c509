/**
 * Bulk mode: an import that will at least double the store rebuilds the lookup indexes once instead
 * of updating them row by row. The store must end exactly as a row-by-row import leaves it, and a
 * rolled-back import must leave every index in place.
 */
import { describe, expect, test } from 'vitest';
import { ImportWriter, type WriterOptions } from '../../electron/services/import/writer';
import { loadIntakeSettings } from '../../electron/services/import/intakeSettings';
import type { OrderIn } from '../../electron/services/import/reader';
import { addressKey } from '../../shared/risk/address';
import { importFile, openReadyStore, ordersCsv, sampleOrder, type TestStore } from '../helpers/store';

function order(i: number): OrderIn {
  const address = `花园路${i}号3单元502`;
  return {
    row: i + 2, orderNo: `BK-${i}`, customerName: '张秀英', phone: `1380013${String(8000 + i).padStart(4, '0')}`, phoneFlag: null,
    province: '河南省', city: '郑州市', district: '金水区', address, addressKey: addressKey('河南省', '郑州市', '金水区', address),
    product: '晚安冻膜', package: '5盒', quantity: 1, amountFen: 9900, paymentMethod: 'cod', orderedAt: '2026-11-20T01:00:00.000Z',
    ip: null, buyerAccount: `acct${i}`, platformStatus: i % 5 === 0 ? '已取消' : '待发货', status: i % 5 === 0 ? 'cancelled' : 'pending_verify',
    statusAt: null, source: '抖音', waybillNo: null, courier: null,
  };
}

function schema(store: TestStore): { name: string; sql: string }[] {
  return store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[];
}

function writer(store: TestStore, expectedRows: number, knownMax?: number): ImportWriter {
  const opts: WriterOptions = {
    runId: `run-${expectedRows}-${Math.random()}`, kind: 'orders', fileName: 'big.csv', profile: null, headerRow: 1,
    now: store.clock.now, intake: loadIntakeSettings(store.db), expectedRows, knownMax,
  };
  return new ImportWriter(store.db, opts);
}

const META = { header: ['订单号'], encoding: 'utf-8', sheet: null };

function contents(store: TestStore) {
  const q = (sql: string) => store.db.prepare(sql).all();
  return {
    orders: q('SELECT order_no, status, address_key FROM orders ORDER BY order_no'),
    tasks: q('SELECT o.order_no, t.flow, t.state, t.due_at FROM call_tasks t JOIN orders o ON o.id = t.order_id ORDER BY o.order_no, t.flow'),
    risk: q('SELECT o.order_no, r.level, r.facts, r.held FROM order_risk r JOIN orders o ON o.id = r.order_id ORDER BY o.order_no'),
  };
}

describe('bulk mode', () => {
  test('leaves the same orders, tasks, risk and indexes as a row-by-row import, and the queue reads its index', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => order(i));
    const results = [];
    for (const expected of [0, 1_000_000]) {
      const store = await openReadyStore();
      const before = schema(store);
      const w = writer(store, expected);
      w.begin();
      w.write({ orders: rows, courier: [], rejected: [] });
      w.finish(META, rows.length);
      expect(schema(store)).toEqual(before);
      results.push(contents(store));
      const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE phone = '13800138000' AND ordered_at > '2026'").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('orders_phone_time');
      expect((await store.call('nextCard', {})).card).not.toBeNull();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1].orders).toHaveLength(300);
    expect(results[1].risk).toHaveLength(300);
  });

  test('past the in-memory limit the screen reads the new orders back, with the same results', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => order(i % 40 === 0 ? 0 : i));
    const results = [];
    for (const knownMax of [undefined, 10]) {
      const store = await openReadyStore();
      const w = writer(store, 0, knownMax);
      w.begin();
      w.write({ orders: rows, courier: [], rejected: [] });
      w.finish(META, rows.length);
      results.push(contents(store));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1].risk.length).toBeGreaterThan(100);
  });

  test('a rolled-back bulk import leaves the store and every index as they were', async () => {
    const store = await openReadyStore();
    const before = schema(store);
    const w = writer(store, 1_000_000);
    w.begin();
    w.write({ orders: [order(1), order(2)], courier: [], rejected: [] });
    expect(schema(store).length).toBeLessThan(before.length);
    w.rollback();
    expect(schema(store)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
  });
});

test('a failure while starting an import leaves no transaction open', async () => {
  const store = await openReadyStore();
  // The run record cannot be written (as on a full disk).
  store.db.exec("CREATE TEMP TRIGGER runs_fail BEFORE INSERT ON import_runs BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  const before = schema(store);
  const w = writer(store, 1_000_000);
  expect(() => w.begin()).toThrow(/disk full/);
  expect(store.db.inTransaction).toBe(false);
  store.db.exec('DROP TRIGGER runs_fail');
  expect(schema(store)).toEqual(before);
  // The indexes bulk mode had dropped are back, and the next import works.
  expect((await importFile(store, 'next.csv', ordersCsv([sampleOrder({ orderNo: 'AFTER' })]))).created).toBe(1);
});
