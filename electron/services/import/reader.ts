/**
 * Turns the rows of an export into normalised order (or courier) rows, in batches, with every row
 * that cannot be read kept aside with its row number, field, reason code and original cells.
 * Pure of the store: runs in the reader worker or in-process.
 */
import { addressKey } from '../../../shared/risk/address';
import type { PaymentMethod } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import {
  courierEventResolver,
  platformStatusResolver,
  type CourierEvent,
  type ImportField,
  type ImportKind,
  type PlatformStatusTarget,
} from '../../../shared/intake';
import type { ColumnMapping } from './fields';
import { parseMoneyFen, parseOrderTime, parsePaymentMethod, parseQuantity, readPhone, toHalfWidth } from './normalise';
import { openSource, type Cell, type SourceRow } from './source';
import divisionsFile from '../../../resources/regions/divisions.json';
import { RegionTable, type DivisionsFile } from '../../../shared/risk/regions';

/**
 * The province/city table, built on the first address that needs splitting. Not risk/data's
 * regionTable(): that module loads the phone and IP data, which this reader thread has no use for.
 */
let regionTableOnce: RegionTable | null = null;
const regions = (): RegionTable => (regionTableOnce ??= new RegionTable(divisionsFile satisfies DivisionsFile));

/** One order as read from one row. null: the file says nothing about it (no column, or an empty cell). */
export interface OrderIn {
  row: number;
  orderNo: string;
  customerName: string;
  phone: string;
  phoneFlag: 'unrecognised' | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string;
  /** The normalised address the risk rules group by, computed here (off the writer's thread). */
  addressKey: string;
  product: string | null;
  package: string | null;
  quantity: number | null;
  amountFen: number;
  paymentMethod: PaymentMethod | null;
  orderedAt: string | null;
  ip: string | null;
  buyerAccount: string | null;
  /** The platform's status word as written, and the lifecycle status it means (null: unknown word). */
  platformStatus: string | null;
  status: PlatformStatusTarget | null;
  statusAt: string | null;
  source: string | null;
  waybillNo: string | null;
  courier: string | null;
}

/** One line of a courier status file. */
export interface CourierIn {
  row: number;
  waybillNo: string | null;
  orderNo: string | null;
  label: string;
  event: CourierEvent;
  at: string | null;
  reason: string | null;
  courier: string | null;
  /** Where the parcel waits to be collected, when the file has a column for it. */
  station: string | null;
}

/** How much of a rejected cell a message quotes. */
const MAX_QUOTED = 40;

export interface RowRejection {
  row: number;
  field: string;
  code: string;
  /** What the rejected cell holds (shortened), so the message can quote it; absent when empty. */
  value?: string;
  /** The row's cells as written, for the "rejected rows" file. */
  cells: string[];
}

export interface RowBatch {
  orders: OrderIn[];
  courier: CourierIn[];
  rejected: RowRejection[];
}

export interface ReadPlan {
  kind: ImportKind;
  sheet: string | null;
  /** Excel row number of the header; data starts below it. */
  headerRow: number;
  mapping: ColumnMapping;
  timeZone: string;
  platformStatuses: Record<string, PlatformStatusTarget>;
  courierStatuses: Record<string, CourierEvent>;
}

/** A text cell longer than this is not order data. */
const MAX_CELL = 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** A cell as text for the "rejected rows" file: dates as the wall clock the spreadsheet showed. */
export function cellAsText(c: Cell | undefined): string {
  if (c === undefined) return '';
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return '';
    return `${c.getUTCFullYear()}-${two(c.getUTCMonth() + 1)}-${two(c.getUTCDate())} ${two(c.getUTCHours())}:${two(c.getUTCMinutes())}:${two(c.getUTCSeconds())}`;
  }
  return c;
}

/**
 * Cell text as compared: trimmed; the marks spreadsheets put on a value to keep it text removed —
 * the apostrophe before =, +, - and @ (our own CSV's formula guard) or before a number
 * ('021-12345678), and Taobao's ="3201…" wrapper (stored with it, a later file without it matched
 * no order).
 */
function clean(c: Cell | undefined): string {
  const s = cellAsText(c).trim();
  const wrapped = /^="(.*)"$/s.exec(s);
  if (wrapped) return wrapped[1].trim();
  return s.length > 1 && s[0] === "'" && /[=+\-@\d]/.test(s[1]) ? s.slice(1) : s;
}

