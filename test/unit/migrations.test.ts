import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { migrate, openDatabase, type Db } from '../../electron/services/db/open';
import { MIGRATIONS, type Migration } from '../../electron/services/db/migrations';
import { callcardError, tempDataDir, thrown } from '../helpers/store';

function storeFile(): string {
  return join(tempDataDir(), 'callcard.db');
}

function open(file: string, migrations: Migration[] = MIGRATIONS): Db {
  return openDatabase(file, migrations);
}

function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('the local store', () => {
  test('is a WAL-mode SQLite file with foreign keys enforced', () => {
    const file = storeFile();
    const db = open(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
    // WAL is a property of the file: a plain connection opened later still sees it.
    const raw = new Database(file);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  test('records every applied migration with the SHA-256 of its text', () => {
    const db = open(storeFile());
    try {
      const rows = db.prepare('SELECT id, name, hash FROM _migrations ORDER BY id').all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name, hash: sha256(m.sql) })));
    } finally {
      db.close();
    }
  });

  test('applies each migration once: reopening an up-to-date store runs nothing', () => {
    const file = storeFile();
    open(file).close();
    const db = new Database(file);
    try {
      expect(migrate(db)).toEqual([]);
      expect((db.prepare('SELECT count(*) AS n FROM _migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  test('refuses to open a store whose applied migration was edited afterwards', async () => {
    const file = storeFile();
    open(file).close();
    const edited = MIGRATIONS.map((m) => (m.id === 1 ? { ...m, sql: `${m.sql}\nCREATE TABLE sneaky (x);` } : m));
    const err = await callcardError(() => open(file, edited), 'migration_edited');
    expect(err.params.migration).toBe('1_initial');
    // The refused edit changed nothing: the original migrations still open the store.
    const db = open(file);
    try {
      expect(tableNames(db)).not.toContain('sneaky');
    } finally {
      db.close();
    }
  });

  test('refuses a store written by a newer version (a migration this version does not know)', async () => {
    const file = storeFile();
    const newer: Migration[] = [...MIGRATIONS, { id: 999, name: 'from_the_future', sql: 'CREATE TABLE future_thing (x);' }];
    open(file, newer).close();
    const err = await callcardError(() => open(file), 'store_newer');
    expect(err.params.migration).toBe(999);
  });

  test('a failing migration is rolled back whole and not recorded', async () => {
    const file = storeFile();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { id: 998, name: 'half_done', sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(String(await thrown(() => open(file, broken)))).toMatch(/no_such_table/);
    const db = open(file);
    try {
      expect(tableNames(db)).not.toContain('half_done');
      const ids = (db.prepare('SELECT id FROM _migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      expect(ids).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      db.close();
    }
  });

  test('migrations are numbered 1, 2, 3... without gaps or duplicates', () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

/**
 * One test per migration (Signal's habit). A new migration without an entry here fails
 * "every migration has a test" below.
 */
const MIGRATION_TESTS: Record<number, () => void> = {
  1: () => {
    const db = open(storeFile(), MIGRATIONS.filter((m) => m.id <= 1));
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
  },
};

describe('each migration', () => {
  test('every migration has a test', () => {
    expect(Object.keys(MIGRATION_TESTS).map(Number).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  for (const m of MIGRATIONS) {
    test(`migration ${m.id} (${m.name})`, () => {
      const run = MIGRATION_TESTS[m.id];
      expect(run, `migration ${m.id} has no test`).toBeTypeOf('function');
      run();
    });
  }
});
