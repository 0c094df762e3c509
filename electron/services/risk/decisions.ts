/**
 * What people decide about a screened order: a lead releases or holds it by hand, or rejects a
 * held order; a buyer agrees to pay online. Each is one transaction with its history rows (source
 * 'risk') and the outbox entries the server needs.
 */
import { uuidv7 } from '../ids';
import type { AgentView } from '../../../shared/contract';
import { CallcardError } from '../../../shared/errors';
import type { OverrideDecision, OrderRiskView } from '../../../shared/risk/view';
import type { CoreContext } from '../context';
import { orderStatements, type OrderRow } from '../orders';
import { enqueueOrderChange, enqueueOutbox } from '../outbox';
import { HOLDABLE_STATUSES, orderRisk, riskOf, screenOrders } from './screen';

export function requireLead(agent: AgentView): void {
  if (!agent.roles.includes('lead')) throw new CallcardError('lead_only');
}

/** Blacklisting a buyer or taking them to online payment: met on a call (an agent) or decided by a lead, never by a trainer alone. */
export function requireAgentOrLead(agent: AgentView): AgentView {
  if (!agent.roles.includes('agent') && !agent.roles.includes('lead')) throw new CallcardError('agent_or_lead_only');
  return agent;
}

function orderByNo(ctx: CoreContext, orderNo: string): OrderRow {
  const row = orderStatements(ctx.db).byNo.get(orderNo);
  if (!row) throw new CallcardError('order_not_found', { orderNo });
  return row;
}

function history(ctx: CoreContext, orderId: string, agentId: string, field: string, oldValue: string | null, newValue: string | null): void {
  ctx.db
    .prepare(
      `INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value)
       VALUES (?, ?, ?, ?, 'risk', ?, ?, ?)`,
    )
    .run(uuidv7(), orderId, ctx.now().toISOString(), agentId, field, oldValue, newValue);
}

/** Release (ship anyway) or hold by hand; the lead's reason goes into the order's history. */
export function overrideRisk(ctx: CoreContext, agent: AgentView, a: { orderNo: string; decision: OverrideDecision; reason: string }): OrderRiskView {
  requireLead(agent);
  const now = ctx.now();
  return ctx.db.transaction(() => {
    const order = orderByNo(ctx, a.orderNo);
    if (!HOLDABLE_STATUSES.has(order.status)) throw new CallcardError('risk_not_holdable', { orderNo: a.orderNo });
    const current = riskOf(ctx.db, order.id, now);
    ctx.db
      .prepare(
        `UPDATE order_risk SET override_decision = ?, override_reason = ?, override_by = ?, override_at = ?, override_score = ?
         WHERE order_id = ?`,
      )
      .run(a.decision, a.reason, agent.name, now.toISOString(), current.score, order.id);
    history(ctx, order.id, agent.id, 'risk_override', current.holdReason, `${a.decision}: ${a.reason}`);
    screenOrders(ctx.db, [order.id], now, { agentId: agent.id });
    const view = riskOf(ctx.db, order.id, now);
    enqueueOutbox(ctx.db, 'order_risk', order.id, 'upsert', view, now);
    return view;
  })();
}

/**
 * An order paid online to which a call added an upsell: the added amount is still to be paid (the
 * script sends a payment link). Held by hand, in the agent's name and with the amount as its
 * reason, until a lead releases it once the balance is in; before, it read as paid in full and
 * nothing stopped it shipping.
 */
export function holdForBalance(ctx: CoreContext, a: { orderId: string; agentId: string; reason: string; now: Date }): void {
  const by = ctx.db.prepare<[string], { name: string }>('SELECT name FROM agents WHERE id = ?').get(a.agentId)?.name ?? '';
  const before = orderRisk(ctx.db, a.orderId, a.now)?.holdReason ?? null;
  const hold = () =>
    ctx.db
      .prepare(
        `UPDATE order_risk SET override_decision = 'hold', override_reason = ?, override_by = ?, override_at = ?, override_score = score
         WHERE order_id = ?`,
      )
      .run(a.reason, by, a.now.toISOString(), a.orderId).changes;
  // Screened first where screening is off (no risk row to hold yet).
  if (hold() === 0) {
    screenOrders(ctx.db, [a.orderId], a.now, { agentId: a.agentId });
    hold();
  }
  history(ctx, a.orderId, a.agentId, 'risk_override', before, `hold: ${a.reason}`);
  screenOrders(ctx.db, [a.orderId], a.now, { agentId: a.agentId });
  enqueueOutbox(ctx.db, 'order_risk', a.orderId, 'upsert', riskOf(ctx.db, a.orderId, a.now), a.now);
}

