import type { Statement } from 'better-sqlite3';
import { QUEUE_COUNT_CAP, type CallCard, type MatterView, type NextCardResult, type QueueStatus } from '../../shared/contract';
import { endOfCallingDay, withinCallingHours } from '../../shared/calling';
import type { Flow, OrderStatus } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { addMinutes } from '../../shared/time';
import type { CoreContext } from './context';
import type { Db } from './db/open';
import {
  packageText,
  toHistoryEntry,
  toOutcomeView,
  toSummary,
  toView,
  type OrderStatements,
  type TaskRow,
} from './orders';
import { CallcardError } from '../../shared/errors';
import { FLOW_STATUSES } from '../../shared/flows';
import { readPhone } from './import/normalise';
import { enqueueOutbox } from './outbox';
import { loadSettings } from './settings';
import { cardRisk } from './risk/screen';


/** How many due tasks of a flow are looked at per pick (skipping ones another agent's customer holds). */
const CANDIDATES = 20;

/** Which order statuses each flow's task is for (shared: the script preview says when an order does not fit). */
export { FLOW_STATUSES };

interface CandidateRow extends TaskRow {
  phone: string;
  order_status: OrderStatus;
  ordered_at: string | null;
}

const CANDIDATE_COLUMNS = 't.*, o.phone, o.status AS order_status, o.ordered_at';
const UNCLAIMED = '(t.claimed_by IS NULL OR t.claimed_at < @stale)';

