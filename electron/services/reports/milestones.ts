/**
 * The ship milestone of an order stored already past shipping (an export of shipped or signed
 * orders, a courier's result). Status changes keep their milestones by trigger (migration 5); a new
 * order's is written here by whoever inserts it, so an import of orders not yet shipped pays nothing.
 */
import type { OrderStatus } from '../../../shared/domain';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';

/** Statuses that mean the parcel has left. */
export const SHIPPED_STATUSES: ReadonlySet<OrderStatus> = new Set(['shipped', 'delivery_exception', 'signed', 'refused', 'returned']);

/**
 * Shipped at the first courier line, else the courier's or the platform's status time, else when it
 * was ordered or stored; signed or refused at the status time (the order came in already settled).
 */
const SQL = `INSERT OR IGNORE INTO order_milestones (order_id, shipped_at, signed_at, refused_at)
  SELECT id,
    COALESCE(CASE WHEN json_valid(courier_events) THEN json_extract(courier_events, '$[0].at') END,
             courier_at, status_at, ordered_at, created_at),
    CASE WHEN status = 'signed' THEN COALESCE(courier_at, status_at, created_at) END,
    CASE WHEN status IN ('refused', 'returned') THEN COALESCE(courier_at, status_at, created_at) END
  FROM orders WHERE id = ? AND status IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')`;

/** Call after inserting an order (cheap to skip: only shipped statuses need it). */
export function recordNewOrderMilestone(db: Db, orderId: string, status: OrderStatus): void {
  if (SHIPPED_STATUSES.has(status)) prepared<[string]>(db, SQL).run(orderId);
}
