import { uuidv7 } from 'uuidv7';
import type { ImportRejection, ImportSummary } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import type { Translate } from '../../../shared/dispatch';
import type { CoreContext } from '../context';
import type { Db } from '../db/open';
import { orderStatements, toView, type OrderRow } from '../orders';
import { enqueueOutbox } from '../outbox';
import { loadSettings } from '../settings';
import { mapHeader, ORDER_FIELDS, REQUIRED_FIELDS, type OrderField } from './fields';
import {
  isCancelledStatus,
  normalisePhone,
  parseMoneyFen,
  parseOrderTime,
  parsePaymentMethod,
  parseQuantity,
} from './normalise';
import { readTable, type Cell, type SourceRow } from './table';

/** One order as read from one row, before it meets the store. */
export interface ImportedOrder {
  row: number;
  orderNo: string;
  customerName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  product: string;
  package: string;
  quantity: number;
  amountFen: number;
  paymentMethod: PaymentMethod;
  orderedAt: string | null;
  ip: string | null;
  buyerAccount: string | null;
  platformStatus: string | null;
  source: string;
}

type RowResult = { ok: true; order: ImportedOrder } | { ok: false; rejection: Omit<ImportRejection, 'reason'> };

const HEADER_SEARCH_ROWS = 20;

/** The header is the row (among the first few) that names the most known fields: exports often start with a title row. */
function findHeader(rows: SourceRow[], t: Translate): { index: number; map: Partial<Record<OrderField, number>> } {
  let best = { index: -1, map: {} as Partial<Record<OrderField, number>>, count: 0 };
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((r, index) => {
    const map = mapHeader(r.cells.map((c) => (typeof c === 'string' ? c : '')));
    const count = Object.keys(map).length;
    if (count > best.count) best = { index, map, count };
  });
  if (best.count === 0) throw new CallcardError('import_no_columns');
  const missing = REQUIRED_FIELDS.filter((f) => best.map[f] === undefined);
  if (missing.length) throw new CallcardError('import_missing_columns', { columns: missing.map((f) => t(`fields.${f}`)).join(', ') });
  return best;
}

