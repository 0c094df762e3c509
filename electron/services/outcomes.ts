import { uuidv7 } from './ids';
import { nextCallingTime, retryAt } from '../../shared/calling';
import type { z } from 'zod';
import type { AcceptedOffer, Corrections, RecordOutcomeArgs, RecordOutcomeResult } from '../../shared/contract';
import type { Flow, OrderStatus } from '../../shared/domain';
import { CallcardError } from '../../shared/errors';
import { outcomeDef, REASON_LISTS, takesAlsoOutcomes, type AlsoOnRevisit, type OutcomeDef } from '../../shared/outcomes';
import { ladderFor, type Settings } from '../../shared/settings';
import { addMinutes } from '../../shared/time';
import type { CoreContext } from './context';
import { atomically, type Db } from './db/open';
import { prepared } from './db/statements';
import { normalisePhone } from './import/normalise';
import { type OrderLineRow, type OrderRow, type OrderStatements } from './orders';
import { enqueueOrderChange, enqueueOutbox } from './outbox';
import { cardScript } from './packs/store';
import { addressKey } from '../../shared/risk/address';
import { FLOW_STATUSES, nextCard, type QueueStatements } from './queue';
import { riskAfterOutcome, shippingHold } from './risk/screen';
import { holdForBalance } from './risk/decisions';
import { translator } from '../../shared/i18n';
import { loadSettings } from './settings';

/** What recordOutcome takes: the contract's arguments, as every door validates them. */

/** Outcomes that say the number itself does not reach the buyer. */
const NUMBER_UNUSABLE: ReadonlySet<string> = new Set(['wrong_person', 'empty_number']);
export type RecordOutcomeInput = z.output<typeof RecordOutcomeArgs>;