export function queueStatements(db: Db) {
  // Plans are pinned (INDEXED BY, CROSS JOIN) so that they read a handful of index entries
  // whatever statistics SQLite has or lacks; ordering by anything the index does not give would
  // sort every due task of the flow.
  // The queue's indexes hold open tasks only (migration 7): every query names state = 'open' as it is.
  const flowQuery = <P extends object>(index: string, flow: string, order: string) =>
    db.prepare<P, CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM call_tasks t INDEXED BY ${index} JOIN orders o ON o.id = t.order_id
       WHERE t.state = 'open' AND t.flow = ${flow} AND t.due_at <= @now AND ${UNCLAIMED}
       ORDER BY ${order} LIMIT ${CANDIDATES}`,
    );
  return {
    db,
    task: db.prepare<[string], TaskRow>('SELECT * FROM call_tasks WHERE id = ?'),
    held: db.prepare<{ agent: string; now: string }, CandidateRow>(
      // The customer's other matters are settled on the same call — except a callback they asked
      // for at a later time, which waits for that time.
      // The customer claimed last comes first: a customer who called in (takeCall) while the agent
      // held another card is the one on the line; the other card comes back after this call.
      `SELECT ${CANDIDATE_COLUMNS} FROM call_tasks t JOIN orders o ON o.id = t.order_id
       WHERE t.claimed_by = @agent AND t.state = 'open' AND NOT (t.is_callback = 1 AND t.due_at > @now)
       ORDER BY t.claimed_at DESC, t.is_callback DESC, t.due_at LIMIT ${CANDIDATES}`,
    ),
    callbacksDue: db.prepare<{ now: string; stale: string }, CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS} FROM call_tasks t JOIN orders o ON o.id = t.order_id
       WHERE t.is_callback = 1 AND t.state = 'open' AND t.due_at <= @now AND ${UNCLAIMED}
       ORDER BY t.due_at LIMIT ${CANDIDATES}`,
    ),
    oldestDue: flowQuery<{ flow: Flow; now: string; stale: string }>('call_tasks_queue', '@flow', 't.due_at'),
    /** Recover serves the freshest lead first: lost most recently (its own index, of open recover tasks; migration 9). */
    freshestRecover: flowQuery<{ now: string; stale: string }>('call_tasks_fresh', "'recover'", 'coalesce(t.fresh_at, t.created_at) DESC'),
    /** Another agent holds a card of this customer right now. */
    phoneHeldElsewhere: db.prepare<{ phone: string; agent: string; stale: string }, { x: number }>(
      `SELECT 1 AS x FROM orders o CROSS JOIN call_tasks t INDEXED BY call_tasks_order ON t.order_id = o.id
       WHERE o.phone = @phone AND t.state = 'open' AND t.claimed_by IS NOT NULL AND t.claimed_by != @agent
         AND t.claimed_at >= @stale LIMIT 1`,
    ),
    /** Claim every open matter of the customer, so one call settles them and no one else calls meanwhile. */
    claimCustomer: db.prepare<{ phone: string; agent: string; now: string; stale: string }>(
      `UPDATE call_tasks INDEXED BY call_tasks_order SET claimed_by = @agent, claimed_at = @now
       WHERE state = 'open' AND order_id IN (SELECT id FROM orders WHERE phone = @phone)
         AND (claimed_by IS NULL OR claimed_by = @agent OR claimed_at < @stale)`,
    ),
    closeUnservable: db.prepare<{ id: string; now: string; reason: string }>(
      "UPDATE call_tasks SET state = 'done', closed_at = @now, claimed_by = NULL, claimed_at = NULL, last_outcome = @reason WHERE id = @id",
    ),
    callbackNow: db.prepare<{ id: string; now: string }>('UPDATE call_tasks SET due_at = @now WHERE id = @id'),
    /** One customer's matters this agent holds, back to the queue. */
    releaseCustomer: db.prepare<{ agent: string; phone: string }>(
      `UPDATE call_tasks INDEXED BY call_tasks_order SET claimed_by = NULL, claimed_at = NULL
       WHERE claimed_by = @agent AND state = 'open' AND order_id IN (SELECT id FROM orders WHERE phone = @phone)`,
    ),
    release: db.prepare<{ agent: string }>(
      "UPDATE call_tasks SET claimed_by = NULL, claimed_at = NULL WHERE claimed_by = @agent AND state = 'open'",
    ),
    matters: db.prepare<{ phone: string }, TaskRow & { order_no: string; order_status: OrderStatus; order_id: string; ordered_at: string | null }>(
      `SELECT t.*, o.order_no, o.status AS order_status, o.ordered_at FROM orders o CROSS JOIN call_tasks t INDEXED BY call_tasks_order
       ON t.order_id = o.id WHERE o.phone = @phone AND t.state = 'open' ORDER BY t.due_at LIMIT 20`,
    ),
    /** What the queue holds, over every flow... */
    all: statusStatements(db, ''),
    /** ...or over the one flow the agent has chosen to work. */
    ofFlow: statusStatements(db, ' AND flow = @flow'),
    /** Who else holds a card of this customer right now (their name, when this store knows them). */
    customerHolder: db.prepare<{ phone: string; agent: string; stale: string }, { name: string | null }>(
      `SELECT a.name FROM orders o CROSS JOIN call_tasks t INDEXED BY call_tasks_order ON t.order_id = o.id
       LEFT JOIN agents a ON a.id = t.claimed_by
       WHERE o.phone = @phone AND t.state = 'open' AND t.claimed_by IS NOT NULL AND t.claimed_by != @agent
         AND t.claimed_at >= @stale LIMIT 1`,
    ),
    heldByOthers: db.prepare<{ agent: string; stale: string }, { n: number }>(
      "SELECT count(*) AS n FROM call_tasks WHERE claimed_by IS NOT NULL AND claimed_by != @agent AND state = 'open' AND claimed_at >= @stale",
    ),
  };
}
export type QueueStatements = ReturnType<typeof queueStatements>;

