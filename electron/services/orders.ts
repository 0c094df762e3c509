import type { CourierView, HistoryEntry, OrderDetail, OrderList, OrderSummary, OrderView, OutcomeView, RiskFilter, TaskView } from '../../shared/contract';
import type { Flow, OrderStatus, PaymentMethod } from '../../shared/domain';
import type { OutcomeCode } from '../../shared/outcomes';
import { CallcardError } from '../../shared/errors';
import { maskIp, maskNumbersIn, maskPhone, maskStreet } from '../../shared/mask';
import type { Db } from './db/open';
import { readPhone, toHalfWidth } from './import/normalise';

export interface OrderRow {
  id: string;
  order_no: string;
  status: OrderStatus;
  customer_name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  amount_fen: number;
  payment_method: PaymentMethod;
  ordered_at: string | null;
  source: string;
  ip: string | null;
  buyer_account: string | null;
  platform_status: string | null;
  created_at: string;
  updated_at: string;
  // Logistics and intake columns (migration 2); absent in rows built before they existed.
  waybill_no?: string | null;
  courier?: string | null;
  courier_status?: string | null;
  courier_event?: string | null;
  courier_at?: string | null;
  courier_reason?: string | null;
  courier_events?: string | null;
  courier_station?: string | null;
  status_at?: string | null;
  phone_flag?: string | null;
  /** The normalised address the risk rules group by (see shared/risk/address.ts). */
  address_key?: string | null;
}

export interface OrderLineRow {
  order_id: string;
  position: number;
  product: string;
  package: string;
  quantity: number;
  amount_fen: number;
}

/** "晚安冻膜 5盒 ×1" style text for lists and scripts. */
export function packageText(lines: Pick<OrderLineRow, 'product' | 'package' | 'quantity'>[]): string {
  return lines
    .map((l) => [l.product, l.package].filter(Boolean).join(' ') + (l.quantity > 1 ? ` ×${l.quantity}` : ''))
    .join(' + ');
}

export function toSummary(row: OrderRow, pkg: string): OrderSummary {
  return {
    id: row.id,
    orderNo: row.order_no,
    status: row.status,
    customerName: row.customer_name,
    phone: row.phone,
    province: row.province,
    city: row.city,
    district: row.district,
    address: row.address,
    amountFen: row.amount_fen,
    paymentMethod: row.payment_method,
    orderedAt: row.ordered_at,
    source: row.source,
    packageText: pkg,
  };
}

export function toView(row: OrderRow, lines: OrderLineRow[]): OrderView {
  return {
    ...toSummary(row, packageText(lines)),
    ip: row.ip,
    buyerAccount: row.buyer_account,
    lines: lines.map((l) => ({ product: l.product, package: l.package, quantity: l.quantity, amountFen: l.amount_fen })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.waybill_no || row.courier_status ? { courier: courierView(row) } : {}),
  };
}

/** What the courier said, from the order's logistics columns (filled by courier status imports). */
export function courierView(row: OrderRow): CourierView {
  let events: CourierView['events'];
  try {
    events = row.courier_events ? (JSON.parse(row.courier_events) as CourierView['events']) : [];
  } catch {
    // A damaged timeline is not worth failing the card for.
    events = [];
  }
  return {
    company: row.courier ?? null,
    waybillNo: row.waybill_no ?? null,
    status: row.courier_status ?? null,
    reason: row.courier_reason ?? null,
    statusAt: row.courier_at ?? null,
    station: row.courier_station ?? null,
    events,
  };
}

/** What an outcome view shows (toOutcomeView): not the stored details, timings or script path. */
const OUTCOME_VIEW_COLUMNS = 'c.id, c.task_id, c.order_id, c.flow, c.outcome, c.reached, c.note, c.reason_code, c.amount_fen, c.created_at, c.callback_at';

