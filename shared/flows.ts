/** Which orders each kind of call is for. Pure data: the queue, the outcomes and the script preview agree on it. */
import type { Flow, OrderStatus } from './domain';

/**
 * The order statuses in which a flow's task still makes sense. A task whose order has moved on
 * (a verify task of an order cancelled by a later export, an upsell task of a shipped order) is
 * closed as obsolete instead of being handed out; a script previewed with such an order is said
 * not to fit it.
 */
export const FLOW_STATUSES: Record<Flow, readonly OrderStatus[]> = {
  verify: ['pending_verify'],
  upsell: ['verified'],
  recover: ['cancelled', 'closed', 'unpaid'],
  // A refusal at the door is still worth a call: the final-result rule tries to save it.
  track: ['shipped', 'delivery_exception', 'refused'],
  revisit: ['signed'],
};

/** Whether an order in this status gets this flow's call. */
export function orderFitsFlow(status: string | undefined, flow: Flow): boolean {
  return status !== undefined && (FLOW_STATUSES[flow] as readonly string[]).includes(status);
}