export function outcomeStatements(db: Db) {
  return {
    insertOutcome: db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, note, agent_id, attempt,
         started_at, created_at, callback_at, reason_code, dialed_at, handle_ms, talk_ms, amount_fen, details,
         script_pack_id, script_version, script_path)
       VALUES (@id, @task_id, @order_id, @flow, @outcome, @reached, @note, @agent_id, @attempt,
         @started_at, @created_at, @callback_at, @reason_code, @dialed_at, @handle_ms, @talk_ms, @amount_fen, @details,
         @script_pack_id, @script_version, @script_path)`,
    ),
    updateTask: db.prepare(
      `UPDATE call_tasks SET state = @state, due_at = @due_at, is_callback = @is_callback, attempts = @attempts,
         unanswered = @unanswered, claimed_by = @claimed_by, claimed_at = @claimed_at, last_outcome = @last_outcome,
         closed_at = @closed_at WHERE id = @id`,
    ),
    updateLine: db.prepare(
      'UPDATE order_lines SET package = @package, quantity = @quantity, amount_fen = @amount_fen WHERE order_id = @order_id AND position = @position',
    ),
    insertLine: db.prepare(
      `INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen)
       VALUES (@id, @order_id, @position, @product, @package, @quantity, @amount_fen)`,
    ),
    openTaskOfFlow: db.prepare<{ order_id: string; flow: Flow }, { id: string }>(
      "SELECT id FROM call_tasks INDEXED BY call_tasks_order WHERE order_id = @order_id AND flow = @flow AND state = 'open' LIMIT 1",
    ),
    insertTask: db.prepare(
      `INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (@id, @order_id, @flow, 'open', @due_at, @created_at)`,
    ),
    /** The customer's other open matters this agent holds (claimed with the card, for the same call). */
    heldSiblings: db.prepare<{ phone: string; agent: string; id: string }, { id: string; flow: Flow; due_at: string; order_no: string }>(
      `SELECT t.id, t.flow, t.due_at, o.order_no FROM orders o CROSS JOIN call_tasks t INDEXED BY call_tasks_order ON t.order_id = o.id
       WHERE o.phone = @phone AND t.state = 'open' AND t.claimed_by = @agent AND t.id != @id`,
    ),
    deferTask: db.prepare<{ id: string; due_at: string }>(
      'UPDATE call_tasks SET due_at = @due_at, claimed_by = NULL, claimed_at = NULL WHERE id = @id',
    ),
  };
}
export type OutcomeStatements = ReturnType<typeof outcomeStatements>;

const ORDER_FIELD_COLUMNS = {
  customerName: 'customer_name',
  phone: 'phone',
  province: 'province',
  city: 'city',
  district: 'district',
  address: 'address',
} as const satisfies Partial<Record<keyof Corrections, keyof OrderRow>>;

/**
 * When unanswered calls run out: a verify order without a reachable buyer must not ship; a parcel
 * stuck with the courier whose buyer cannot be reached goes back — the track case's final result is
 * a refusal (the reports count it with the refusal reason "unreachable").
 */
const STATUS_WHEN_EXHAUSTED: Partial<Record<Flow, OrderStatus>> = { verify: 'unreachable', track: 'refused' };

function bad(details: string): CallcardError {
  return new CallcardError('invalid_arguments', { method: 'recordOutcome', details });
}

/**
 * A corrected phone is stored the way an import stores phones (+86, spaces and dashes removed),
 * so that the card's same-customer lookups, which match phones exactly, still find this order.
 */
function normaliseCorrections(corrections: Corrections | undefined): Corrections | undefined {
  if (corrections?.phone === undefined) return corrections;
  const phone = normalisePhone(corrections.phone);
  if (!phone) throw bad('corrections.phone: bad_phone');
  return { ...corrections, phone };
}

export function allowedReasons(settings: Settings, list: keyof typeof REASON_LISTS): string[] {
  return [...REASON_LISTS[list], ...(settings.extraReasons[list] ?? [])];
}

/** Checks that the outcome carries exactly what its catalogue entry requires. */
function checkInputs(def: OutcomeDef, input: RecordOutcomeInput, settings: Settings, now: Date): void {
  const requires = new Set(def.requires ?? []);
  if (input.corrections && !requires.has('corrections') && !def.accepts?.includes('corrections')) throw new CallcardError('corrections_only_when_corrected');
  // Fix: an input the outcome does not take used to be accepted and acted on — an offer on a
  // 'confirmed' call rewrote the order's lines and amount as a verify outcome (revenue no report
  // counts as upsold), a compensation or refund on any outcome was stored as its amount.
  for (const field of ['offer', 'station', 'compensationFen', 'refundFen', 'callbackAt'] as const) {
    if (input[field] !== undefined && !requires.has(field)) throw bad(`${field}: not taken by ${def.code}`);
  }
  if (requires.has('offer') && !input.offer) throw bad('offer: required');
  if (requires.has('station') && !input.station) throw bad('station: required');
  if (requires.has('compensationFen') && input.compensationFen === undefined) throw bad('compensationFen: required');
  if (requires.has('refundFen') && input.refundFen === undefined) throw bad('refundFen: required');
  if (requires.has('callbackAt') && (!input.callbackAt || new Date(input.callbackAt).getTime() <= now.getTime())) {
    throw new CallcardError('callback_in_past');
  }
  if (def.reasons) {
    if (!input.reasonCode) throw new CallcardError('reason_required');
    if (!allowedReasons(settings, def.reasons).includes(input.reasonCode)) throw new CallcardError('unknown_reason', { reason: input.reasonCode });
  } else if (input.reasonCode) {
    throw bad('reasonCode: this outcome takes no reason');
  }
  if (input.alsoOutcomes?.length) {
    const also = input.alsoOutcomes;
    if (!takesAlsoOutcomes(def.code)) throw new CallcardError('also_needs_revisit_result');
    if (also.includes(def.code as AlsoOnRevisit) || new Set(also).size !== also.length) throw bad('alsoOutcomes: each once, and not the outcome itself');
  }
  if (input.inCallUpsell) {
    if (def.code !== 'confirmed' && def.code !== 'corrected') throw new CallcardError('upsell_needs_confirmed_order');
    const u = input.inCallUpsell;
    if (u.outcome === 'upsell_accepted' && !u.offer) throw bad('inCallUpsell.offer: required');
    if (u.outcome === 'upsell_declined') {
      if (!u.reasonCode) throw new CallcardError('reason_required');
      if (!allowedReasons(settings, 'upsellDecline').includes(u.reasonCode)) throw new CallcardError('unknown_reason', { reason: u.reasonCode });
    }
  }
}

/**
 * Records what happened on a call and acts on it, in one transaction, as the outcome catalogue
 * says: the append-only outcome, the task (closed, retried on the flow's ladder within calling
 * hours, or scheduled as a callback), the order's status, any corrections or accepted offer (old
 * values kept in the order history), follow-up tasks, and the outbox entries for the server.
 * Returns the next card — the same customer's next open matter first — so the agent never waits.
 */
export function recordOutcome(
  ctx: CoreContext,
  st: { orders: OrderStatements; queue: QueueStatements; outcomes: OutcomeStatements },
  agentId: string,
  input: RecordOutcomeInput,
): RecordOutcomeResult {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const def = outcomeDef(input.outcome);
  const settings = loadSettings(ctx.db);
  checkInputs(def, input, settings, now);
  const corrections = normaliseCorrections(input.corrections);
  // What else the call achieved (a revisit tick, an in-call upsell) takes ids before the call's own
  // result: listed newest first (the card's past calls, the drawer), the main result reads above them.
  const alsoIds = (input.alsoOutcomes ?? []).map(() => uuidv7());
  const upsellId = input.inCallUpsell ? uuidv7() : '';
  const outcomeId = uuidv7();

  return atomically(ctx.db, (): RecordOutcomeResult => {
    const task = st.queue.task.get(input.taskId);
    if (!task) throw new CallcardError('task_not_found', { taskId: input.taskId });
    const order = st.orders.byId.get(task.order_id)!;
    // This card's outcome is already in (from another window, or a key that bounced): not twice.
    if (input.attempts !== undefined && task.attempts !== input.attempts) throw new CallcardError('card_already_recorded', { orderNo: order.order_no });
    // The order may have moved on since the card was handed out (a later export, a lead's
    // rejection, another door). A closed task the card saw open (no call since) was closed by such a
    // change: said as such, not as a card already done.
    const movedOn = !FLOW_STATUSES[task.flow].includes(order.status);
    if (task.state !== 'open') throw new CallcardError(movedOn && input.attempts !== undefined ? 'order_moved_on' : 'task_closed', { orderNo: order.order_no });
    if (!def.flows.includes(task.flow)) throw new CallcardError('outcome_not_for_flow', { outcome: def.code, flow: task.flow });
    const staleBefore = addMinutes(now, -settings.claimTimeoutMinutes).toISOString();
    if (task.claimed_by && task.claimed_by !== agentId && task.claimed_at! >= staleBefore) {
      throw new CallcardError('task_claimed_elsewhere');
    }
    if (movedOn) throw new CallcardError('order_moved_on', { orderNo: order.order_no });
    if (input.orderUpdatedAt !== undefined && order.updated_at !== input.orderUpdatedAt) throw new CallcardError('order_changed', { orderNo: order.order_no });
    // Compensation or a refund above what the order is worth is a typo (300 for 30), not a gesture.
    const given = input.compensationFen ?? input.refundFen;
    if (given !== undefined && given > order.amount_fen) {
      throw new CallcardError('money_over_order', { amount: (given / 100).toFixed(2), orderAmount: (order.amount_fen / 100).toFixed(2), orderNo: order.order_no });
    }
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

    const next: OrderRow = { ...order };
    const nextLines: OrderLineRow[] = lines.map((l) => ({ ...l }));
    const changedLines = new Set<number>();
    const newLines: OrderLineRow[] = [];

    // Corrections: edit in place, keep the old values in the history.
    if (corrections) {
      for (const [field, column] of Object.entries(ORDER_FIELD_COLUMNS) as [keyof typeof ORDER_FIELD_COLUMNS, keyof OrderRow][]) {
        const value = corrections[field];
        if (value !== undefined && value !== order[column]) {
          history(field, order[column], value);
          (next as unknown as Record<string, unknown>)[column] = value;
        }
      }
      const first = nextLines[0];
      if (first) {
        if (corrections.package !== undefined && corrections.package !== first.package) {
          history('package', first.package, corrections.package);
          first.package = corrections.package;
          changedLines.add(0);
        }
        if (corrections.quantity !== undefined && corrections.quantity !== first.quantity) {
          history('quantity', first.quantity, corrections.quantity);
          first.quantity = corrections.quantity;
          changedLines.add(0);
        }
      }
      if (corrections.amountFen !== undefined && corrections.amountFen !== order.amount_fen) {
        history('amountFen', order.amount_fen, corrections.amountFen);
        next.amount_fen = corrections.amountFen;
        // A single-line order's line carries the whole amount.
        if (first && nextLines.length === 1) {
          first.amount_fen = corrections.amountFen;
          changedLines.add(0);
        }
      }
    }

    // An accepted upsell adds its lines and moves the total to the offer's.
    const applyOffer = (offer: AcceptedOffer): number => {
      const added = offer.addLines.reduce((sum, l) => sum + l.amountFen, 0);
      if (next.amount_fen + added !== offer.newTotalFen) {
        throw new CallcardError('offer_total_mismatch', { offer: offer.title, expected: next.amount_fen + added, given: offer.newTotalFen });
      }
      const before = `${next.amount_fen}`;
      for (const l of offer.addLines) {
        const position = nextLines.length + newLines.length;
        newLines.push({ order_id: order.id, position, product: l.product, package: l.package, quantity: l.quantity, amount_fen: l.amountFen });
        history('lines', null, `${l.product} ${l.package} ×${l.quantity}`);
      }
      history('amountFen', before, offer.newTotalFen);
      next.amount_fen = offer.newTotalFen;
      return added;
    };

    // The task.
    const attempts = task.attempts + 1;
    let unanswered = task.unanswered;
    let state: 'open' | 'done' = 'done';
    let dueAt = task.due_at;
    let isCallback = 0;
    let exhausted = false;
    let status: OrderStatus | undefined = def.orderStatus;
    if (def.task === 'retry') {
      unanswered += 1;
      const at = retryAt(ladderFor(settings, task.flow), unanswered, now, settings.businessTimeZone, settings.callingHours);
      if (at) {
        state = 'open';
        dueAt = at.toISOString();
      } else {
        exhausted = true;
        status = STATUS_WHEN_EXHAUSTED[task.flow];
      }
    } else if (def.task === 'schedule') {
      state = 'open';
      dueAt = new Date(input.callbackAt!).toISOString();
      isCallback = 1;
    }

    let amountFen: number | null = null;
    let upsellAddedFen = 0;
    if (input.offer) amountFen = upsellAddedFen = applyOffer(input.offer);
    if (input.compensationFen !== undefined) amountFen = input.compensationFen;
    if (input.refundFen !== undefined) amountFen = input.refundFen;

    if (status && status !== order.status) {
      history('status', order.status, status);
      next.status = status;
    }
    // A lead won back is won back to cash on delivery (the recover script's offer): an unpaid or
    // cancelled online order was never paid, and must not ship as if it had been.
    if (def.code === 'recovered' && order.payment_method === 'online') {
      history('paymentMethod', 'online', 'cod');
      next.payment_method = 'cod';
    }
    next.updated_at = nowIso;

    const timing = {
      started_at: input.startedAt ? new Date(input.startedAt).toISOString() : null,
      dialed_at: input.dialedAt ? new Date(input.dialedAt).toISOString() : null,
      handle_ms: input.startedAt ? Math.max(0, now.getTime() - Date.parse(input.startedAt)) : null,
      talk_ms: input.dialedAt ? Math.max(0, now.getTime() - Date.parse(input.dialedAt)) : null,
    };
    // A call recorded before the card's script arrived (a fast agent, a slow machine) still counts
    // for the pack in force for this order's card, with no steps taken.
    const script = input.scriptPackId
      ? { packId: input.scriptPackId, version: input.scriptVersion ?? null, path: input.scriptPath ?? [] }
      : scriptInForce(ctx.db, lines[0]?.product, task.flow);
    const details: Record<string, unknown> = {};
    if (corrections) details.corrections = corrections;
    if (input.offer) details.offer = input.offer;
    if (input.station) details.station = input.station;
    if (exhausted) details.exhausted = true;
    if (input.inbound) details.inbound = true;
    st.outcomes.insertOutcome.run({
      id: outcomeId,
      task_id: task.id,
      order_id: order.id,
      flow: task.flow,
      outcome: def.code,
      reached: def.reached ? 1 : 0,
      note: input.note ?? '',
      agent_id: agentId,
      attempt: attempts,
      created_at: nowIso,
      callback_at: isCallback ? dueAt : null,
      reason_code: input.reasonCode ?? null,
      amount_fen: amountFen,
      details: JSON.stringify(details),
      ...timing,
      script_pack_id: script?.packId ?? null,
      script_version: script?.version ?? null,
      script_path: script ? JSON.stringify(script.path) : null,
    });
    const outbox: Record<string, unknown>[] = [
      { id: outcomeId, taskId: task.id, orderNo: order.order_no, flow: task.flow, outcome: def.code, reached: def.reached,
        note: input.note ?? '', reasonCode: input.reasonCode ?? null, amountFen, agentId, attempt: attempts, createdAt: nowIso,
        callbackAt: isCallback ? dueAt : null, details,
        script },
    ];

    // What else the revisit call achieved: each its own result of this call (not another call).
    (input.alsoOutcomes ?? []).forEach((code, i) => {
      const alsoId = alsoIds[i]!;
      const alsoDetails = { alsoOnCall: true, ...(input.inbound ? { inbound: true } : {}) };
      st.outcomes.insertOutcome.run({
        id: alsoId, task_id: task.id, order_id: order.id, flow: task.flow, outcome: code, reached: 1, note: '',
        agent_id: agentId, attempt: attempts, created_at: nowIso, callback_at: null, reason_code: null,
        amount_fen: null, details: JSON.stringify(alsoDetails), ...timing,
        script_pack_id: null, script_version: null, script_path: null,
      });
      outbox.push({ id: alsoId, taskId: task.id, orderNo: order.order_no, flow: task.flow, outcome: code, reached: true, note: '',
        reasonCode: null, amountFen: null, agentId, attempt: attempts, createdAt: nowIso, callbackAt: null, details: alsoDetails });
    });

    // An upsell inside the verify call is its own outcome (flow upsell) on the same task.
    const u = input.inCallUpsell;
    let followUp: { id: string; payload: Record<string, unknown> } | null = null;
    if (u) {
      const added = u.offer && u.outcome === 'upsell_accepted' ? applyOffer(u.offer) : null;
      upsellAddedFen = added ?? 0;
      st.outcomes.insertOutcome.run({
        id: upsellId, task_id: task.id, order_id: order.id, flow: 'upsell', outcome: u.outcome, reached: 1, note: '',
        agent_id: agentId, attempt: attempts, created_at: nowIso, callback_at: null, reason_code: u.reasonCode ?? null,
        amount_fen: added, details: JSON.stringify(u.offer ? { offer: u.offer } : {}), ...timing,
        script_pack_id: null, script_version: null, script_path: null,
      });
      outbox.push({ id: upsellId, taskId: task.id, orderNo: order.order_no, flow: 'upsell', outcome: u.outcome, reached: true,
        reasonCode: u.reasonCode ?? null, amountFen: added, agentId, attempt: attempts, createdAt: nowIso });
    } else if ((def.code === 'confirmed' || def.code === 'corrected') && settings.upsellAfterVerify.enabled) {
      // No upsell was tried on the verify call: offer it on a call of its own later.
      if (!st.outcomes.openTaskOfFlow.get({ order_id: order.id, flow: 'upsell' })) {
        const due = nextCallingTime(addMinutes(now, settings.upsellAfterVerify.delayMinutes), settings.businessTimeZone, settings.callingHours);
        const taskId = uuidv7();
        st.outcomes.insertTask.run({ id: taskId, order_id: order.id, flow: 'upsell', due_at: due.toISOString(), created_at: nowIso });
        // Fix: its outbox entry used to be written here, before the outcome and the order's
        // 'verified' status; a partial push could then hand the server an upsell task for an
        // order it still saw as pending. It is now queued last (below), after what caused it.
        followUp = { id: taskId, payload: { id: taskId, orderNo: order.order_no, flow: 'upsell', state: 'open', dueAt: due.toISOString() } };
      }
    }

    // This matter is released (a retry or callback goes back to the queue); the customer's other
    // open matters stay with this agent, so the next card settles them on the same call.
    st.outcomes.updateTask.run({
      id: task.id,
      state,
      due_at: dueAt,
      is_callback: isCallback,
      attempts,
      unanswered,
      claimed_by: null,
      claimed_at: null,
      last_outcome: exhausted ? 'exhausted' : def.code,
      closed_at: state === 'done' ? nowIso : null,
    });
    const changedColumns = (Object.keys(order) as (keyof OrderRow)[]).filter((k) => k !== 'updated_at' && next[k] !== order[k]);
    const orderChanged = changedColumns.length > 0;
    if (state === 'open') deferSiblings(ctx.db, st.outcomes, { phone: order.phone, agentId, taskId: task.id, until: dueAt, now });
    else if (exhausted || NUMBER_UNUSABLE.has(def.code)) {
      // This matter is closed; the others wait one step of the ladder before they are tried. So do
      // they when the call just found the number empty or someone else's: the same number must not
      // come straight back as the next card (an agent was handed it again at once).
      const step = retryAt(ladderFor(settings, task.flow), 1, now, settings.businessTimeZone, settings.callingHours) ?? addMinutes(now, 30);
      deferSiblings(ctx.db, st.outcomes, { phone: order.phone, agentId, taskId: task.id, until: step.toISOString(), now });
    }
    // A changed line (package, quantity) is a change of the order too: its version moves with it.
    const moved = ADDRESS_COLUMNS.some((k) => next[k] !== order[k]);
    const oldKey = moved ? addressKey(order.province, order.city, order.district, order.address) : null;
    const newKey = moved ? addressKey(next.province, next.city, next.district, next.address) : (order.address_key ?? null);
    if (orderChanged || changedLines.size || newLines.length) {
      setOrder(ctx.db, { ...next, address_key: newKey }, moved ? [...changedColumns, 'address_key'] : changedColumns);
    }
    for (const i of changedLines) st.outcomes.updateLine.run(nextLines[i]);
    for (const l of newLines) st.outcomes.insertLine.run({ id: uuidv7(), ...l });
    // A confirmation lifts a high-risk hold; corrected details and status changes are screened again.
    const detailsChanged = changedColumns.some((k) => k !== 'status') || changedLines.size > 0 || newLines.length > 0;
    riskAfterOutcome(ctx.db, { orderId: order.id, outcome: def.code, agentId, now, formerKey: moved && oldKey !== newKey ? oldKey : null, detailsChanged,
      previousUpdatedAt: order.updated_at });
    // Paid online, now with more on it: held until the balance is in (decisions.ts holdForBalance).
    if (next.payment_method === 'online' && upsellAddedFen > 0) {
      const amount = (upsellAddedFen / 100).toFixed(2);
      holdForBalance(ctx, { orderId: order.id, agentId, reason: translator(settings.language)('risk.balanceDue', { amount }), now });
    }
    // A lead won back that screening holds (a high risk, or cash on delivery where only online
    // payment goes) does not ship on the recover call's word: like a new order it waits for a
    // verify call with the risk in view. (It used to sit verified and held, with no call to come.)
    if (def.code === 'recovered' && shippingHold(ctx.db, order.id)) {
      history('status', next.status, 'pending_verify');
      next.status = 'pending_verify';
      setOrder(ctx.db, { ...next, address_key: newKey }, ['status']);
      if (!st.outcomes.openTaskOfFlow.get({ order_id: order.id, flow: 'verify' })) {
        const taskId = uuidv7();
        st.outcomes.insertTask.run({ id: taskId, order_id: order.id, flow: 'verify', due_at: nowIso, created_at: nowIso });
        followUp = { id: taskId, payload: { id: taskId, orderNo: order.order_no, flow: 'verify', state: 'open', dueAt: nowIso } };
      }
    }

    for (const o of outbox) enqueueOutbox(ctx.db, 'call_outcome', String(o.id), 'append', o, now);
    enqueueOutbox(ctx.db, 'call_task', task.id, 'upsert', { id: task.id, orderNo: order.order_no, flow: task.flow, state, dueAt, attempts, unanswered }, now);
    if (orderChanged || changedLines.size || newLines.length) {
      enqueueOrderChange(ctx.db, order.id, next.updated_at, now);
    }
    if (followUp) enqueueOutbox(ctx.db, 'call_task', followUp.id, 'upsert', followUp.payload, now);
    return { outcomeId, ...(state === 'open' ? { nextAttemptAt: dueAt } : {}), ...nextCard(ctx, st.queue, st.orders, agentId, input.nextFlow, { phone: next.phone }) };
  });
}

/**
 * Not reached, or asked to be called back later: the customer's other matters this agent holds wait
 * with this one until `until` (or their own later time), unclaimed. (They used to come up next, on
 * the same unanswered phone, each unanswered card counting against them: a customer with two orders
 * was written off within a minute.)
 */
function deferSiblings(db: Db, st: OutcomeStatements, a: { phone: string; agentId: string; taskId: string; until: string; now: Date }): void {
  for (const m of st.heldSiblings.all({ phone: a.phone, agent: a.agentId, id: a.taskId })) {
    const due = m.due_at > a.until ? m.due_at : a.until;
    st.deferTask.run({ id: m.id, due_at: due });
    enqueueOutbox(db, 'call_task', m.id, 'upsert', { id: m.id, orderNo: m.order_no, flow: m.flow, state: 'open', dueAt: due }, a.now);
  }
}

/**
 * Writes the columns a call changed (and the version). Only those: an index over a column that is
 * set is rewritten even when its value stays, and a plain confirmation changes the status alone.
 */
function setOrder(db: Db, next: OrderRow, columns: readonly (keyof OrderRow)[]): void {
  const sets = [...columns, 'updated_at'].map((c) => `${c} = @${c}`).join(', ');
  const params: Record<string, unknown> = { id: next.id };
  for (const c of [...columns, 'updated_at'] as const) params[c] = next[c];
  prepared(db, `UPDATE orders SET ${sets} WHERE id = @id`).run(params);
}

/** The order columns an address key is made of. */
const ADDRESS_COLUMNS = ['province', 'city', 'district', 'address'] as const satisfies readonly (keyof OrderRow)[];

/** End of shift: the agent's held cards go back to the queue. */
export function releaseCards(st: { queue: QueueStatements }, agentId: string): { released: number } {
  return { released: st.queue.release.run({ agent: agentId }).changes };
}

function scriptInForce(db: Db, product: string | undefined, flow: Flow): { packId: string; version: string; path: [] } | null {
  const found = cardScript(db, product, flow);
  return found ? { packId: found.packId, version: found.version, path: [] } : null;
}
