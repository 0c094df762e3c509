import { expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { migrate } from '../../../electron/services/db/open';
import { queueStatements } from '../../../electron/services/queue';
import { storeAtMigration } from '../../helpers/migrations';

const AT = '2026-11-20T04:00:00.000Z';

test('migration 7 (open task indexes): a store in use keeps its tasks; the queue indexes hold open tasks only and the queue reads them', () => {
  const db = storeAtMigration(6);
  try {
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, ordered_at, created_at, updated_at)
       VALUES ('o1', 'DD-1', 'pending_verify', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?, ?)`,
    ).run(AT, AT, AT);
    const task = db.prepare(
      "INSERT INTO call_tasks (id, order_id, flow, state, due_at, is_callback, created_at) VALUES (?, 'o1', ?, ?, ?, ?, ?)",
    );
    task.run('open-verify', 'verify', 'open', AT, 0, AT);
    task.run('open-callback', 'recover', 'open', AT, 1, AT);
    task.run('done-verify', 'verify', 'done', AT, 0, AT);
    task.run('done-callback', 'recover', 'done', AT, 1, AT);

    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 7))).toEqual([7]);
    const indexSql = (name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string }).sql;
    for (const name of ['call_tasks_queue', 'call_tasks_due', 'call_tasks_fresh', 'call_tasks_callbacks']) {
      expect(indexSql(name)).toMatch(/WHERE state = 'open'/);
    }
    // Entries: the open tasks only (a closed one is not in the queue's indexes at all).
    const entries = (index: string, where: string) =>
      (db.prepare(`SELECT id FROM call_tasks INDEXED BY ${index} WHERE ${where} ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
    expect(entries('call_tasks_due', "state = 'open' AND due_at >= ''")).toEqual(['open-callback', 'open-verify']);
    expect(entries('call_tasks_callbacks', "state = 'open' AND is_callback = 1 AND due_at >= ''")).toEqual(['open-callback']);
    expect(entries('call_tasks_fresh', "state = 'open' AND flow = 'recover'")).toEqual(['open-callback']);

    // The queue's own statements (written for the latest schema) are planned on these indexes
    // (none scans the task table).
    migrate(db, MIGRATIONS);
    const qs = queueStatements(db);
    const counts = [qs.all, qs.ofFlow].flatMap((s) => [s.dueNow, s.later, s.nextDue, s.overdueCallbacks, s.callbacksBetween]);
    for (const st of [qs.oldestDue, qs.freshestRecover, qs.callbacksDue, ...counts]) {
      const params = Object.fromEntries([...st.source.matchAll(/@(\w+)/g)].map((m) => [m[1], 'x']));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${st.source}`).all(params) as { detail: string }[]).map((p) => p.detail).join(' | ');
      expect(plan).toMatch(/call_tasks_(queue|due|fresh|callbacks)/);
      expect(plan).not.toMatch(/SCAN (t|call_tasks)$|SCAN (t|call_tasks) \|/);
    }
  } finally {
    db.close();
  }
});