function cellText(c: Cell | undefined): string {
  if (c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  return c.trim();
}

export function readRow(r: SourceRow, map: Partial<Record<OrderField, number>>, timeZone: string): RowResult | null {
  const raw = (f: OrderField): Cell | undefined => (map[f] === undefined ? undefined : r.cells[map[f]!]);
  const text = (f: OrderField) => cellText(raw(f));
  if (ORDER_FIELDS.every((f) => text(f) === '')) return null; // an empty line is not a data row
  const reject = (field: OrderField, code: string): RowResult => ({ ok: false, rejection: { row: r.row, field, code } });

  for (const f of REQUIRED_FIELDS) if (text(f) === '') return reject(f, 'missing_value');
  const phone = normalisePhone(text('phone'));
  if (!phone) return reject('phone', 'bad_phone');
  const amountFen = parseMoneyFen(text('amount'));
  if (amountFen === null) return reject('amount', 'bad_amount');
  const quantity = parseQuantity(text('quantity'));
  if (quantity === null) return reject('quantity', 'bad_quantity');
  const paymentMethod = parsePaymentMethod(text('paymentMethod'));
  if (paymentMethod === null) return reject('paymentMethod', 'bad_payment_method');
  let orderedAt: string | null = null;
  const timeCell = raw('orderedAt');
  if (timeCell !== undefined && cellText(timeCell) !== '') {
    const d = parseOrderTime(timeCell, timeZone);
    if (!d) return reject('orderedAt', 'bad_time');
    orderedAt = d.toISOString();
  }
  return {
    ok: true,
    order: {
      row: r.row,
      orderNo: text('orderNo'),
      customerName: text('customerName'),
      phone,
      province: text('province'),
      city: text('city'),
      district: text('district'),
      address: text('address').replace(/\s*\r?\n\s*/g, ' '),
      product: text('product'),
      package: text('package'),
      quantity,
      amountFen,
      paymentMethod,
      orderedAt,
      ip: text('ip') || null,
      buyerAccount: text('buyerAccount') || null,
      platformStatus: text('platformStatus') || null,
      source: text('source'),
    },
  };
}

function importStatements(db: Db) {
  return {
    insertOrder: db.prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, province, city, district, address, amount_fen,
         payment_method, ordered_at, source, ip, buyer_account, platform_status, created_at, updated_at)
       VALUES (@id, @order_no, @status, @customer_name, @phone, @province, @city, @district, @address, @amount_fen,
         @payment_method, @ordered_at, @source, @ip, @buyer_account, @platform_status, @created_at, @updated_at)`,
    ),
    updateOrder: db.prepare(
      `UPDATE orders SET status = @status, customer_name = @customer_name, phone = @phone, province = @province,
         city = @city, district = @district, address = @address, amount_fen = @amount_fen,
         payment_method = @payment_method, ordered_at = @ordered_at, source = @source, ip = @ip,
         buyer_account = @buyer_account, platform_status = @platform_status, updated_at = @updated_at
       WHERE id = @id`,
    ),
    insertLine: db.prepare(
      `INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen)
       VALUES (@id, @order_id, 0, @product, @package, @quantity, @amount_fen)`,
    ),
    updateLine: db.prepare(
      'UPDATE order_lines SET product = @product, package = @package, quantity = @quantity, amount_fen = @amount_fen WHERE order_id = @order_id AND position = 0',
    ),
    insertTask: db.prepare(
      `INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (@id, @order_id, 'verify', 'open', @due_at, @created_at)`,
    ),
    closeOpenTasks: db.prepare(
      "UPDATE call_tasks SET state = 'done', closed_at = @at, claimed_by = NULL, last_outcome = 'order_cancelled' WHERE order_id = @order_id AND state = 'open'",
    ),
    fieldsCorrectedOnCall: db.prepare<[string], { field: string }>(
      "SELECT DISTINCT field FROM order_history WHERE order_id = ? AND source = 'call'",
    ),
  };
}

const COMPARED: [keyof ImportedOrder, keyof OrderRow][] = [
  ['customerName', 'customer_name'],
  ['phone', 'phone'],
  ['province', 'province'],
  ['city', 'city'],
  ['district', 'district'],
  ['address', 'address'],
  ['amountFen', 'amount_fen'],
  ['paymentMethod', 'payment_method'],
  ['orderedAt', 'ordered_at'],
  ['source', 'source'],
  ['ip', 'ip'],
  ['buyerAccount', 'buyer_account'],
  ['platformStatus', 'platform_status'],
];

/**
 * Imports an order export (CSV or XLSX). Rows that cannot be read are reported with their row
 * number and reason and the rest still import; the writes happen in one transaction. Re-importing
 * an order number updates that order; values an agent corrected on a call are kept.
 */
export async function importOrderFile(
  ctx: CoreContext,
  fileName: string,
  bytes: Uint8Array,
  t: Translate,
): Promise<ImportSummary> {
  const table = await readTable(bytes);
  const { index, map } = findHeader(table.rows, t);
  const timeZone = loadSettings(ctx.db).businessTimeZone;
  const parsed: ImportedOrder[] = [];
  const rejected: ImportRejection[] = [];
  for (const r of table.rows.slice(index + 1)) {
    const res = readRow(r, map, timeZone);
    if (!res) continue;
    if (res.ok) parsed.push(res.order);
    else rejected.push({ ...res.rejection, reason: t(`import.reasons.${res.rejection.code}`, { field: t(`fields.${res.rejection.field}`) }) });
  }
  const summary: ImportSummary = { fileName, totalRows: parsed.length + rejected.length, created: 0, updated: 0, unchanged: 0, rejected };
  writeOrders(ctx, parsed, summary);
  return summary;
}

export function writeOrders(ctx: CoreContext, parsed: ImportedOrder[], summary: ImportSummary): void {
  const os = orderStatements(ctx.db);
  const st = importStatements(ctx.db);
  const now = ctx.now();
  const nowIso = now.toISOString();
  ctx.db.transaction(() => {
    for (const o of parsed) {
      const existing = os.byNo.get(o.orderNo);
      const line = { product: o.product, package: o.package, quantity: o.quantity, amount_fen: o.amountFen };
      if (!existing) {
        const cancelled = o.platformStatus !== null && isCancelledStatus(o.platformStatus);
        const row: OrderRow = {
          id: uuidv7(), order_no: o.orderNo, status: cancelled ? 'cancelled' : 'pending_verify',
          customer_name: o.customerName, phone: o.phone, province: o.province, city: o.city, district: o.district,
          address: o.address, amount_fen: o.amountFen, payment_method: o.paymentMethod, ordered_at: o.orderedAt,
          source: o.source, ip: o.ip, buyer_account: o.buyerAccount, platform_status: o.platformStatus,
          created_at: nowIso, updated_at: nowIso,
        };
        st.insertOrder.run(row);
        st.insertLine.run({ id: uuidv7(), order_id: row.id, ...line });
        // A new order is due for its verify call from the moment it was placed.
        if (!cancelled) st.insertTask.run({ id: uuidv7(), order_id: row.id, due_at: o.orderedAt && o.orderedAt < nowIso ? o.orderedAt : nowIso, created_at: nowIso });
        enqueueOutbox(ctx.db, 'order', row.id, 'upsert', toView(row, [{ order_id: row.id, position: 0, ...line }]), now);
        summary.created++;
        continue;
      }
      const kept = new Set(st.fieldsCorrectedOnCall.all(existing.id).map((r) => r.field));
      const next: OrderRow = { ...existing };
      const changes: [string, unknown, unknown][] = [];
      for (const [field, column] of COMPARED) {
        if (kept.has(field)) continue;
        if (o[field] !== existing[column]) {
          changes.push([field, existing[column], o[field]]);
          (next as unknown as Record<string, unknown>)[column] = o[field];
        }
      }
      const oldLine = os.lines.get(existing.id);
      // Line fields an agent corrected on a call keep the agent's value even when another line
      // field (e.g. the product name) changes and the line is rewritten.
      if (oldLine) {
        if (kept.has('package')) line.package = oldLine.package;
        if (kept.has('quantity')) line.quantity = oldLine.quantity;
        if (kept.has('amountFen')) line.amount_fen = oldLine.amount_fen;
      }
      const lineChanged =
        !oldLine || (['product', 'package', 'quantity', 'amount_fen'] as const).some((k) => oldLine[k] !== line[k]);
      if (lineChanged && oldLine) changes.push(['package', `${oldLine.product} ${oldLine.package} ×${oldLine.quantity}`, `${line.product} ${line.package} ×${line.quantity}`]);
      const nowCancelled = o.platformStatus !== null && isCancelledStatus(o.platformStatus) && existing.status === 'pending_verify';
      if (nowCancelled) {
        next.status = 'cancelled';
        changes.push(['status', existing.status, 'cancelled']);
        st.closeOpenTasks.run({ order_id: existing.id, at: nowIso });
      }
      if (changes.length === 0) {
        summary.unchanged++;
        continue;
      }
      next.updated_at = nowIso;
      st.updateOrder.run(next);
      if (lineChanged) {
        if (oldLine) st.updateLine.run({ order_id: existing.id, ...line });
        else st.insertLine.run({ id: uuidv7(), order_id: existing.id, ...line });
      }
      for (const [field, oldValue, newValue] of changes) {
        os.insertHistory.run({
          id: uuidv7(), order_id: existing.id, at: nowIso, agent_id: null, source: 'import', field,
          old_value: oldValue == null ? null : String(oldValue), new_value: newValue == null ? null : String(newValue),
        });
      }
      enqueueOutbox(ctx.db, 'order', existing.id, 'upsert', toView(next, os.lines.all(existing.id)), now);
      summary.updated++;
    }
  })();
}