/** The queue's counts, over all flows (`flowTerm` empty) or one (`flowTerm` names @flow). */
function statusStatements(db: Db, flowTerm: string) {
  type At = { now: string; flow?: Flow };
  return {
    dueNow: db.prepare<At, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM call_tasks WHERE state = 'open'${flowTerm} AND due_at <= @now LIMIT ${QUEUE_COUNT_CAP + 1})`,
    ),
    later: db.prepare<At, { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM call_tasks WHERE state = 'open'${flowTerm} AND due_at > @now LIMIT ${QUEUE_COUNT_CAP})`,
    ),
    nextDue: db.prepare<At, { due_at: string }>(
      `SELECT due_at FROM call_tasks WHERE state = 'open'${flowTerm} AND due_at > @now ORDER BY due_at LIMIT 1`,
    ),
    callbacksBetween: db.prepare<{ from: string; to: string; flow?: Flow }, { n: number }>(
      `SELECT count(*) AS n FROM call_tasks WHERE is_callback = 1 AND state = 'open'${flowTerm} AND due_at > @from AND due_at <= @to`,
    ),
    overdueCallbacks: db.prepare<At, { n: number }>(
      `SELECT count(*) AS n FROM call_tasks WHERE is_callback = 1 AND state = 'open'${flowTerm} AND due_at <= @now`,
    ),
  };
}

/**
 * What the queue holds: of the flow the agent works (`flow`), else of all. With a card in hand only
 * the due count is needed (cheap, capped); an empty queue gets the full explanation, and what is due
 * in every flow (so that a filtered queue can say what else is waiting).
 */
export function queueStatus(qs: QueueStatements, settings: Settings, now: Date, agentId: string, full: boolean, flow?: Flow): QueueStatus {
  const at = { now: now.toISOString() };
  const st = flow ? qs.ofFlow : qs.all;
  const f = flow ? { flow } : {};
  const due = st.dueNow.get({ ...at, ...f })!.n;
  const status: QueueStatus = {
    dueNow: Math.min(due, QUEUE_COUNT_CAP),
    dueNowCapped: due > QUEUE_COUNT_CAP,
    dueByFlow: {},
    later: 0,
    nextDueAt: null,
    callbacksLaterToday: 0,
    overdueCallbacks: 0,
    outsideCallingHours: !withinCallingHours(now, settings.businessTimeZone, settings.callingHours),
    callingHours: settings.callingHours,
    heldByOthers: 0,
  };
  if (!full) return status;
  for (const fl of settings.flowPriority) {
    const n = qs.ofFlow.dueNow.get({ ...at, flow: fl })!.n;
    // Counted to one past the cap: the screen shows that as "99+".
    if (n > 0) status.dueByFlow[fl] = Math.min(n, QUEUE_COUNT_CAP + 1);
  }
  status.later = st.later.get({ ...at, ...f })!.n;
  status.nextDueAt = st.nextDue.get({ ...at, ...f })?.due_at ?? null;
  const endOfDay = endOfCallingDay(now, settings.businessTimeZone, settings.callingHours).toISOString();
  status.callbacksLaterToday = st.callbacksBetween.get({ from: at.now, to: endOfDay, ...f })!.n;
  status.overdueCallbacks = st.overdueCallbacks.get({ ...at, ...f })!.n;
  const stale = addMinutes(now, -settings.claimTimeoutMinutes).toISOString();
  status.heldByOthers = qs.heldByOthers.get({ agent: agentId, stale })!.n;
  return status;
}

type OrderRow = NonNullable<ReturnType<OrderStatements['byId']['get']>>;
type MatterRow = ReturnType<QueueStatements['matters']['all']>[number];

/** The card for a task, from its order and the customer's open matters as the pick has just read them. */
export function buildCard(os: OrderStatements, task: TaskRow, order: OrderRow, openMatters: MatterRow[], now: Date): CallCard {
  const lines = os.lines.all(order.id);
  const matters: MatterView[] = openMatters.map((m) => ({
    taskId: m.id,
    flow: m.flow,
    orderNo: m.order_no,
    orderStatus: m.order_status,
    packageText: m.order_id === order.id ? packageText(lines) : packageText(os.lines.all(m.order_id)),
    dueAt: m.due_at,
    isCallback: m.is_callback === 1,
    unanswered: m.unanswered,
  }));
  // This card's own matter first.
  matters.sort((a, b) => Number(b.taskId === task.id) - Number(a.taskId === task.id));
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
    matters,
    risk: cardRisk(os.byId.database, order, now),
  };
}

type StaleCheckRow = Pick<CandidateRow, 'id' | 'flow' | 'order_status' | 'ordered_at'>;

