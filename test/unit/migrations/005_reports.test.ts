import { expect, test } from 'vitest';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import { tempDataDir } from '../../helpers/store';
import { storeAtMigration, tableNames } from '../../helpers/migrations';

const AT = '2026-11-20T04:00:00.000Z';

function insertOrder(db: Db, id: string, status: string, extra: Record<string, string | null> = {}): void {
  const cols = { id, order_no: `DD-${id}`, status, customer_name: '张秀英', phone: '13800138000', address: '农业路38号', amount_fen: 9900, payment_method: 'cod', created_at: AT, updated_at: AT, ...extra };
  const keys = Object.keys(cols);
  db.prepare(`INSERT INTO orders (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(cols);
}

function milestone(db: Db, id: string) {
  return db.prepare('SELECT shipped_at, signed_at, refused_at FROM order_milestones WHERE order_id = ?').get(id);
}

test('migration 5 (reports): ship, sign and refusal times kept by triggers; indexes for the sheet', () => {
  const db = storeAtMigration(5);
  try {
    expect(tableNames(db)).toContain('order_milestones');
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['order_milestones_shipped', 'orders_placed', 'order_history_risk_reject']));

    // Not shipped: nothing recorded.
    insertOrder(db, 'o1', 'pending_verify');
    expect(milestone(db, 'o1')).toBeUndefined();

    // A courier's first line dates the shipment; the signing line dates the signature.
    db.prepare(
      `UPDATE orders SET status = 'shipped', courier_at = '2026-11-21T02:00:00.000Z', updated_at = '2026-11-21T09:00:00.000Z',
         courier_events = '[{"at":"2026-11-21T02:00:00.000Z","status":"已揽收","reason":null}]' WHERE id = 'o1'`,
    ).run();
    expect(milestone(db, 'o1')).toEqual({ shipped_at: '2026-11-21T02:00:00.000Z', signed_at: null, refused_at: null });
    db.prepare("UPDATE orders SET status = 'signed', courier_at = '2026-11-23T06:00:00.000Z', updated_at = '2026-11-24T01:00:00.000Z' WHERE id = 'o1'").run();
    expect(milestone(db, 'o1')).toEqual({ shipped_at: '2026-11-21T02:00:00.000Z', signed_at: '2026-11-23T06:00:00.000Z', refused_at: null });
    // A refund after signing keeps the first times: it was signed.
    db.prepare("UPDATE orders SET status = 'refunded', updated_at = '2026-11-30T01:00:00.000Z' WHERE id = 'o1'").run();
    expect(milestone(db, 'o1')).toEqual({ shipped_at: '2026-11-21T02:00:00.000Z', signed_at: '2026-11-23T06:00:00.000Z', refused_at: null });
    // A refund of a shipment never signed for is as final as a refusal.
    insertOrder(db, 'o5', 'shipped', { ordered_at: '2026-11-19T01:00:00.000Z' });
    db.prepare("UPDATE orders SET status = 'refunded', updated_at = '2026-11-26T01:00:00.000Z' WHERE id = 'o5'").run();
    expect(milestone(db, 'o5')).toEqual({ shipped_at: '2026-11-19T01:00:00.000Z', signed_at: null, refused_at: '2026-11-26T01:00:00.000Z' });
    // A refund before shipping is no shipment.
    insertOrder(db, 'o6', 'verified');
    db.prepare("UPDATE orders SET status = 'refunded' WHERE id = 'o6'").run();
    expect(milestone(db, 'o6')).toBeUndefined();

    // A platform export without courier lines: its status time, else when the change was stored.
    insertOrder(db, 'o2', 'verified');
    db.prepare("UPDATE orders SET status = 'shipped', status_at = '2026-11-21T03:00:00.000Z', updated_at = '2026-11-22T00:00:00.000Z' WHERE id = 'o2'").run();
    expect(milestone(db, 'o2')).toMatchObject({ shipped_at: '2026-11-21T03:00:00.000Z' });
    // A refusal recorded on a call: when it was stored (the old status time says nothing about it).
    db.prepare("UPDATE orders SET status = 'refused', updated_at = '2026-11-24T05:00:00.000Z' WHERE id = 'o2'").run();
    expect(milestone(db, 'o2')).toEqual({ shipped_at: '2026-11-21T03:00:00.000Z', signed_at: null, refused_at: '2026-11-24T05:00:00.000Z' });

    // An order imported already shipped.
    insertOrder(db, 'o3', 'signed', { ordered_at: '2026-11-18T01:00:00.000Z', status_at: '2026-11-20T01:00:00.000Z' });
    expect(milestone(db, 'o3')).toEqual({ shipped_at: '2026-11-20T01:00:00.000Z', signed_at: '2026-11-20T01:00:00.000Z', refused_at: null });

    // Broken courier JSON never breaks an import.
    insertOrder(db, 'o4', 'verified');
    db.prepare("UPDATE orders SET status = 'shipped', courier_events = 'not json', updated_at = '2026-11-22T00:00:00.000Z' WHERE id = 'o4'").run();
    expect(milestone(db, 'o4')).toMatchObject({ shipped_at: '2026-11-22T00:00:00.000Z' });

    // Milestones go with their order.
    db.prepare("DELETE FROM orders WHERE id = 'o4'").run();
    expect(milestone(db, 'o4')).toBeUndefined();
  } finally {
    db.close();
  }
});

test('migration 5 backfills orders that shipped before it, from their history', () => {
  const file = join(tempDataDir(), 'callcard.db');
  const before = openDatabase(file, MIGRATIONS.filter((m) => m.id <= 4));
  insertOrder(before, 'o1', 'signed', { courier_event: 'signed', courier_at: '2026-11-23T06:00:00.000Z' });
  const h = before.prepare(
    "INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value) VALUES (?, 'o1', ?, NULL, 'courier', 'status', ?, ?)",
  );
  h.run('h1', '2026-11-21T02:00:00.000Z', 'verified', 'shipped');
  h.run('h2', '2026-11-23T07:00:00.000Z', 'shipped', 'signed');
  insertOrder(before, 'o2', 'pending_verify');
  before.close();
  const db = openDatabase(file);
  try {
    expect(milestone(db, 'o1')).toEqual({ shipped_at: '2026-11-21T02:00:00.000Z', signed_at: '2026-11-23T06:00:00.000Z', refused_at: null });
    expect(milestone(db, 'o2')).toBeUndefined();
  } finally {
    db.close();
  }
});
