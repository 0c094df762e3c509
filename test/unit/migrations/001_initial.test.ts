import { expect, test } from 'vitest';
import { storeAtMigration, tableNames } from '../../helpers/migrations';

test('migration 1 (initial): the tables, append-only outcomes, constraints, the outbox', () => {
  const db = storeAtMigration(1);
  try {
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'orders',
        'order_lines',
        'order_history',
        'call_tasks',
        'call_outcomes',
        'outbox',
        'agents',
        'settings',
        '_migrations',
      ]),
    );

    // A minimal order with a task and an agent, then one outcome.
    const at = '2026-11-20T04:00:00.000Z';
    db.prepare("INSERT INTO agents (id, name, roles, created_at) VALUES ('a1', '王小丽', '[\"agent\"]', ?)").run(at);
    db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, created_at, updated_at)
       VALUES ('o1', 'DD1', 'pending_verify', '张秀英', '13800138000', '农业路38号', 9900, 'cod', ?, ?)`,
    ).run(at, at);
    db.prepare(
      "INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES ('t1', 'o1', 'verify', 'open', ?, ?)",
    ).run(at, at);
    db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, agent_id, attempt, created_at)
       VALUES ('c1', 't1', 'o1', 'verify', 'confirmed', 1, 'a1', 1, ?)`,
    ).run(at);

    // Outcomes are append-only facts.
    expect(() => db.prepare("UPDATE call_outcomes SET outcome = 'not_ordered' WHERE id = 'c1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM call_outcomes WHERE id = 'c1'").run()).toThrow(/append-only/);
    expect(db.prepare("SELECT outcome FROM call_outcomes WHERE id = 'c1'").get()).toEqual({ outcome: 'confirmed' });

    // Money is never negative; a payment method is cod or online; order numbers are unique.
    const insertOrder = (id: string, no: string, amount: number, pay: string) =>
      db
        .prepare(
          `INSERT INTO orders (id, order_no, status, customer_name, phone, address, amount_fen, payment_method, created_at, updated_at)
           VALUES (?, ?, 'pending_verify', 'x', '1', 'y', ?, ?, ?, ?)`,
        )
        .run(id, no, amount, pay, at, at);
    expect(() => insertOrder('o2', 'DD2', -1, 'cod')).toThrow(/CHECK/);
    expect(() => insertOrder('o3', 'DD3', 100, 'barter')).toThrow(/CHECK/);
    expect(() => insertOrder('o4', 'DD1', 100, 'cod')).toThrow(/UNIQUE/);

    // An outcome must belong to a real task (foreign keys are on).
    expect(() =>
      db
        .prepare(
          `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, agent_id, attempt, created_at)
           VALUES ('c2', 'no-such-task', 'o1', 'verify', 'confirmed', 1, 'a1', 1, ?)`,
        )
        .run(at),
    ).toThrow(/FOREIGN KEY/);

    // The outbox numbers entries in the order they were written, starting unsent.
    db.prepare("INSERT INTO outbox (id, entity, entity_id, op, payload, created_at) VALUES ('x1', 'order', 'o1', 'upsert', '{}', ?)").run(at);
    db.prepare("INSERT INTO outbox (id, entity, entity_id, op, payload, created_at) VALUES ('x2', 'order', 'o1', 'upsert', '{}', ?)").run(at);
    expect(db.prepare('SELECT id, sent_at FROM outbox ORDER BY seq').all()).toEqual([
      { id: 'x1', sent_at: null },
      { id: 'x2', sent_at: null },
    ]);
  } finally {
    db.close();
  }
});