/** Closes a task that can never be served (its order moved on, or an unpaid reminder went stale); true when it did. */
function closeIfStale(qs: QueueStatements, settings: Settings, c: StaleCheckRow, now: Date): boolean {
  const nowIso = now.toISOString();
  const close = (reason: 'obsolete' | 'expired') => {
    qs.closeUnservable.run({ id: c.id, now: nowIso, reason });
    // The server learns of the close like of any other task change.
    enqueueOutbox(qs.db, 'call_task', c.id, 'upsert', { id: c.id, flow: c.flow, state: 'done', lastOutcome: reason, closedAt: nowIso }, now);
  };
  if (!FLOW_STATUSES[c.flow].includes(c.order_status)) {
    close('obsolete');
    return true;
  }
  // An unpaid-order reminder is only worth a call while the order is fresh.
  if (c.flow === 'recover' && c.order_status === 'unpaid' && c.ordered_at) {
    const limit = addMinutes(now, -settings.unpaidReminderMaxAgeDays * 24 * 60).toISOString();
    if (c.ordered_at < limit) {
      close('expired');
      return true;
    }
  }
  return false;
}

/** Whether a due task may not be handed out to this agent now. Closes tasks that can never be served. */
function unservable(qs: QueueStatements, settings: Settings, c: CandidateRow, now: Date, agentId: string, stale: string): boolean {
  if (closeIfStale(qs, settings, c, now)) return true;
  return qs.phoneHeldElsewhere.get({ phone: c.phone, agent: agentId, stale }) !== undefined;
}

/**
 * Hands the agent one card: the card (or the same customer's next matter: right after a call, of
 * any flow) they already hold; else a callback that is due; else the first due task by flow
 * priority (or of the chosen flow). Claims
 * every open matter of that customer so that no other agent calls them meanwhile. Nothing is handed
 * out outside calling hours.
 */
export function nextCard(
  ctx: CoreContext,
  qs: QueueStatements,
  os: OrderStatements,
  agentId: string,
  flow?: Flow,
  /** Right after a call: the customer just called (still on the line). */
  afterCall?: { phone: string },
): NextCardResult {
  const now = ctx.now();
  const settings = loadSettings(ctx.db);
  const nowIso = now.toISOString();
  const stale = addMinutes(now, -settings.claimTimeoutMinutes).toISOString();
  let task: TaskRow | undefined;
  let card: CallCard | null = null;

  const open = withinCallingHours(now, settings.businessTimeZone, settings.callingHours);
  if (!open) {
    // Outside calling hours no card is handed out, but one the agent has in hand now (a caller taken
    // in the evening, a call still going at closing time) comes back after a reload: it is not lost.
    const wanted = (c: CandidateRow) => (!flow || c.flow === flow || c.phone === afterCall?.phone) && (c.claimed_at ?? '') >= stale;
    task = qs.held.all({ agent: agentId, now: nowIso }).find((c) => wanted(c) && !closeIfStale(qs, settings, c, now));
  } else {
    // Fix: held matters (claimed with their customer, maybe long ago) used to be handed out
    // unchecked, so an expired unpaid reminder or an obsolete task came back as a card.
    // Right after a call the customer's other matters come next whatever flow the agent works: the
    // customer is on the line. (Under a flow filter they used to be skipped, and stayed claimed by
    // this agent, out of every other agent's reach, until the claim timed out.)
    // Only that customer's: other customers the agent holds (a card put aside for a caller, or
    // taken on a tab passed on the way to another flow) follow the filter like any card.
    const held = qs.held.all({ agent: agentId, now: nowIso });
    const wanted = (c: CandidateRow) => !flow || c.flow === flow || c.phone === afterCall?.phone;
    task = held.find((c) => wanted(c) && !closeIfStale(qs, settings, c, now));
    // Customers held but not wanted under the flow the agent now works go back to the queue (they
    // were kept from every other agent until the hold lapsed, half an hour later).
    if (!task && flow) for (const phone of new Set(held.filter((c) => !wanted(c)).map((c) => c.phone))) qs.releaseCustomer.run({ agent: agentId, phone });
    const servable = (c: CandidateRow) => (!flow || c.flow === flow) && !unservable(qs, settings, c, now, agentId, stale);
    // The first candidate nearly always serves: read the rest only when it does not.
    const pick = <P extends object>(q: Statement<[P], CandidateRow>, params: P): CandidateRow | undefined => {
      const first = q.get(params);
      if (!first) return undefined;
      return servable(first) ? first : q.all(params).find(servable);
    };
    if (!task) task = pick(qs.callbacksDue, { now: nowIso, stale });
    for (const f of flow ? [flow] : settings.flowPriority) {
      if (task) break;
      // Within a flow: recover serves the freshest lead, the rest the longest waiting.
      task = f === 'recover' ? pick(qs.freshestRecover, { now: nowIso, stale }) : pick(qs.oldestDue, { flow: f, now: nowIso, stale });
    }
  }
  if (task) {
    const order = os.byId.get(task.order_id)!;
    const { phone } = order;
    // Fix: the customer's other matters that can never be served are closed now, so that the
    // card does not list them (they were listed, then dropped or handed out after this one).
    const matters = qs.matters.all({ phone }).filter((m) => m.id === task!.id || !closeIfStale(qs, settings, m, now));
    // Fix: the claim used to be taken only when the task was not already this agent's, so a
    // held card shown again after the claim timeout kept its stale claim and a second agent
    // was handed the same customer. Handing a card out always (re)claims it, as of now.
    qs.claimCustomer.run({ phone, agent: agentId, now: nowIso, stale });
    card = buildCard(os, task, order, matters, now);
  }
  return {
    card,
    queue: queueStatus(qs, settings, now, agentId, !card, flow),
  };
}

