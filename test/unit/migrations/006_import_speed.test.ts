import { expect, test } from 'vitest';
import { recordNewOrderMilestone } from '../../../electron/services/reports/milestones';
import { storeAtMigration } from '../../helpers/migrations';

const AT = '2026-11-20T04:00:00.000Z';

test('migration 6 (import speed): no row trigger on new orders, one phone index; new shipped orders get their milestone from the inserting code', () => {
  const db = storeAtMigration(6);
  try {
    const names = (type: string) => (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]).map((r) => r.name);
    expect(names('trigger')).not.toContain('order_milestones_insert');
    expect(names('trigger')).toEqual(expect.arrayContaining(['order_milestones_status', 'order_milestones_refunded']));
    expect(names('index')).not.toContain('orders_phone');
    expect(names('index')).toContain('orders_phone_time');
    // A phone lookup still reads an index, not the table.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE phone = '13800138000'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX orders_phone_time/);

    const insert = (id: string, status: string, statusAt: string | null) => {
      db.prepare(
        `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, ordered_at, status_at, created_at, updated_at)
         VALUES (?, ?, ?, '张秀英', '13800138000', '农业路38号', 9900, 'cod', '2026-11-18T01:00:00.000Z', ?, ?, ?)`,
      ).run(id, `DD-${id}`, status, statusAt, AT, AT);
      recordNewOrderMilestone(db, id, status as never);
    };
    const milestone = (id: string) => db.prepare('SELECT shipped_at, signed_at, refused_at FROM order_milestones WHERE order_id = ?').get(id);
    insert('o1', 'pending_verify', null);
    expect(milestone('o1')).toBeUndefined();
    insert('o2', 'signed', '2026-11-20T01:00:00.000Z');
    expect(milestone('o2')).toEqual({ shipped_at: '2026-11-20T01:00:00.000Z', signed_at: '2026-11-20T01:00:00.000Z', refused_at: null });
    insert('o3', 'shipped', null);
    expect(milestone('o3')).toEqual({ shipped_at: '2026-11-18T01:00:00.000Z', signed_at: null, refused_at: null });
    // Status changes keep their trigger.
    db.prepare("UPDATE orders SET status = 'refused', status_at = '2026-11-21T01:00:00.000Z', updated_at = ? WHERE id = 'o3'").run(AT);
    expect(milestone('o3')).toEqual({ shipped_at: '2026-11-18T01:00:00.000Z', signed_at: null, refused_at: '2026-11-21T01:00:00.000Z' });
  } finally {
    db.close();
  }
});
