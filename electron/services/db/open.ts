import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CallcardError } from '../../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';
import { opaqueParamsCached } from './params';

export type Db = Database.Database;

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Applies pending migrations in order, each in its own transaction. Refuses to continue when
 * an applied migration's text no longer matches its recorded hash, or when the store was written
 * by a newer version of the app.
 */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT id, name, hash FROM _migrations').all() as { id: number; name: string; hash: string }[]).map(
      (r) => [r.id, r],
    ),
  );
  const known = new Set(migrations.map((m) => m.id));
  for (const id of applied.keys()) {
    if (!known.has(id)) throw new CallcardError('store_newer', { migration: id });
  }
  const ran: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    const hash = migrationHash(m);
    const prior = applied.get(m.id);
    if (prior) {
      if (prior.hash !== hash) throw new CallcardError('migration_edited', { migration: `${m.id}_${m.name}` });
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO _migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)').run(
        m.id,
        m.name,
        hash,
        new Date().toISOString(),
      );
    })();
    ran.push(m.id);
  }
  return ran;
}

/** Opens (creating if needed) the local store: WAL, foreign keys, migrated. */
export function openDatabase(file: string, migrations: Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Every statement is planned once, not on every call: see params.ts.
  const prepare = db.prepare.bind(db) as (sql: string) => Database.Statement;
  db.prepare = ((sql: string) => prepare(opaqueParamsCached(sql))) as Db['prepare'];
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checkpoints are done between user actions (see startIdleCheckpoints); the automatic one stays
    // as a safety net at ~40 MB of log so a write rarely pays for a checkpoint's disk sync.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Runs `fn` as one transaction, or as part of the one already open. (better-sqlite3 nests a
 * transaction as a savepoint, and every page a savepoint touches is first copied to a statement
 * journal on disk: the agent's hot path paid for that on every card.) `immediate` takes the write
 * lock at the start, where the busy timeout applies; a deferred transaction that has read and then
 * writes while another connection writes is refused at once, whatever the timeout.
 */
export function atomically<T>(db: Db, fn: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
  return db.inTransaction ? fn() : db.transaction(fn)[mode]();
}

/**
 * Copies the write-ahead log into the database while the agent is between actions, so that
 * recording an outcome does not wait for a checkpoint's disk sync. PASSIVE never blocks a writer,
 * and costs next to nothing when the log holds nothing new. The timer does not keep the process
 * alive. Returns a stop function.
 */
export function startIdleCheckpoints(db: Db, everyMs = 2000): () => void {
  const timer = setInterval(() => {
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