/** Prepared statements of the order store, compiled once per database. */
export function orderStatements(db: Db) {
  return {
    byId: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?'),
    byNo: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_no = ?'),
    lines: db.prepare<[string], OrderLineRow>('SELECT * FROM order_lines WHERE order_id = ? ORDER BY position'),
    samePhone: db.prepare<[string, string], OrderRow>(
      'SELECT * FROM orders WHERE phone = ? AND id != ? ORDER BY created_at DESC LIMIT 20',
    ),
    outcomesByPhone: db.prepare<[string], OutcomeJoinRow>(
      `SELECT ${OUTCOME_VIEW_COLUMNS}, o.order_no, a.name AS agent_name FROM orders o
       JOIN call_outcomes c ON c.order_id = o.id
       JOIN agents a ON a.id = c.agent_id
       WHERE o.phone = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 30`,
    ),
    outcomesByOrder: db.prepare<[string], OutcomeJoinRow>(
      `SELECT ${OUTCOME_VIEW_COLUMNS}, o.order_no, a.name AS agent_name FROM call_outcomes c
       JOIN orders o ON o.id = c.order_id
       JOIN agents a ON a.id = c.agent_id
       WHERE c.order_id = ? ORDER BY c.created_at DESC, c.id DESC`,
    ),
    history: db.prepare<[string], HistoryRow>(
      `SELECT h.*, a.name AS agent_name FROM order_history h LEFT JOIN agents a ON a.id = h.agent_id
       WHERE h.order_id = ? ORDER BY h.at DESC, h.id DESC`,
    ),
    tasks: db.prepare<[string], TaskRow>('SELECT * FROM call_tasks WHERE order_id = ? ORDER BY created_at'),
    insertHistory: db.prepare(
      `INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value)
       VALUES (@id, @order_id, @at, @agent_id, @source, @field, @old_value, @new_value)`,
    ),
  };
}
export type OrderStatements = ReturnType<typeof orderStatements>;

export interface OutcomeJoinRow {
  id: string;
  task_id: string;
  order_id: string;
  order_no: string;
  flow: Flow;
  outcome: OutcomeCode;
  reached: number;
  note: string;
  reason_code: string | null;
  amount_fen: number | null;
  agent_name: string;
  created_at: string;
  callback_at: string | null;
}

export interface HistoryRow {
  at: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  agent_name: string | null;
}

export interface TaskRow {
  id: string;
  order_id: string;
  flow: Flow;
  state: 'open' | 'done';
  due_at: string;
  is_callback: number;
  attempts: number;
  unanswered: number;
  claimed_by: string | null;
  claimed_at: string | null;
  last_outcome: string | null;
  created_at: string;
  closed_at: string | null;
}

export function toOutcomeView(r: OutcomeJoinRow): OutcomeView {
  return {
    id: r.id,
    orderId: r.order_id,
    orderNo: r.order_no,
    flow: r.flow,
    outcome: r.outcome,
    reached: r.reached === 1,
    note: r.note,
    reasonCode: r.reason_code,
    amountFen: r.amount_fen,
    agentName: r.agent_name,
    createdAt: r.created_at,
    callbackAt: r.callback_at,
  };
}

export function toHistoryEntry(r: HistoryRow): HistoryEntry {
  return {
    at: r.at,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
    agentName: r.agent_name,
  };
}

export function toTaskView(r: TaskRow): TaskView {
  return {
    id: r.id,
    flow: r.flow,
    state: r.state,
    dueAt: r.due_at,
    attempts: r.attempts,
    unanswered: r.unanswered,
    lastOutcome: r.last_outcome,
  };
}

export function getOrderDetail(st: OrderStatements, orderNo: string): OrderDetail {
  const row = st.byNo.get(orderNo);
  if (!row) throw new CallcardError('order_not_found', { orderNo });
  return {
    order: toView(row, st.lines.all(row.id)),
    tasks: st.tasks.all(row.id).map(toTaskView),
    outcomes: st.outcomesByOrder.all(row.id).map(toOutcomeView),
    history: st.history.all(row.id).map(toHistoryEntry),
  };
}

/** History fields that hold contact details, masked with them. */
const CONTACT_FIELDS: Readonly<Record<string, (v: string) => string>> = { phone: maskPhone, address: maskStreet };

/** An order's contact details as a session that does not call customers sees them: 138****8000, the street as ****. */
export function maskOrderContacts<T extends Pick<OrderSummary, 'phone' | 'address'>>(o: T): T {
  return { ...o, phone: maskPhone(o.phone), address: maskStreet(o.address) };
}

/** An order in full with its contact details masked; the buyer's account (often their number) and IP too. */
export function maskOrderView(o: OrderView): OrderView {
  return { ...maskOrderContacts(o), buyerAccount: o.buyerAccount && maskPhone(o.buyerAccount), ip: o.ip && maskIp(o.ip) };
}

