import type { CallCard, NextCardResult, QueueStatus } from '../../shared/contract';
import type { Flow } from '../../shared/domain';
import { addMinutes } from '../../shared/time';
import type { CoreContext } from './context';
import type { Db } from './db/open';
import {
  toHistoryEntry,
  toOutcomeView,
  toSummary,
  toView,
  packageText,
  type OrderStatements,
  type TaskRow,
} from './orders';
import { loadSettings } from './settings';

/** Counts shown beside the queue are capped so that a huge backlog never slows the next card. */
export const QUEUE_COUNT_CAP = 1000;

export function queueStatements(db: Db) {
  const cap = QUEUE_COUNT_CAP;
  return {
    task: db.prepare<[string], TaskRow>('SELECT * FROM call_tasks WHERE id = ?'),
    claimedBy: db.prepare<[string], TaskRow>(
      "SELECT * FROM call_tasks WHERE claimed_by = ? AND state = 'open' ORDER BY claimed_at LIMIT 1",
    ),
    oldestDueInFlow: db.prepare<{ flow: Flow; now: string; stale: string }, TaskRow>(
      `SELECT * FROM call_tasks WHERE state = 'open' AND flow = @flow AND due_at <= @now
         AND (claimed_by IS NULL OR claimed_at < @stale)
       ORDER BY due_at, id LIMIT 1`,
    ),
    oldestDue: db.prepare<{ now: string; stale: string }, TaskRow>(
      `SELECT * FROM call_tasks WHERE state = 'open' AND due_at <= @now
         AND (claimed_by IS NULL OR claimed_at < @stale)
       ORDER BY due_at, id LIMIT 1`,
    ),
    claim: db.prepare<{ id: string; agent: string; now: string }>(
      'UPDATE call_tasks SET claimed_by = @agent, claimed_at = @now WHERE id = @id',
    ),
    dueNow: db.prepare<{ now: string }, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM call_tasks WHERE state = 'open' AND due_at <= @now LIMIT ${cap})`,
    ),
    later: db.prepare<{ now: string }, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM call_tasks WHERE state = 'open' AND due_at > @now LIMIT ${cap})`,
    ),
    nextDue: db.prepare<{ now: string }, { due_at: string }>(
      "SELECT due_at FROM call_tasks WHERE state = 'open' AND due_at > @now ORDER BY due_at LIMIT 1",
    ),
  };
}
export type QueueStatements = ReturnType<typeof queueStatements>;

export function queueStatus(qs: QueueStatements, now: Date): QueueStatus {
  const at = { now: now.toISOString() };
  return {
    dueNow: qs.dueNow.get(at)!.n,
    later: qs.later.get(at)!.n,
    nextDueAt: qs.nextDue.get(at)?.due_at ?? null,
  };
}

export function buildCard(os: OrderStatements, task: TaskRow): CallCard {
  const order = os.byId.get(task.order_id)!;
  const lines = os.lines.all(order.id);
  return {
    taskId: task.id,
    flow: task.flow,
    dueAt: task.due_at,
    attempts: task.attempts,
    unanswered: task.unanswered,
    isCallback: task.is_callback === 1,
    order: toView(order, lines),
    otherOrders: os.samePhone.all(order.phone, order.id).map((r) => toSummary(r, packageText(os.lines.all(r.id)))),
    pastOutcomes: os.outcomesByPhone.all(order.phone).map(toOutcomeView),
    history: os.history.all(order.id).map(toHistoryEntry),
  };
}

/**
 * Hands the agent one card: the card they already hold, else the oldest due task (in the chosen
 * flow, or any flow), claimed for them so that no other agent gets the same order.
 */
export function nextCard(
  ctx: CoreContext,
  qs: QueueStatements,
  os: OrderStatements,
  agentId: string,
  flow?: Flow,
): NextCardResult {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const held = qs.claimedBy.get(agentId);
  let task: TaskRow | undefined = held && (!flow || held.flow === flow) ? held : undefined;
  if (!task) {
    const stale = addMinutes(now, -loadSettings(ctx.db).claimTimeoutMinutes).toISOString();
    task = flow ? qs.oldestDueInFlow.get({ flow, now: nowIso, stale }) : qs.oldestDue.get({ now: nowIso, stale });
    if (task) {
      qs.claim.run({ id: task.id, agent: agentId, now: nowIso });
      task = { ...task, claimed_by: agentId, claimed_at: nowIso };
    }
  }
  return { card: task ? buildCard(os, task) : null, queue: queueStatus(qs, now) };
}
