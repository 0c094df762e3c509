import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
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
 * One test file per migration (Signal's habit): test/unit/migrations/NNN_name.test.ts.
 * A new migration without its file fails here.
 */
describe('each migration', () => {
  test('every migration has its own test file', () => {
    const dir = join(import.meta.dirname, 'migrations');
    const files = readdirSync(dir);
    for (const m of MIGRATIONS) {
      const name = `${String(m.id).padStart(3, '0')}_${m.name}.test.ts`;
      expect(files, `migration ${m.id} needs test/unit/migrations/${name}`).toContain(name);
    }
  });
});
