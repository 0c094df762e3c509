import { uuidv7 } from 'uuidv7';
import type { Corrections, RecordOutcomeResult } from '../../shared/contract';
import { STATUS_AFTER_EFFECT, VERIFY_OUTCOME_RULES, type Flow, type VerifyOutcome } from '../../shared/domain';
import { CallcardError } from '../../shared/errors';
import type { RetryRung } from '../../shared/settings';
import { addMinutes, nextMorning } from '../../shared/time';
import type { CoreContext } from './context';
import type { Db } from './db/open';
import { normalisePhone } from './import/normalise';
import { toView, type OrderLineRow, type OrderRow, type OrderStatements } from './orders';
import { enqueueOutbox } from './outbox';
import { nextCard, type QueueStatements } from './queue';
import { loadSettings } from './settings';

export interface RecordOutcomeInput {
  taskId: string;
  outcome: VerifyOutcome;
  note?: string;
  corrections?: Corrections;
  callbackAt?: string;
  startedAt?: string;
  nextFlow?: Flow;
}

export function outcomeStatements(db: Db) {
  return {
    insertOutcome: db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, note, agent_id, attempt,
         started_at, created_at, callback_at, details)
       VALUES (@id, @task_id, @order_id, @flow, @outcome, @reached, @note, @agent_id, @attempt,
         @started_at, @created_at, @callback_at, @details)`,
    ),
    updateTask: db.prepare(
      `UPDATE call_tasks SET state = @state, due_at = @due_at, is_callback = @is_callback, attempts = @attempts,
         unanswered = @unanswered, claimed_by = NULL, claimed_at = NULL, last_outcome = @last_outcome,
         closed_at = @closed_at WHERE id = @id`,
    ),
    updateOrder: db.prepare(
      `UPDATE order_lines SET package = @package, quantity = @quantity, amount_fen = @line_amount
       WHERE order_id = @id AND position = 0`,
    ),
    setOrder: db.prepare(
      `UPDATE orders SET status = @status, customer_name = @customer_name, phone = @phone, province = @province,
         city = @city, district = @district, address = @address, amount_fen = @amount_fen, updated_at = @updated_at
       WHERE id = @id`,
    ),
  };
}
export type OutcomeStatements = ReturnType<typeof outcomeStatements>;

/** When an unanswered call is tried again; null when the ladder is used up. */
export function retryDueAt(ladder: RetryRung[], unansweredSoFar: number, now: Date, timeZone: string): Date | null {
  const rung = ladder[unansweredSoFar - 1];
  if (!rung) return null;
  return 'minutes' in rung ? addMinutes(now, rung.minutes) : nextMorning(now, timeZone, rung.nextMorningAt);
}

/**
 * A corrected phone is stored the way an import stores phones (+86, spaces and dashes removed),
 * so that the card's same-customer lookups, which match phones exactly, still find this order.
 * Text that is no dialable number is refused like any other invalid argument, naming the field.
 */
function normaliseCorrections(corrections: Corrections | undefined): Corrections | undefined {
  if (corrections?.phone === undefined) return corrections;
  const phone = normalisePhone(corrections.phone);
  if (!phone) throw new CallcardError('invalid_arguments', { method: 'recordOutcome', details: 'corrections.phone: bad_phone' });
  return { ...corrections, phone };
}

const ORDER_FIELD_COLUMNS = {
  customerName: 'customer_name',
  phone: 'phone',
  province: 'province',
  city: 'city',
  district: 'district',
  address: 'address',
  amountFen: 'amount_fen',
} as const satisfies Partial<Record<keyof Corrections, keyof OrderRow>>;

/**
 * Records what happened on a call and acts on it, in one transaction: the append-only outcome,
 * the task (closed, retried on the ladder, or scheduled as a callback), the order's status and any
 * corrections (old values kept in the order history), and the outbox entries for the server.
 * Returns the next card so the agent never waits between calls.
 */
export function recordOutcome(
  ctx: CoreContext,
  st: { orders: OrderStatements; queue: QueueStatements; outcomes: OutcomeStatements },
  agentId: string,
  input: RecordOutcomeInput,
): RecordOutcomeResult {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const rule = VERIFY_OUTCOME_RULES[input.outcome];
  if (input.corrections && input.outcome !== 'corrected') throw new CallcardError('corrections_only_when_corrected');
  const corrections = normaliseCorrections(input.corrections);
  const settings = loadSettings(ctx.db);
  const outcomeId = uuidv7();

  // The outcome, its effects and the claim of the next card are one transaction.
  return ctx.db.transaction((): RecordOutcomeResult => {
    const task = st.queue.task.get(input.taskId);
    if (!task) throw new CallcardError('task_not_found', { taskId: input.taskId });
    if (task.state !== 'open') throw new CallcardError('task_closed');
    const staleBefore = addMinutes(now, -settings.claimTimeoutMinutes).toISOString();
    if (task.claimed_by && task.claimed_by !== agentId && task.claimed_at! >= staleBefore) {
      throw new CallcardError('task_claimed_elsewhere');
    }
    const order = st.orders.byId.get(task.order_id)!;
    const lines = st.orders.lines.all(order.id);
    const history = (field: string, oldValue: unknown, newValue: unknown) =>
      st.orders.insertHistory.run({
        id: uuidv7(),
        order_id: order.id,
        at: nowIso,
        agent_id: agentId,
        source: 'call',
        field,
        old_value: oldValue == null ? null : String(oldValue),
        new_value: newValue == null ? null : String(newValue),
      });

    // Corrections: edit in place, keep the old values in the history.
    const next: OrderRow = { ...order };
    const nextLine: OrderLineRow | undefined = lines[0] ? { ...lines[0] } : undefined;
    if (corrections) {
      for (const [field, column] of Object.entries(ORDER_FIELD_COLUMNS) as [keyof typeof ORDER_FIELD_COLUMNS, keyof OrderRow][]) {
        const value = corrections[field];
        if (value !== undefined && value !== order[column]) {
          history(field, order[column], value);
          (next as unknown as Record<string, unknown>)[column] = value;
        }
      }
      if (nextLine) {
        const c = corrections;
        if (c.package !== undefined && c.package !== nextLine.package) {
          history('package', nextLine.package, c.package);
          nextLine.package = c.package;
        }
        if (c.quantity !== undefined && c.quantity !== nextLine.quantity) {
          history('quantity', nextLine.quantity, c.quantity);
          nextLine.quantity = c.quantity;
        }
        // A single-line order's line carries the whole amount.
        if (c.amountFen !== undefined && lines.length === 1) nextLine.amount_fen = c.amountFen;
      }
    }

    // The task.
    const attempts = task.attempts + 1;
    let unanswered = task.unanswered;
    let state: 'open' | 'done' = 'done';
    let dueAt = task.due_at;
    let isCallback = 0;
    let status = STATUS_AFTER_EFFECT[rule.effect];
    if (rule.effect === 'retry') {
      unanswered += 1;
      const retryAt = retryDueAt(settings.verifyRetryLadder, unanswered, now, settings.businessTimeZone);
      if (retryAt) {
        state = 'open';
        dueAt = retryAt.toISOString();
      } else {
        status = 'unreachable';
      }
    } else if (rule.effect === 'callback') {
      if (!input.callbackAt || new Date(input.callbackAt).getTime() <= now.getTime()) {
        throw new CallcardError('callback_in_past');
      }
      state = 'open';
      dueAt = new Date(input.callbackAt).toISOString();
      isCallback = 1;
    }
    if (status && status !== order.status) {
      history('status', order.status, status);
      next.status = status;
    }
    next.updated_at = nowIso;

    st.outcomes.insertOutcome.run({
      id: outcomeId,
      task_id: task.id,
      order_id: order.id,
      flow: task.flow,
      outcome: input.outcome,
      reached: rule.reached ? 1 : 0,
      note: input.note ?? '',
      agent_id: agentId,
      attempt: attempts,
      started_at: input.startedAt ? new Date(input.startedAt).toISOString() : null,
      created_at: nowIso,
      callback_at: isCallback ? dueAt : null,
      details: JSON.stringify(corrections ? { corrections } : {}),
    });
    st.outcomes.updateTask.run({
      id: task.id,
      state,
      due_at: dueAt,
      is_callback: isCallback,
      attempts,
      unanswered,
      last_outcome: input.outcome,
      closed_at: state === 'done' ? nowIso : null,
    });
    st.outcomes.setOrder.run(next);
    if (nextLine) st.outcomes.updateOrder.run({ id: order.id, package: nextLine.package, quantity: nextLine.quantity, line_amount: nextLine.amount_fen });

    enqueueOutbox(ctx.db, 'call_outcome', outcomeId, 'append', {
      id: outcomeId, taskId: task.id, orderNo: order.order_no, flow: task.flow, outcome: input.outcome,
      reached: rule.reached, note: input.note ?? '', agentId, attempt: attempts, createdAt: nowIso,
      callbackAt: isCallback ? dueAt : null, corrections: corrections ?? null,
    }, now);
    enqueueOutbox(ctx.db, 'call_task', task.id, 'upsert', { id: task.id, orderNo: order.order_no, flow: task.flow, state, dueAt, attempts, unanswered }, now);
    enqueueOutbox(ctx.db, 'order', order.id, 'upsert', toView(next, nextLine ? [nextLine, ...lines.slice(1)] : lines), now);
    return { outcomeId, ...nextCard(ctx, st.queue, st.orders, agentId, input.nextFlow) };
  })();
}