type Reject = { field: ImportField; code: string };

/** Reads rows against a plan; `order`/`courier` return null for a row that carries no data. */
export function rowReader(plan: ReadPlan) {
  const cols = plan.mapping;
  const platformStatus = platformStatusResolver(plan.platformStatuses);
  const courierEvent = courierEventResolver(plan.courierStatuses);
  const mappedColumns = Object.values(cols).filter((v): v is number => v !== undefined);

  const isEmpty = (r: SourceRow) => mappedColumns.every((i) => clean(r.cells[i]) === '');
  const raw = (r: SourceRow, f: ImportField): Cell | undefined => (cols[f] === undefined ? undefined : r.cells[cols[f]!]);

  function text(r: SourceRow, f: ImportField): string {
    const s = clean(raw(r, f));
    if (s.length > MAX_CELL) throw { field: f, code: 'too_long' } satisfies Reject;
    return s;
  }
  const optional = (r: SourceRow, f: ImportField): string | null => text(r, f) || null;
  function required(r: SourceRow, f: ImportField): string {
    const s = text(r, f);
    if (s === '') throw { field: f, code: 'missing_value' } satisfies Reject;
    return s;
  }
  function time(r: SourceRow, f: ImportField): string | null {
    const c = raw(r, f);
    if (c === undefined || clean(c) === '') return null;
    const d = parseOrderTime(c instanceof Date ? c : clean(c), plan.timeZone);
    if (!d) throw { field: f, code: 'bad_time' } satisfies Reject;
    return d.toISOString();
  }

  function order(r: SourceRow): OrderIn {
    const orderNo = toHalfWidth(required(r, 'orderNo'));
    if (orderNo.length > 64) throw { field: 'orderNo', code: 'too_long' } satisfies Reject;
    const customerName = required(r, 'customerName');
    const phone = readPhone(required(r, 'phone'));
    if (!phone) throw { field: 'phone', code: 'bad_phone' } satisfies Reject;
    let address = required(r, 'address').replace(/\s*\r?\n\s*/g, ' ');
    const amountFen = parseMoneyFen(required(r, 'amount'));
    if (amountFen === null) throw { field: 'amount', code: 'bad_amount' } satisfies Reject;
    const qtyText = text(r, 'quantity');
    const quantity = qtyText === '' ? null : parseQuantity(qtyText);
    if (quantity === null && qtyText !== '') throw { field: 'quantity', code: 'bad_quantity' } satisfies Reject;
    const payText = text(r, 'paymentMethod');
    const paymentMethod = payText === '' ? null : parsePaymentMethod(payText);
    if (paymentMethod === null && payText !== '') throw { field: 'paymentMethod', code: 'bad_payment_method' } satisfies Reject;
    const orderedAt = time(r, 'orderedAt');
    const statusAt = time(r, 'statusAt');
    const status = optional(r, 'platformStatus');
    let province = optional(r, 'province');
    let city = optional(r, 'city');
    let district = optional(r, 'district');
    // The whole address in one column (快手, 淘宝 收货地址): its province and city read from its
    // front, so the card, the lists and the risk screen's region checks have them.
    if (province === null && city === null) {
      const split = regions().splitAddress(address);
      if (split) {
        province = split.province;
        city = split.city;
        district ??= split.district;
        if (split.rest) address = split.rest;
      }
    }
    return {
      row: r.row,
      orderNo,
      customerName,
      phone: phone.phone,
      phoneFlag: phone.flag,
      province,
      city,
      district,
      address,
      addressKey: addressKey(province ?? '', city ?? '', district ?? '', address),
      product: optional(r, 'product'),
      package: optional(r, 'package'),
      quantity,
      amountFen,
      paymentMethod,
      orderedAt,
      ip: optional(r, 'ip'),
      buyerAccount: optional(r, 'buyerAccount'),
      platformStatus: status,
      status: status === null ? null : platformStatus(status),
      statusAt,
      source: optional(r, 'source'),
      waybillNo: optional(r, 'waybillNo'),
      courier: optional(r, 'courier'),
    };
  }

  function courier(r: SourceRow): CourierIn {
    const waybillNo = optional(r, 'waybillNo');
    const orderNo = optional(r, 'orderNo');
    if (waybillNo === null && orderNo === null) throw { field: cols.waybillNo !== undefined ? 'waybillNo' : 'orderNo', code: 'missing_value' } satisfies Reject;
    const label = required(r, 'courierStatus');
    const event = courierEvent(label);
    if (!event) throw { field: 'courierStatus', code: 'unknown_courier_status' } satisfies Reject;
    return {
      row: r.row,
      waybillNo: waybillNo && toHalfWidth(waybillNo),
      orderNo: orderNo && toHalfWidth(orderNo),
      label,
      event,
      at: time(r, 'courierAt'),
      reason: optional(r, 'courierReason'),
      courier: optional(r, 'courier'),
      station: optional(r, 'courierStation'),
    };
  }

  // The mapped column furthest right: where a row that split into too many cells shows it first.
  const lastField = (Object.entries(cols) as [ImportField, number | undefined][]).reduce<[ImportField, number] | null>(
    (best, [f, i]) => (i !== undefined && (!best || i > best[1]) ? [f, i] : best),
    null,
  )?.[0];

  /**
   * Adds a row to the batch: as read, as rejected, or not at all (no data in the mapped columns).
   * `width` (CSV only): the header's cell count. A row with data beyond it has split on a comma
   * inside an unquoted value ("12,99"): every cell after it sits one column off, so the row is
   * refused as such rather than read shifted (it used to import wrong values, or be refused for
   * a column it had nothing wrong with).
   */
  function take(r: SourceRow, batch: RowBatch, width?: number): boolean {
    if (isEmpty(r)) return false;
    if (width && lastField && r.cells.slice(width).some((c) => clean(c) !== '')) {
      batch.rejected.push({ row: r.row, field: lastField, code: 'extra_cells', cells: r.cells.map(cellAsText) });
      return true;
    }
    try {
      if (plan.kind === 'orders') batch.orders.push(order(r));
      else batch.courier.push(courier(r));
    } catch (e) {
      if (e instanceof Error) throw e;
      const rej = e as Reject;
      const value = cellAsText(raw(r, rej.field)).trim();
      batch.rejected.push({
        row: r.row,
        field: rej.field,
        code: rej.code,
        ...(value ? { value: value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value } : {}),
        cells: r.cells.map(cellAsText),
      });
    }
    return true;
  }

  return { take };
}

