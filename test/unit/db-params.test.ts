import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/db/open';
import { opaqueParams } from '../../electron/services/db/params';
import { tempDataDir } from '../helpers/store';

describe('parameters hidden from the query planner', () => {
  test('every parameter form is wrapped, and nothing else', () => {
    expect(opaqueParams('SELECT * FROM t WHERE a = ? AND b = ?2 AND c = :c AND d = @d AND e = $e LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = +? AND b = +?2 AND c = +:c AND d = +@d AND e = +$e LIMIT +?',
    );
    expect(opaqueParams('INSERT INTO t (a, b) VALUES (?,?)')).toBe('INSERT INTO t (a, b) VALUES (+?,+?)');
    expect(opaqueParams('SELECT value FROM json_each(?)')).toBe('SELECT value FROM json_each(+?)');
  });

  test('strings, quoted names, comments and identifiers holding $ are left alone', () => {
    const untouched = [
      "SELECT json_extract(x, '$.a') FROM t WHERE note = 'why? @home :)'",
      'SELECT "a?b", [c@d], `e:f` FROM t',
      "SELECT 1 -- is it? @x\nFROM t /* :y $z ? */",
      'SELECT a$b FROM t',
      "SELECT 'it''s ?' FROM t",
      'PRAGMA journal_mode',
    ];
    for (const sql of untouched) expect(opaqueParams(sql)).toBe(sql);
    expect(opaqueParams("SELECT 'a?' || ? FROM t WHERE x = 'b@c' AND y = @y")).toBe(
      "SELECT 'a?' || +? FROM t WHERE x = 'b@c' AND y = +@y",
    );
  });

  test('the store answers exactly as plain SQLite does, affinity included', () => {
    const dir = tempDataDir();
    const db = openDatabase(join(dir, 'callcard.db'));
    const plain = new Database(':memory:');
    const setup = `CREATE TABLE k (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, r REAL, b BLOB);
      INSERT INTO k (n, s, r, b) VALUES (5, '5', 1.5, x'00ff'), (7, 'seven', 2.0, NULL), (NULL, '05', 0, x'01');`;
    db.exec(setup);
    plain.exec(setup);
    const queries: [string, unknown[]][] = [
      ['SELECT id FROM k WHERE n = ? ORDER BY id', ['5']],
      ['SELECT id FROM k WHERE s = ? ORDER BY id', [5]],
      ['SELECT id FROM k WHERE r = ? ORDER BY id', ['2']],
      ['SELECT id FROM k WHERE b = ? ORDER BY id', [Buffer.from([0, 255])]],
      ['SELECT id FROM k WHERE n IS ? ORDER BY id', [null]],
      ['SELECT id FROM k WHERE s LIKE ? ORDER BY id', ['0%']],
      ['SELECT id FROM k ORDER BY id LIMIT ? OFFSET ?', [2, 1]],
      ['SELECT -? AS neg, ? || ? AS cat, typeof(?) AS t', [3, 'a', 'b', 1.5]],
    ];
    for (const [sql, args] of queries) expect(db.prepare(sql).all(...args), sql).toEqual(plain.prepare(sql).all(...args));
    db.close();
    plain.close();
  });

  test('lookups still use the partial indexes they used before', () => {
    const db = openDatabase(join(tempDataDir(), 'callcard.db'));
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM orders WHERE waybill_no = ? ORDER BY created_at DESC LIMIT 1')).toContain('orders_waybill');
    expect(plan('SELECT id FROM orders WHERE address_key = ?')).toContain('orders_address_key');
    db.close();
  });

  test('a statement with a join and an ORDER BY is planned once, not again on every call', () => {
    const db: Db = openDatabase(join(tempDataDir(), 'callcard.db'));
    db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY, a TEXT, b INTEGER); CREATE INDEX p_ab ON p(a, b)');
    const insert = db.prepare('INSERT INTO p (a, b) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`a${i % 200}`, i);
    })();
    // A statement that is slow to plan and quick to run: a long select list over one indexed row.
    const columns = Array.from({ length: 400 }, (_, i) => `CASE WHEN p.b > ${i} THEN ${i} ELSE p.b END AS c${i}`).join(', ');
    const sql = `SELECT ${columns} FROM p JOIN p AS q ON q.id = p.id WHERE p.a = ? ORDER BY p.b LIMIT 1`;
    const best = (f: () => void): number => {
      let min = Infinity;
      for (let round = 0; round < 5; round++) {
        const start = process.hrtime.bigint();
        f();
        min = Math.min(min, Number(process.hrtime.bigint() - start));
      }
      return min;
    };
    const calls = 50;
    const prepareTime = best(() => {
      for (let i = 0; i < calls; i++) db.prepare(sql);
    });
    const stmt = db.prepare(sql);
    const runTime = best(() => {
      for (let i = 0; i < calls; i++) expect(stmt.get(`a${i}`)).toBeDefined();
    });
    // Planned again on every call, a run would cost at least a prepare. Planned once, it is a
    // small fraction of one.
    expect(runTime).toBeLessThan(prepareTime / 3);
    db.close();
  });
});
