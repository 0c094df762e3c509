/**
 * The team lead's view of who holds which customers (an agent holds every open matter of the
 * customer on their card), and what a lead can do about it: give an agent's customers back to the
 * queue (they went home without "End shift", or are stuck on a call), or hand a customer to
 * another agent (a regular's callback while their agent is off). A handed customer is the
 * receiving agent's next card; like any claim, it lapses after the claim timeout.
 */
import type { HeldCards, HeldCustomer } from '../../shared/contracts/flows';
import type { Flow } from '../../shared/domain';
import { CallcardError } from '../../shared/errors';
import { addMinutes } from '../../shared/time';
import type { CoreContext } from './context';
import { atomically } from './db/open';
import { prepared } from './db/statements';
import { requireLead } from './reports/handlers';
import type { OrderStatements } from './orders';
import type { QueueStatements } from './queue';
import { loadSettings } from './settings';

interface HeldRow {
  claimed_by: string;
  agent_name: string | null;
  phone: string;
  order_no: string;
  customer_name: string;
  flow: Flow;
  claimed_at: string;
}

/** Claimed open matters, the card's own first within each customer (as the agent's queue serves them). */
const HELD_SQL = `SELECT t.claimed_by, a.name AS agent_name, o.phone, o.order_no, o.customer_name, t.flow, t.claimed_at
  FROM call_tasks t INDEXED BY call_tasks_claim JOIN orders o ON o.id = t.order_id LEFT JOIN agents a ON a.id = t.claimed_by
  WHERE t.claimed_by IS NOT NULL AND t.state = 'open'
  ORDER BY t.claimed_by, o.phone, t.is_callback DESC, t.due_at`;

export function heldCards(ctx: CoreContext): HeldCards {
  requireLead(ctx);
  const settings = loadSettings(ctx.db);
  const stale = addMinutes(ctx.now(), -settings.claimTimeoutMinutes).toISOString();
  const holders = new Map<string, HeldCards['holders'][number]>();
  const byCustomer = new Map<string, HeldCustomer>();
  for (const r of prepared<[], HeldRow>(ctx.db, HELD_SQL).all()) {
    let holder = holders.get(r.claimed_by);
    if (!holder) {
      // An agent this workstation has not met (a claim from elsewhere) is shown by id.
      holder = { agentId: r.claimed_by, agentName: r.agent_name ?? r.claimed_by.slice(-8), customers: [] };
      holders.set(r.claimed_by, holder);
    }
    const key = `${r.claimed_by}\u0000${r.phone}`;
    const known = byCustomer.get(key);
    if (known) {
      known.matters++;
      continue;
    }
    const customer: HeldCustomer = {
      orderNo: r.order_no,
      customerName: r.customer_name,
      flow: r.flow,
      matters: 1,
      claimedAt: r.claimed_at,
      expired: r.claimed_at < stale,
    };
    byCustomer.set(key, customer);
    holder.customers.push(customer);
  }
  const agents = prepared<[], { id: string; name: string }>(ctx.db, 'SELECT id, name FROM agents ORDER BY name, id').all();
  return {
    holders: [...holders.values()].sort((a, b) => a.agentName.localeCompare(b.agentName, 'zh-CN')),
    agents,
    claimTimeoutMinutes: settings.claimTimeoutMinutes,
  };
}

type Statements = { queue: QueueStatements; orders: OrderStatements };

function phoneOf(st: Statements, orderNo: string): string {
  const row = st.orders.byNo.get(orderNo);
  if (!row) throw new CallcardError('order_not_found', { orderNo });
  return row.phone;
}

/** The same releases an agent's "End shift" and a flow switch make, done by a lead for them. */
export function releaseHeld(ctx: CoreContext, st: Statements, a: { agentId: string; orderNo?: string }): { released: number } {
  requireLead(ctx);
  return atomically(ctx.db, () => {
    const run = a.orderNo ? st.queue.releaseCustomer.run({ agent: a.agentId, phone: phoneOf(st, a.orderNo) }) : st.queue.release.run({ agent: a.agentId });
    return { released: run.changes };
  });
}

export function handOver(ctx: CoreContext, st: Statements, a: { orderNo: string; toAgentId: string }): { moved: number } {
  requireLead(ctx);
  return atomically(ctx.db, () => {
    const to = prepared<[string], { name: string }>(ctx.db, 'SELECT name FROM agents WHERE id = ?').get(a.toAgentId);
    if (!to) throw new CallcardError('agent_not_found', { agent: a.toAgentId });
    const phone = phoneOf(st, a.orderNo);
    // Whoever held them: the lead decides (unlike the queue's claim, which leaves another agent's
    // hold alone). The agent who had them cannot record on them any more.
    const move = "UPDATE call_tasks SET claimed_by = @to, claimed_at = @now WHERE state = 'open' AND order_id IN (SELECT id FROM orders WHERE phone = @phone)";
    const moved = prepared(ctx.db, move).run({ to: a.toAgentId, now: ctx.now().toISOString(), phone }).changes;
    if (moved === 0) throw new CallcardError('call_nothing_open', { orderNo: a.orderNo });
    return { moved };
  });
}