export interface ReadCallbacks {
  /** Receives each batch; the reader waits for it (back-pressure). */
  onBatch(batch: RowBatch): void | Promise<void>;
  onBytes?(bytes: number): void;
  /** Checked between rows: true stops reading (cancel). */
  shouldStop?(): boolean;
  batchSize?: number;
}

export interface ReadResult {
  header: string[];
  dataRows: number;
  encoding: string;
  sheet: string | null;
  stopped: boolean;
}

export function emptyBatch(): RowBatch {
  return { orders: [], courier: [], rejected: [] };
}

/** Streams a file through the plan: batches of normalised rows go to `onBatch`. */
export async function readRows(path: string, plan: ReadPlan, cb: ReadCallbacks): Promise<ReadResult> {
  const src = await openSource(path, { sheet: plan.sheet, onBytes: cb.onBytes });
  const reader = rowReader(plan);
  const size = cb.batchSize ?? 1000;
  let header: string[] | null = null;
  let batch = emptyBatch();
  let inBatch = 0;
  let dataRows = 0;
  let stopped = false;
  try {
    for await (const r of src.rows) {
      if (r.row < plan.headerRow) continue;
      if (r.row === plan.headerRow) {
        header = r.cells.map(cellAsText);
        continue;
      }
      if (header === null) header = [];
      if (!reader.take(r, batch, src.info.type === 'csv' ? header.length : undefined)) continue;
      dataRows++;
      if (++inBatch >= size) {
        if (cb.shouldStop?.()) {
          stopped = true;
          break;
        }
        await cb.onBatch(batch);
        batch = emptyBatch();
        inBatch = 0;
      }
    }
  } finally {
    src.close();
  }
  if (header === null) throw new CallcardError('import_header_missing', { row: plan.headerRow });
  if (!stopped && inBatch > 0) await cb.onBatch(batch);
  return { header, dataRows, encoding: src.info.encoding, sheet: src.sheet(), stopped };
}
