import { uuidv7 } from './ids';
import type { Db } from './db/open';
import { prepared } from './db/statements';

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
