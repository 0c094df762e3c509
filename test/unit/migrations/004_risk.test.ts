import { expect, test } from 'vitest';
import { columnNames, storeAtMigration, tableNames } from '../../helpers/migrations';

test('migration 4 (risk): address keys, risk results with holds, blacklist, phone prefixes', () => {
  const db = storeAtMigration(4);
  try {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['order_risk', 'blacklist', 'phone_prefixes']));
    expect(columnNames(db, 'orders')).toContain('address_key');
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['orders_phone_time', 'orders_account_time', 'orders_address_key', 'blacklist_entry']));

    const at = '2026-11-20T04:00:00.000Z';
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, created_at, updated_at)
       VALUES ('o1', 'DD1', 'pending_verify', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?)`,
    ).run(at, at);
    // Orders from before screening have no address key until the screener fills it.
    expect(db.prepare("SELECT address_key FROM orders WHERE id = 'o1'").get()).toEqual({ address_key: null });

    const risk = db.prepare(
      `INSERT OR REPLACE INTO order_risk (order_id, score, level, facts, screened_at, held, hold_reason)
       VALUES ('o1', ?, ?, '[]', ?, ?, ?)`,
    );
    risk.run(75, 'high', at, 1, 'high_risk');
    // A hold always says why; levels and reasons are closed lists.
    expect(() => risk.run(75, 'high', at, 1, null)).toThrow(/CHECK/);
    expect(() => risk.run(75, 'high', at, 0, 'high_risk')).toThrow(/CHECK/);
    expect(() => risk.run(75, 'severe', at, 0, null)).toThrow(/CHECK/);
    expect(() => risk.run(75, 'high', at, 1, 'because')).toThrow(/CHECK/);
    // Risk goes with its order.
    db.prepare("DELETE FROM orders WHERE id = 'o1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM order_risk').get()).toEqual({ n: 0 });

    const bl = db.prepare(
      `INSERT INTO blacklist (id, kind, value, display, reason, note, added_by, added_at, expires_at) VALUES (?, ?, ?, ?, 'fraud', '', '王组长', ?, NULL)`,
    );
    bl.run('b1', 'phone', '13800138000', '13800138000', at);
    expect(() => bl.run('b2', 'phone', '13800138000', '13800138000', at)).toThrow(/UNIQUE/);
    expect(() => bl.run('b3', 'email', 'x@y', 'x@y', at)).toThrow(/CHECK/);
    bl.run('b4', 'account', '13800138000', '13800138000', at);

    const prefix = db.prepare("INSERT INTO phone_prefixes (prefix, province, city, imported_at) VALUES (?, '广东', '深圳', ?)");
    prefix.run('1991234', at);
    expect(() => prefix.run('199123', at)).toThrow(/CHECK/);
    expect(() => prefix.run('2991234', at)).toThrow(/CHECK/);
    expect(() => prefix.run('1991234', at)).toThrow(/UNIQUE|PRIMARY/);
  } finally {
    db.close();
  }
});
