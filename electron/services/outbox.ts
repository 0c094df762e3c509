import { uuidv7 } from './ids';
import type { Db } from './db/open';
import { prepared } from './db/statements';
import { toView, type OrderLineRow, type OrderRow } from './orders';

export type OutboxEntity =
  | 'order'
  | 'call_outcome'
  | 'call_task'
  | 'agent'
  | 'blacklist'
  | 'order_risk'
  | 'script_pack_version'
  | 'script_pack_activation';

/**
 * Queues a change for the central server. Must be called inside the same transaction as the
 * change itself, so a change and its outbox entry are stored together or not at all.
 */
export function enqueueOutbox(
  db: Db,
  entity: OutboxEntity,
  entityId: string,
  op: 'upsert' | 'append',
  payload: unknown,
  at: Date,
): void {
  prepared(db, 'INSERT INTO outbox (id, entity, entity_id, op, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(uuidv7(), entity, entityId, op, JSON.stringify(payload), at.toISOString());
}

/**
 * An order changed. Orders are synced by state: the entry names the order and the version that
 * changed it (its updated_at); the order itself, lines included, is read when the entry is sent
 * (readOutbox), so the server always receives the order as it stands and a burst of changes costs
 * no copies. (An import of 100,000 orders wrote 80 MB of order copies into the outbox before.)
 */
export function enqueueOrderChange(db: Db, orderId: string, updatedAt: string, at: Date | string): void {
  prepared(db, "INSERT INTO outbox (id, entity, entity_id, op, payload, created_at) VALUES (?, 'order', ?, 'upsert', ?, ?)").run(
    uuidv7(), orderId, orderChangePayload(updatedAt), typeof at === 'string' ? at : at.toISOString(),
  );
}

/** The stored payload of an order entry (the writer inserts these in bulk with its own statement). */
export function orderChangePayload(updatedAt: string): string {
  return `{"updatedAt":${JSON.stringify(updatedAt)}}`;
}

export interface OutboxEntry {
  seq: number;
  id: string;
  entity: OutboxEntity;
  entityId: string;
  op: 'upsert' | 'append';
  /** What the server receives: the stored payload, or for an order the order as it stands now. */
  payload: unknown;
  createdAt: string;
}

interface SentTask {
  id: string;
  flow: string;
  state: 'open' | 'done';
  dueAt: string;
  isCallback: number;
  attempts: number;
  unanswered: number;
  lastOutcome: string | null;
  closedAt: string | null;
}

interface OutboxRow {
  seq: number;
  id: string;
  entity: OutboxEntity;
  entity_id: string;
  op: 'upsert' | 'append';
  payload: string;
  created_at: string;
}

/**
 * The next unsent entries, oldest first, as they are to be sent. An order's entry carries the
 * order's current state (with `changedAt`, the version the entry was queued for); an order that no
 * longer exists is sent as removed. For the server: an order upsert is state, not an event — it may
 * already show the effect of a call whose entry comes later in the queue (or in the next batch), so
 * apply it as "this order is now so" (by `updatedAt`, last one wins) and calls as appended records.
 */
export function readOutbox(db: Db, limit = 500): OutboxEntry[] {
  const rows = prepared<[number], OutboxRow>(db, 'SELECT seq, id, entity, entity_id, op, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?').all(limit);
  const order = prepared<[string], OrderRow>(db, 'SELECT * FROM orders WHERE id = ?');
  const lines = prepared<[string], OrderLineRow>(db, 'SELECT * FROM order_lines WHERE order_id = ? ORDER BY position');
  const tasks = prepared<[string], SentTask>(
    db,
    `SELECT id, flow, state, due_at AS dueAt, is_callback AS isCallback, attempts, unanswered, last_outcome AS lastOutcome, closed_at AS closedAt
     FROM call_tasks INDEXED BY call_tasks_order WHERE order_id = ? ORDER BY created_at, id`,
  );
  return rows.map((r) => {
    let payload = JSON.parse(r.payload) as unknown;
    if (r.entity === 'order') {
      const row = order.get(r.entity_id);
      const changedAt = (payload as { updatedAt?: string }).updatedAt ?? null;
      // The order's call tasks as they stand travel with it: an import or a lead's rejection opens and
      // closes them together with the order's change, which is the entry that reaches the server.
      payload = row ? { ...toView(row, lines.all(row.id)), tasks: tasks.all(row.id).map((x) => ({ ...x, isCallback: x.isCallback === 1 })), changedAt } : { id: r.entity_id, removed: true, changedAt };
    }
    return { seq: r.seq, id: r.id, entity: r.entity, entityId: r.entity_id, op: r.op, payload, createdAt: r.created_at };
  });
}
