import { expect, test } from 'vitest';
import { columnNames, storeAtMigration, tableNames } from '../../helpers/migrations';

test('migration 2 (intake): logistics columns, profiles, import runs and their rejected rows', () => {
  const db = storeAtMigration(2);
  try {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['import_profiles', 'import_runs', 'import_rejections']));
    expect(columnNames(db, 'orders')).toEqual(
      expect.arrayContaining(['waybill_no', 'courier', 'courier_status', 'courier_event', 'courier_at', 'courier_reason', 'courier_events', 'status_at', 'phone_flag']),
    );

    const at = '2026-11-20T04:00:00.000Z';
    // An order written by migration 1's columns only still reads: the new columns default to NULL.
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, created_at, updated_at)
       VALUES ('o1', 'DD1', 'shipped', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?)`,
    ).run(at, at);
    expect(db.prepare("SELECT waybill_no, courier_status, status_at, phone_flag FROM orders WHERE id = 'o1'").get()).toEqual({
      waybill_no: null,
      courier_status: null,
      status_at: null,
      phone_flag: null,
    });
    // Waybill lookups use an index.
    db.prepare("UPDATE orders SET waybill_no = 'YT123' WHERE id = 'o1'").run();
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE waybill_no = 'YT123'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/orders_waybill/);

    // Profile names are unique; kinds are orders or courier.
    const insertProfile = (id: string, name: string, kind: string) =>
      db
        .prepare(
          `INSERT INTO import_profiles (id, name, kind, header_key, headers, mapping, created_at, updated_at)
           VALUES (?, ?, ?, 'k', '[]', '{}', ?, ?)`,
        )
        .run(id, name, kind, at, at);
    insertProfile('p1', '抖音小店导出', 'orders');
    expect(() => insertProfile('p2', '抖音小店导出', 'orders')).toThrow(/UNIQUE/);
    expect(() => insertProfile('p3', '其他', 'invoices')).toThrow(/CHECK/);

    // Rejected rows belong to a run and go with it.
    db.prepare("INSERT INTO import_runs (id, kind, file_name, header_row, header, started_at) VALUES ('r1', 'orders', 'a.csv', 1, '[]', ?)").run(at);
    db.prepare("INSERT INTO import_rejections (run_id, row, field, code, cells) VALUES ('r1', 3, 'phone', 'bad_phone', '[]')").run();
    expect(() => db.prepare("INSERT INTO import_rejections (run_id, row, field, code, cells) VALUES ('nope', 3, 'phone', 'x', '[]')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare("DELETE FROM import_runs WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM import_rejections').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});