/** The order's page with its contact details masked, in the history too (a corrected number keeps its old one there). */
export function maskOrderDetail(d: OrderDetail): OrderDetail {
  const history = d.history.map((h) => {
    const mask = CONTACT_FIELDS[h.field];
    return mask ? { ...h, oldValue: h.oldValue && mask(h.oldValue), newValue: h.newValue && mask(h.newValue) } : h;
  });
  // A number an agent wrote in a note ("换号了 139…") is masked as the order's own.
  const outcomes = d.outcomes.map((o) => (o.note ? { ...o, note: maskNumbersIn(o.note) } : o));
  return { ...d, order: maskOrderView(d.order), history, outcomes };
}

/** Text that reads as a number typed out: digits, +, spaces, dashes, brackets, dots (full-width read as half). */
const NUMBER_TEXT = /^[+\d\s\-()（）.]+$/;

/**
 * A number typed as people read it out ("155 8551 6891", "+86 155-8551-6891", full-width digits),
 * whole or in part, as the digits the store keeps; null when the text is not a number.
 */
function phoneDigits(query: string): string | null {
  const half = toHalfWidth(query).trim();
  if (!NUMBER_TEXT.test(half) || !/\d/.test(half)) return null;
  return wholePhone(half) ?? half.replace(/\D/g, '');
}

/**
 * A session that sees numbers masked finds an order by the whole number only (orders.ts), and
 * only so often: it sees 7 of 11 digits, and trying the 10,000 others one by one would reveal the
 * number. A lead looking up callers types far fewer than this.
 */
export const MASKED_PHONE_LOOKUPS_PER_MINUTE = 30;

/** The whole phone number a query is (as the store keeps it), or null: a part of one, an order number, a name. */
export function wholePhone(query: string): string | null {
  const half = toHalfWidth(query).trim();
  if (!NUMBER_TEXT.test(half)) return null;
  const p = readPhone(half);
  return p && !p.flag ? p.phone : null;
}

/**
 * Whole-number lookups in the last minute; refused past the limit, saying when to try again. The
 * same number again (the list reloading, a filter or page changed) is not another lookup.
 */
export class LookupRate {
  private times: number[] = [];
  private last: string | null = null;
  constructor(private readonly perMinute: number) {}
  check(now: Date, phone: string | null): void {
    if (phone === null || phone === this.last) return;
    const t = now.getTime();
    this.times = this.times.filter((x) => t - x < 60_000 && x <= t);
    if (this.times.length >= this.perMinute) {
      throw new CallcardError('lookups_too_fast', { seconds: Math.max(1, Math.ceil((this.times[0] + 60_000 - t) / 1000)) });
    }
    this.times.push(t);
    this.last = phone;
  }
}

/** Lists orders, newest first, optionally by status and a free-text query (order no, name, phone: as written or read out). */
export function listOrders(
  db: Db,
  args: { status?: OrderStatus; risk?: RiskFilter; query?: string; limit: number; offset: number },
  opts: { masked?: boolean } = {},
): OrderList {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: args.limit, offset: args.offset };
  if (args.status) {
    where.push('o.status = @status');
    params.status = args.status;
  }
  if (args.risk === 'held') {
    where.push('o.id IN (SELECT order_id FROM order_risk WHERE held = 1)');
  } else if (args.risk) {
    where.push('o.id IN (SELECT order_id FROM order_risk WHERE level = @risk)');
    params.risk = args.risk;
  }
  if (args.query) {
    const like = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.q = like(args.query);
    if (opts.masked) {
      // Masked numbers are found by the whole number only: part of one would tell its hidden digits.
      where.push("(o.order_no LIKE @q ESCAPE '\\' OR o.customer_name LIKE @q ESCAPE '\\' OR o.phone = @whole)");
      params.whole = phoneDigits(args.query) ?? args.query.trim();
    } else {
      where.push("(o.order_no LIKE @q ESCAPE '\\' OR o.customer_name LIKE @q ESCAPE '\\' OR o.phone LIKE @q ESCAPE '\\' OR o.phone LIKE @digits ESCAPE '\\')");
      params.digits = like(phoneDigits(args.query) ?? args.query);
    }
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM orders o ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT o.*, (SELECT group_concat(l.product || CASE WHEN l.package != '' THEN ' ' || l.package ELSE '' END
                       || CASE WHEN l.quantity > 1 THEN ' ×' || l.quantity ELSE '' END, ' + ')
                    FROM order_lines l WHERE l.order_id = o.id) AS pkg
       FROM orders o ${clause} ORDER BY o.ordered_at DESC, o.order_no DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (OrderRow & { pkg: string | null })[];
  return { total, orders: rows.map((r) => toSummary(r, r.pkg ?? '')) };
}