/** A lead rejects a held order: it will not ship, and its open calls close. */
export function rejectHeld(ctx: CoreContext, agent: AgentView, a: { orderNo: string; reason: string }): OrderRiskView {
  requireLead(agent);
  const now = ctx.now();
  const nowIso = now.toISOString();
  return ctx.db.transaction(() => {
    const os = orderStatements(ctx.db);
    const order = orderByNo(ctx, a.orderNo);
    if (!HOLDABLE_STATUSES.has(order.status)) throw new CallcardError('risk_not_holdable', { orderNo: a.orderNo });
    ctx.db.prepare("UPDATE orders SET status = 'rejected', updated_at = ? WHERE id = ?").run(nowIso, order.id);
    ctx.db
      .prepare(
        `UPDATE call_tasks SET state = 'done', closed_at = ?, claimed_by = NULL, claimed_at = NULL, last_outcome = 'risk_rejected'
         WHERE order_id = ? AND state = 'open'`,
      )
      .run(nowIso, order.id);
    history(ctx, order.id, agent.id, 'status', order.status, 'rejected');
    history(ctx, order.id, agent.id, 'risk_reject', null, a.reason);
    // The buyer's other orders still to ship now see a rejected order in their history.
    screenOrders(ctx.db, [order.id], now, { agentId: agent.id });
    const next = os.byId.get(order.id)!;
    enqueueOrderChange(ctx.db, order.id, next.updated_at, now);
    const view = riskOf(ctx.db, order.id, now);
    enqueueOutbox(ctx.db, 'order_risk', order.id, 'upsert', { ...view, rejectReason: a.reason }, now);
    return view;
  })();
}

/** The buyer will pay online: the order is no longer COD, so COD restrictions stop holding it. */
export function convertToOnlinePayment(ctx: CoreContext, agent: AgentView, a: { orderNo: string; note?: string }): OrderRiskView {
  const now = ctx.now();
  return ctx.db.transaction(() => {
    const order = orderByNo(ctx, a.orderNo);
    if (!HOLDABLE_STATUSES.has(order.status)) throw new CallcardError('risk_not_holdable', { orderNo: a.orderNo });
    if (order.payment_method !== 'online') {
      ctx.db.prepare("UPDATE orders SET payment_method = 'online', updated_at = ? WHERE id = ?").run(now.toISOString(), order.id);
      history(ctx, order.id, agent.id, 'paymentMethod', order.payment_method, a.note ? `online (${a.note})` : 'online');
      enqueueOrderChange(ctx.db, order.id, now.toISOString(), now);
    }
    screenOrders(ctx.db, [order.id], now, { agentId: agent.id });
    return riskOf(ctx.db, order.id, now);
  })();
}

/** Risk level and hold of several orders, for a list page (unscreened orders are left out). */
export function riskOfOrders(ctx: CoreContext, orderNos: string[]): { orderNo: string; level: 'low' | 'medium' | 'high'; score: number; held: boolean }[] {
  if (!orderNos.length) return [];
  const rows = ctx.db
    .prepare(
      `SELECT o.order_no, r.level, r.score, r.held FROM orders o JOIN order_risk r ON r.order_id = o.id
       WHERE o.order_no IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(orderNos)) as { order_no: string; level: 'low' | 'medium' | 'high'; score: number; held: number }[];
  return rows.map((r) => ({ orderNo: r.order_no, level: r.level, score: r.score, held: r.held === 1 }));
}
