import type { Db } from './open';

/**
 * Values read from rarely written rows (settings, the signed-in agent, the script packs in force),
 * kept per connection so that the agent's hot path does not read and parse them on every card.
 *
 * A kept value is dropped when:
 * - another connection commits (an import worker, the CLI on the same data dir): SQLite's
 *   `PRAGMA data_version` moves, and everything kept is dropped. It is asked once per core call
 *   (`withinCall`, used by every door's handler) and on every read outside one;
 * - this connection writes the rows behind it: the writer calls `forget`. A value forgotten inside
 *   a transaction is not kept again until the transaction has ended (committed or rolled back), so
 *   a rolled-back write never leaves its value behind.
 */
interface Memo {
  version: number;
  values: Map<string, unknown>;
  /** Keys written in the open transaction: read through, not kept, until it ends. */
  unsettled: Set<string>;
  /** Inside a core call that has asked the version once already: no need to ask again. */
  checked: boolean;
  inCall: boolean;
}

const memos = new WeakMap<Db, Memo>();
const ALL = '\u0000all';
const versionQueries = new WeakMap<Db, () => number>();

function dataVersion(db: Db): number {
  let q = versionQueries.get(db);
  if (!q) {
    const st = db.prepare('PRAGMA data_version').pluck();
    q = () => st.get() as number;
    versionQueries.set(db, q);
  }
  return q();
}

function memoOf(db: Db): Memo {
  let m = memos.get(db);
  if (!m?.checked) {
    const version = dataVersion(db);
    if (!m || m.version !== version) {
      m = { version, values: new Map(), unsettled: m?.unsettled ?? new Set(), checked: false, inCall: m?.inCall ?? false };
      memos.set(db, m);
    }
    m.checked = m.inCall;
  }
  if (m.unsettled.size && !db.inTransaction) m.unsettled.clear();
  return m;
}

/**
 * Runs one synchronous core call asking the version once, at its first read of something kept
 * (cheapest inside the call's transaction, where SQLite holds the read lock already). A call that
 * returns a promise asks again on every read after it has returned: others may commit meanwhile.
 */
export function withinCall<T>(db: Db, fn: () => T): T {
  let m = memos.get(db);
  if (!m) {
    m = { version: dataVersion(db), values: new Map(), unsettled: new Set(), checked: true, inCall: true };
    memos.set(db, m);
  } else if (m.inCall) {
    return fn();
  }
  m.inCall = true;
  try {
    return fn();
  } finally {
    const now = memos.get(db)!;
    now.inCall = false;
    now.checked = false;
  }
}

/** The value kept under `key`, or what `load` reads now (kept for next time). */
export function remembered<T>(db: Db, key: string, load: () => T): T {
  const m = memoOf(db);
  if (m.values.has(key)) return m.values.get(key) as T;
  const value = load();
  if (!m.unsettled.has(key) && !m.unsettled.has(ALL)) m.values.set(key, value);
  return value;
}

/** This connection is writing what `key` is read from (no key: everything kept). */
export function forget(db: Db, key?: string): void {
  const m = memoOf(db);
  if (key === undefined) m.values.clear();
  else m.values.delete(key);
  if (db.inTransaction) m.unsettled.add(key ?? ALL);
}
