import { expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { migrate } from '../../../electron/services/db/open';
import { queueStatements } from '../../../electron/services/queue';
import { columnNames, storeAtMigration } from '../../helpers/migrations';

const at = (hhmm: string) => `2026-11-20T${hhmm}:00.000Z`;

test('migration 9 (recover fresh_at): recover tasks made before keep their order (by creation); new ones rank by when the lead was lost', () => {
  const db = storeAtMigration(8);
  try {
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, ordered_at, created_at, updated_at)
       VALUES ('o1', 'DD-1', 'cancelled', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?, ?)`,
    ).run(at('01:00'), at('01:00'), at('01:00'));
    const task = db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (?, 'o1', ?, ?, ?, ?)");
    task.run('old-early', 'recover', 'open', at('02:00'), at('02:00'));
    task.run('old-late', 'recover', 'open', at('03:00'), at('03:00'));
    task.run('old-done', 'recover', 'done', at('03:30'), at('03:30'));
    task.run('old-verify', 'verify', 'open', at('03:40'), at('03:40'));

    expect(migrate(db, MIGRATIONS.filter((m) => m.id <= 9))).toEqual([9]);
    expect(columnNames(db, 'call_tasks')).toContain('fresh_at');
    expect((db.prepare("SELECT count(*) AS n FROM call_tasks WHERE fresh_at IS NOT NULL").get() as { n: number }).n).toBe(0);

    // A task made after the upgrade, at 04:00, for a lead lost at 02:30: between the two old ones.
    db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at, fresh_at) VALUES ('new', 'o1', 'recover', 'open', ?, ?, ?)").run(
      at('04:00'),
      at('04:00'),
      at('02:30'),
    );
    const qs = queueStatements(db);
    const served = qs.freshestRecover.all({ now: at('05:00'), stale: at('00:00') }).map((r) => r.id);
    expect(served).toEqual(['old-late', 'new', 'old-early']);
    // Read from the index in its order: no sort of every open recover task.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${qs.freshestRecover.source}`).all({ now: 'x', stale: 'x' }) as { detail: string }[])
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toMatch(/call_tasks_fresh/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  } finally {
    db.close();
  }
});