/**
 * A customer on the line — they called in, or called back after a missed call: their card now,
 * whatever the queue's order, the matter's due time or the calling hours. Found by order number or
 * by phone number as people write it (+86, dashes, spaces, full-width digits). Every open matter of
 * the customer is claimed; the card the agent held stays theirs and comes back after this call.
 */
export function takeCall(ctx: CoreContext, qs: QueueStatements, os: OrderStatements, agentId: string, query: string): NextCardResult {
  const now = ctx.now();
  const settings = loadSettings(ctx.db);
  const nowIso = now.toISOString();
  const stale = addMinutes(now, -settings.claimTimeoutMinutes).toISOString();
  const asked = query.trim();
  // Order numbers are read out and typed in lower case too ("dd2026…").
  const byNo = os.byNo.get(asked) ?? os.byNo.get(asked.toUpperCase());
  const phone = byNo?.phone ?? readPhone(asked)?.phone;
  const known = byNo ?? (phone ? os.samePhone.all(phone, '')[0] : undefined);
  if (!phone || !known) throw new CallcardError('call_not_found', { query: asked });
  const holder = qs.customerHolder.get({ phone, agent: agentId, stale });
  if (holder) throw new CallcardError(holder.name ? 'call_held_by' : 'call_held', { agent: holder.name ?? '', orderNo: known.order_no });
  const matters = qs.matters.all({ phone }).filter((m) => !closeIfStale(qs, settings, m, now));
  if (matters.length === 0) throw new CallcardError('call_nothing_open', { orderNo: known.order_no });
  // The matter of the order asked for; else as the queue would take them: a callback first, then the earliest due.
  const task =
    (byNo && matters.find((m) => m.order_id === byNo.id)) ?? matters.find((m) => m.is_callback === 1) ?? matters[0];
  qs.claimCustomer.run({ phone, agent: agentId, now: nowIso, stale });
  // Calling before the time agreed, the customer is that callback now (a reload shows it again).
  if (task.is_callback === 1 && task.due_at > nowIso) {
    qs.callbackNow.run({ id: task.id, now: nowIso });
    task.due_at = nowIso;
  }
  const card = buildCard(os, task, os.byId.get(task.order_id)!, matters, now);
  return { card, queue: queueStatus(qs, settings, now, agentId, false) };
}
