/**
 * Writes an import into the store, in one transaction: new orders with the call task their status
 * needs, later exports updating orders (and their open tasks) with every change in the order's
 * history, courier lines moving orders through delivery. Nothing an agent recorded is overwritten
 * by an older export: such rows are reported as conflicts and left alone.
 *
 * The writer is synchronous over a better-sqlite3 connection; the caller begins, feeds batches and
 * finishes (commit) or rolls back. It runs in the import worker (its own connection) or in-process.
 */
import { uuidv7 } from '../ids';
import type { Flow, OrderStatus } from '../../../shared/domain';
import {
  COURIER_EXCEPTIONS,
  platformStatusResolver,
  type CourierEvent,
  type ImportKind,
  type IntakeSettings,
  type PlatformStatusTarget,
} from '../../../shared/intake';
import type { Db } from '../db/open';
import { packageText, type OrderLineRow, type OrderRow } from '../orders';
import type { CourierIn, OrderIn, RowBatch, RowRejection } from './reader';
import { screenImported, storeMark, type KnownOrder, type StoreMark } from '../risk/screen';
import { recordNewOrderMilestone } from '../reports/milestones';
import { orderChangePayload } from '../outbox';
import { addressKey } from '../../../shared/risk/address';
import { stationFromText, WAITING } from './station';

/** A row of a later export that was not applied because the store knows something newer. */
export interface WriteConflict {
  row: number;
  orderNo: string;
  /** older_export | status_backwards | agent_newer | order_final | repeated_in_file */
  code: string;
  current: string;
  incoming: string;
}

export interface WriteResult {
  runId: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejected rows (all are stored with the run). */
  rejectedSample: Omit<RowRejection, 'cells'>[];
  conflicts: WriteConflict[];
  conflictCount: number;
  /** Phones kept as written because they could not be normalised. */
  flaggedPhones: number;
  /** The first of them, by row. */
  flaggedSample: { row: number; orderNo: string; phone: string }[];
  /** Status words no table knows, with how often they occurred (the user can add them). */
  unknownStatuses: Record<string, number>;
  tasksOpened: Partial<Record<Flow, number>>;
  tasksClosed: number;
}

export interface WriterOptions {
  runId: string;
  kind: ImportKind;
  fileName: string;
  profile: string | null;
  headerRow: number;
  now: Date;
  intake: IntakeSettings;
  /**
   * About how many rows the file holds (from its size). An import that will at least double the
   * store rebuilds the lookup indexes once at the end instead of updating them row by row.
   */
  expectedRows?: number;
  /** How many new orders go to the risk screen in memory (default KNOWN_MAX; tests lower it). */
  knownMax?: number;
}

/**
 * Indexes the import's own statements never read (they serve the queue, the reports and the risk
 * screen's keyed lookups). Bulk mode drops them at begin and builds them again, sorted, before the
 * screen runs: a rebuild of 100,000 entries costs a fraction of 100,000 scattered inserts. All of it
 * is inside the import's transaction: a rollback brings them back untouched.
 */
const BULK_INDEXES = [
  'orders_status', 'orders_phone_time', 'orders_account_time', 'orders_address_key', 'orders_placed',
  'call_tasks_queue', 'call_tasks_due', 'call_tasks_fresh',
] as const;
/**
 * New orders handed to the risk screen in memory, at most (about 1 KB each). A bigger import's are
 * read back from the store by the screen instead.
 */
const KNOWN_MAX = 200_000;
/** Below this, the row-by-row updates are cheap enough. */
const BULK_MIN_ROWS = 20_000;

export interface RunMeta {
  header: string[];
  encoding: string;
  sheet: string | null;
}

/** Lists reported in full up to this many entries; counts are always complete. */
export const SAMPLE_LIMIT = 1000;
/** The track card's courier timeline keeps this many lines. */
const EVENTS_KEPT = 20;
const DAY = 86_400_000;

/**
 * How far along its life a platform status is. A later export whose status ranks below the one
 * imported before is an older export (a file exported earlier, imported late): not applied.
 */
const PLATFORM_RANK: Record<PlatformStatusTarget, number> = {
  unpaid: 0,
  pending_verify: 1,
  cancelled: 2,
  closed: 2,
  shipped: 3,
  delivery_exception: 4,
  refused: 5,
  signed: 6,
  returned: 6,
  refunded: 7,
};

const PRE_SHIP: ReadonlySet<OrderStatus> = new Set(['unpaid', 'pending_verify', 'verified']);
/** Closed by a call or the platform before shipping. */
const CLOSED_EARLY: ReadonlySet<OrderStatus> = new Set(['rejected', 'unreachable', 'cancelled', 'closed']);
/** Nothing a courier reports changes these. */
const FINAL: ReadonlySet<OrderStatus> = new Set(['signed', 'returned', 'refunded']);

/** What a status change does to the order and its tasks. */
interface Transition {
  next: OrderStatus;
  close: Flow[];
  open?: Flow;
}

/** The effect of a platform status on an order already in the store (null: nothing to do). */
export function platformTransition(current: OrderStatus, target: PlatformStatusTarget): Transition | null {
  switch (target) {
    case 'unpaid':
      return null;
    case 'pending_verify':
      // A lead who paid / completed the order: from recover to verify.
      return current === 'unpaid' ? { next: 'pending_verify', close: ['recover'], open: 'verify' } : null;
    case 'cancelled':
    case 'closed':
      if (PRE_SHIP.has(current)) return { next: target, close: ['verify', 'upsell'], open: 'recover' };
      // The platform confirms what a call already closed; an agent's verdict (fake, unreachable) stays.
      if (current === 'cancelled' || current === 'closed') return current === target ? null : { next: target, close: [] };
      if (current === 'shipped' || current === 'delivery_exception') return { next: target, close: ['verify', 'upsell', 'track'] };
      return null;
    case 'shipped':
      return PRE_SHIP.has(current) || CLOSED_EARLY.has(current) ? { next: 'shipped', close: ['verify', 'upsell', 'recover'] } : null;
    case 'delivery_exception':
      return PRE_SHIP.has(current) || CLOSED_EARLY.has(current) || current === 'shipped'
        ? { next: 'delivery_exception', close: ['verify', 'upsell', 'recover'], open: 'track' }
        : null;
    case 'signed':
      return current === 'signed' || current === 'refunded' ? null : { next: 'signed', close: ['verify', 'upsell', 'recover', 'track'], open: 'revisit' };
    case 'refused':
      return ['refused', 'returned', 'signed', 'refunded'].includes(current) ? null : { next: 'refused', close: ['verify', 'upsell', 'recover'], open: 'track' };
    case 'returned':
      return current === 'returned' || current === 'refunded' ? null : { next: 'returned', close: ['verify', 'upsell', 'recover', 'track'] };
    case 'refunded':
      return current === 'refunded' ? null : { next: 'refunded', close: ['verify', 'upsell', 'recover', 'track', 'revisit'] };
  }
}

/** The effect of a courier line (null: nothing to do). */
export function courierTransition(current: OrderStatus, event: CourierEvent): Transition | null {
  if (FINAL.has(current)) return null;
  if (event === 'in_transit') {
    return PRE_SHIP.has(current) || CLOSED_EARLY.has(current) || current === 'delivery_exception'
      ? { next: 'shipped', close: ['verify', 'upsell', 'recover'] }
      : null;
  }
  if (event === 'signed') return { next: 'signed', close: ['verify', 'upsell', 'recover', 'track'], open: 'revisit' };
  if (event === 'returned') return { next: 'returned', close: ['verify', 'upsell', 'recover', 'track'] };
  // A delivery exception. An order an agent already marked refused stays refused (the call settled it).
  if (current === 'refused') return null;
  return { next: 'delivery_exception', close: ['verify', 'upsell', 'recover'], open: 'track' };
}

/** Courier lines rank: an exception or a result is not undone by an older "in transit". */
function courierRank(event: string | null | undefined): number {
  if (!event) return -1;
  if (event === 'in_transit') return 0;
  if (COURIER_EXCEPTIONS.has(event as CourierEvent)) return 1;
  return 2;
}

/** Order fields an export may change, with their column. Line fields are handled apart. */
const COMPARED: readonly (readonly [keyof OrderIn & string, keyof OrderRow & string])[] = [
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
  ['waybillNo', 'waybill_no'],
  ['courier', 'courier'],
];

const ORDER_COLUMNS = [
  'id', 'order_no', 'status', 'customer_name', 'phone', 'province', 'city', 'district', 'address', 'amount_fen',
  'payment_method', 'ordered_at', 'source', 'ip', 'buyer_account', 'platform_status', 'created_at', 'updated_at',
  'waybill_no', 'courier', 'courier_status', 'courier_event', 'courier_at', 'courier_reason', 'courier_events',
  'status_at', 'phone_flag',
] as const satisfies readonly (keyof OrderRow)[];
/** A new order is stored with its address key: the risk screen need not fill it in afterwards. */
const INSERT_COLUMNS = [...ORDER_COLUMNS, 'address_key'] as const;

function statements(db: Db) {
  return {
    byNo: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_no = ?'),
    // Two lookups, not a join: without table statistics SQLite may build a Bloom filter over every
    // order line for each run of a join, which made each lookup cost tens of microseconds.
    firstLine: db.prepare<[string], { rowid: number; product: string; package: string; quantity: number; amount_fen: number }>(
      'SELECT rowid, product, package, quantity, amount_fen FROM order_lines WHERE order_id = ? AND position = 0',
    ),
    rowidOf: db.prepare<[string], { r: number }>('SELECT rowid AS r FROM orders WHERE id = ?'),
    setStation: db.prepare<[string | null, string]>('UPDATE orders SET courier_station = ? WHERE id = ?'),
    byWaybill: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE waybill_no = ? ORDER BY created_at DESC LIMIT 1'),
    line: db.prepare<[string], OrderLineRow>('SELECT * FROM order_lines WHERE order_id = ? ORDER BY position'),
    insertOrder: db.prepare(`INSERT INTO orders (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`),
    // The address key follows the address (the risk screen groups orders by it).
    updateOrder: db.prepare(
      `UPDATE orders SET ${ORDER_COLUMNS.filter((c) => c !== 'id' && c !== 'order_no' && c !== 'created_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')}, address_key = @address_key WHERE id = @id`,
    ),
    insertLine: db.prepare('INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen) VALUES (?, ?, 0, ?, ?, ?, ?)'),
    updateLine: db.prepare('UPDATE order_lines SET product = ?, package = ?, quantity = ?, amount_fen = ? WHERE order_id = ? AND position = 0'),
    insertTask: db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at, fresh_at) VALUES (?, ?, ?, 'open', ?, ?, ?)"),
    openTask: db.prepare<[string, string], { id: string }>("SELECT id FROM call_tasks WHERE order_id = ? AND flow = ? AND state = 'open' LIMIT 1"),
    anyTask: db.prepare<[string, string], { id: string }>('SELECT id FROM call_tasks WHERE order_id = ? AND flow = ? LIMIT 1'),
    closeTasks: db.prepare<[string, string, string, string]>(
      "UPDATE call_tasks SET state = 'done', closed_at = ?, claimed_by = NULL, claimed_at = NULL, last_outcome = ? WHERE order_id = ? AND flow = ? AND state = 'open'",
    ),
    correctedOnCall: db.prepare<[string], { field: string }>("SELECT DISTINCT field FROM order_history WHERE order_id = ? AND source = 'call'"),
    lastCallAt: db.prepare<[string], { at: string | null }>('SELECT max(created_at) AS at FROM call_outcomes WHERE order_id = ?'),
    insertHistory: db.prepare(
      'INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)',
    ),
    insertOutbox: db.prepare("INSERT INTO outbox (id, entity, entity_id, op, payload, created_at) VALUES (?, 'order', ?, 'upsert', ?, ?)"),
    insertRun: db.prepare(
      'INSERT INTO import_runs (id, kind, file_name, profile, header_row, header, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    finishRun: db.prepare(
      `UPDATE import_runs SET encoding = ?, sheet = ?, header = ?, total_rows = ?, created = ?, updated = ?, unchanged = ?,
         rejected = ?, conflicts = ?, summary = ?, finished_at = ? WHERE id = ?`,
    ),
    insertRejection: db.prepare('INSERT OR REPLACE INTO import_rejections (run_id, row, field, code, cells) VALUES (?, ?, ?, ?, ?)'),
  };
}

type Change = [field: string, oldValue: unknown, newValue: unknown];

interface OrderWithLine extends OrderRow {
  l_rowid: number | null;
  l_product: string | null;
  l_package: string | null;
  l_quantity: number | null;
  l_amount_fen: number | null;
}

const str = (v: unknown): string | null => (v == null ? null : String(v));

/** Thrown inside finish() when the import was cancelled before its commit: the caller rolls back. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export class ImportWriter {
  private readonly st: ReturnType<typeof statements>;
  private readonly nowIso: string;
  private readonly nowMs: number;
  private readonly result: WriteResult;
  /** Orders this import created or changed, for the risk screen (see afterRowsWritten). */
  private readonly created: KnownOrder[] = [];
  /** Ids of the new orders, kept instead of `created` past KNOWN_MAX (then the screen reads them back). */
  private createdIds: string[] | null = null;
  /** Where the store stood at begin(): the rows above it are this import's. */
  private mark: StoreMark = { orders: 0, lines: 0 };
  /** Address keys that orders changed by this import have left (their old neighbours are screened again). */
  private readonly formerKeys = new Set<string>();
  /** Definitions of the indexes bulk mode dropped, to build again before the screen. */
  private dropped: string[] = [];
  private readonly updatedIds: string[] = [];
  /** Cards to open at the end of the file (eventAt decides staleness; freshAt ranks a recover lead). */
  /** Orders the store had before this file that an earlier row of it named (see writeOrder). */
  private readonly seenBefore = new Set<string>();
  private readonly pending = new Map<string, { orderId: string; flow: Flow; eventAt: string | null; dueAt: string; freshAt: string | null }>();
  private latestEvent = '';
  /** Stored status words resolve with the same table as the file's. */
  private readonly platformTarget: (label: string) => PlatformStatusTarget | null;
  private open = false;

  constructor(
    private readonly db: Db,
    private readonly opts: WriterOptions,
  ) {
    this.st = statements(db);
    this.platformTarget = platformStatusResolver(opts.intake.platformStatuses);
    this.nowIso = opts.now.toISOString();
    this.nowMs = opts.now.getTime();
    this.result = {
      runId: opts.runId,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejectedSample: [],
      conflicts: [],
      conflictCount: 0,
      flaggedPhones: 0,
      flaggedSample: [],
      unknownStatuses: {},
      tasksOpened: {},
      tasksClosed: 0,
    };
  }

  /** Starts the import's transaction and its run record. */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    try {
      this.mark = storeMark(this.db);
      const expected = this.opts.expectedRows ?? 0;
      if (expected >= BULK_MIN_ROWS && expected >= this.mark.orders) this.dropIndexes();
      const o = this.opts;
      this.st.insertRun.run(o.runId, o.kind, o.fileName, o.profile, o.headerRow, '[]', this.nowIso);
    } catch (e) {
      // Callers may not have a rollback ready around begin(): leave no transaction open.
      this.rollback();
      throw e;
    }
  }

  get counts(): Pick<WriteResult, 'created' | 'updated' | 'unchanged' | 'rejected'> {
    const r = this.result;
    return { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
  }

  write(batch: RowBatch): void {
    for (const rej of batch.rejected) this.reject(rej);
    for (const o of batch.orders) this.writeOrder(o);
    for (const c of batch.courier) this.writeCourier(c);
  }

  /**
   * The one place after every row is written and before the import commits: whatever must look
   * at the orders this import created or changed, inside the same transaction, goes here.
   */
  private afterRowsWritten(changed: { created: readonly KnownOrder[]; updated: readonly string[] }): void {
    // Risk screening (issue 6), before the commit, so an order is never visible unscreened.
    screenImported(this.db, { ...changed, mark: this.mark, formerKeys: [...this.formerKeys] }, this.opts.now);
  }

  /** Ends the import: records the run and commits. Returns the counts. */
  finish(meta: RunMeta, dataRows: number, shouldStop: () => boolean = () => false): WriteResult {
    const r = this.result;
    const total = r.created + r.updated + r.unchanged + r.rejected;
    // Every data row of the file is accounted for exactly once, or nothing is stored.
    if (total !== dataRows) throw new Error(`import counted ${total} of ${dataRows} rows`);
    // A cancel pressed after the last row was written is still honoured, between each step of the
    // finish up to the commit (it was ignored, and the rows were stored while the screen said "cancelling").
    const stopHere = () => {
      if (shouldStop()) throw new ImportCancelled();
    };
    this.openDeferredTasks();
    stopHere();
    this.rebuildIndexes();
    stopHere();
    // An order a later row of this file changed is screened as stored, not as first written.
    if (this.createdIds) {
      this.afterRowsWritten({ created: [], updated: [...this.createdIds, ...this.updatedIds] });
    } else {
      const changed = new Set(this.updatedIds);
      const created = changed.size ? this.created.filter((k) => !changed.has(k.row[0])) : this.created;
      this.afterRowsWritten({ created, updated: this.updatedIds });
    }
    // Rows rejected while reading and while writing, in file order.
    r.rejectedSample.sort((a, b) => a.row - b.row);
    const summary = {
      conflicts: r.conflicts,
      conflictCount: r.conflictCount,
      flaggedPhones: r.flaggedPhones,
      flaggedSample: r.flaggedSample,
      unknownStatuses: r.unknownStatuses,
      tasksOpened: r.tasksOpened,
      tasksClosed: r.tasksClosed,
    };
    this.st.finishRun.run(
      meta.encoding, meta.sheet, JSON.stringify(meta.header), total, r.created, r.updated, r.unchanged, r.rejected,
      r.conflictCount, JSON.stringify(summary), this.nowIso, this.opts.runId,
    );
    stopHere();
    this.db.exec('COMMIT');
    this.open = false;
    return r;
  }

  /** Stores a changed order with its address key; notes the key it left, if its address moved. */
  private saveOrder(next: OrderRow): void {
    const key = addressKey(next.province, next.city, next.district, next.address);
    if (next.address_key && next.address_key !== key) this.formerKeys.add(next.address_key);
    this.st.updateOrder.run({ ...next, address_key: key });
  }

  private dropIndexes(): void {
    const get = this.db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
    for (const name of BULK_INDEXES) {
      const def = get.get(name);
      if (!def) continue;
      this.dropped.push(def.sql);
      this.db.exec(`DROP INDEX ${name}`);
    }
  }

  private rebuildIndexes(): void {
    for (const sql of this.dropped) this.db.exec(sql);
    this.dropped = [];
  }

  /** Leaves the store exactly as it was before begin(). */
  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
  }

  // ---------- rows ----------

  private reject(rej: RowRejection): void {
    this.result.rejected++;
    if (this.result.rejectedSample.length < SAMPLE_LIMIT) this.result.rejectedSample.push({ row: rej.row, field: rej.field, code: rej.code, ...(rej.value ? { value: rej.value } : {}) });
    this.st.insertRejection.run(this.opts.runId, rej.row, rej.field, rej.code, JSON.stringify(rej.cells));
  }

  private conflict(c: WriteConflict): void {
    this.result.unchanged++;
    this.result.conflictCount++;
    if (this.result.conflicts.length < SAMPLE_LIMIT) this.result.conflicts.push(c);
  }

  private noteUnknownStatus(label: string): void {
    const u = this.result.unknownStatuses;
    if (u[label] !== undefined || Object.keys(u).length < 100) u[label] = (u[label] ?? 0) + 1;
  }

  /** The latest time the file mentions (order, status or courier time), for "fresh" leads and events. */
  private noteTime(atIso: string | null): void {
    if (atIso !== null && atIso > this.latestEvent) this.latestEvent = atIso;
  }

  private writeOrder(o: OrderIn): void {
    this.noteTime(o.orderedAt);
    this.noteTime(o.statusAt);
    if (o.phoneFlag) {
      this.result.flaggedPhones++;
      if (this.result.flaggedSample.length < SAMPLE_LIMIT) this.result.flaggedSample.push({ row: o.row, orderNo: o.orderNo, phone: o.phone });
    }
    if (o.platformStatus !== null && o.status === null) this.noteUnknownStatus(o.platformStatus);
    const found = this.st.byNo.get(o.orderNo);
    if (!found) {
      this.createOrder(o);
      return;
    }
    // Whether an earlier row of this file named the order: remembered for orders found in the store
    // (a first import of distinct orders remembers none); one this file created is told by its rowid.
    const named = this.seenBefore.has(o.orderNo);
    if (!named) this.seenBefore.add(o.orderNo);
    const l = this.st.firstLine.get(found.id);
    this.updateOrder(
      {
        ...found,
        l_rowid: l?.rowid ?? null,
        l_product: l?.product ?? null,
        l_package: l?.package ?? null,
        l_quantity: l?.quantity ?? null,
        l_amount_fen: l?.amount_fen ?? null,
      },
      o,
      () => named || (this.st.rowidOf.get(found.id)?.r ?? 0) > this.mark.orders,
    );
  }

  private createOrder(o: OrderIn): void {
    const status: OrderStatus = o.status ?? 'pending_verify';
    const row: OrderRow = {
      id: uuidv7(),
      order_no: o.orderNo,
      status,
      customer_name: o.customerName,
      phone: o.phone,
      province: o.province ?? '',
      city: o.city ?? '',
      district: o.district ?? '',
      address: o.address,
      amount_fen: o.amountFen,
      payment_method: o.paymentMethod ?? 'cod',
      ordered_at: o.orderedAt,
      source: o.source ?? '',
      ip: o.ip,
      buyer_account: o.buyerAccount,
      platform_status: o.platformStatus,
      created_at: this.nowIso,
      updated_at: this.nowIso,
      waybill_no: o.waybillNo,
      courier: o.courier,
      status_at: o.statusAt,
      phone_flag: o.phoneFlag,
    };
    const line: OrderLineRow = {
      order_id: row.id,
      position: 0,
      product: o.product ?? '',
      package: o.package ?? '',
      quantity: o.quantity ?? 1,
      amount_fen: o.amountFen,
    };
    // Positional, in ORDER_COLUMNS order (the courier columns start empty).
    this.st.insertOrder.run(
      row.id, row.order_no, row.status, row.customer_name, row.phone, row.province, row.city, row.district, row.address,
      row.amount_fen, row.payment_method, row.ordered_at, row.source, row.ip, row.buyer_account, row.platform_status,
      row.created_at, row.updated_at, row.waybill_no, row.courier, null, null, null, null, null, row.status_at, row.phone_flag,
      o.addressKey,
    );
    this.st.insertLine.run(uuidv7(), row.id, line.product, line.package, line.quantity, line.amount_fen);
    recordNewOrderMilestone(this.db, row.id, status);
    this.openInitialTask(row, o);
    this.enqueue(row);
    this.result.created++;
    if (this.createdIds) {
      this.createdIds.push(row.id);
      return;
    }
    if (this.created.length >= (this.opts.knownMax ?? KNOWN_MAX)) {
      // A very big file: memory stays bounded by what the screen itself needs, not the file too.
      this.createdIds = this.created.map((k) => k.row[0]);
      this.created.length = 0;
      this.createdIds.push(row.id);
      return;
    }
    // As the risk screen's scan would read it back (see SCAN_COLUMNS).
    this.created.push({
      row: [row.id, row.order_no, row.status, row.customer_name, row.phone, row.buyer_account, row.province, row.city, row.district,
        row.address, row.payment_method, row.ip, row.ordered_at ?? row.created_at, o.addressKey],
      products: [line.product],
    });
  }

  /** The call a new order needs, by its status. */
  private openInitialTask(row: OrderRow, o: OrderIn): void {
    switch (row.status) {
      case 'pending_verify':
        // Verify calls are for cash-on-delivery orders (and online-paid ones where the shop wants them),
        // due from the moment the order was placed.
        if (row.payment_method === 'cod' || this.opts.intake.verifyOnlinePaid) {
          this.insertTask(row.id, 'verify', o.orderedAt && o.orderedAt < this.nowIso ? o.orderedAt : this.nowIso);
        }
        return;
      case 'unpaid':
      case 'cancelled':
      case 'closed':
        // Leads are worth a call while they are fresh: due now, the queue serves the freshest first.
        // A lead new to the store was lost when the export says, or at the latest since it was ordered.
        this.defer(row.id, 'recover', o.statusAt ?? o.orderedAt, this.nowIso, o.statusAt ?? o.orderedAt);
        return;
      case 'signed':
        this.defer(row.id, 'revisit', o.statusAt, this.revisitDue(o.statusAt));
        return;
      case 'refused':
      case 'delivery_exception':
        this.defer(row.id, 'track', o.statusAt, this.nowIso);
        return;
      default:
        return;
    }
  }

  private revisitDue(signedAt: string | null): string {
    const from = signedAt ? Math.min(Date.parse(signedAt), this.nowMs) : this.nowMs;
    return new Date(from + this.opts.intake.revisitDelayDays * DAY).toISOString();
  }

  /**
   * Recover, track and revisit cards are decided when the whole file has been read: an event
   * older than `staleAfterDays` before the latest time in the file (or now, if earlier) gets none.
   * So a year of history imported once opens cards only for its recent leads, while a sample
   * export opens cards whenever it is imported.
   */
  private defer(orderId: string, flow: Flow, eventAt: string | null, dueAt: string, freshAt: string | null = null): void {
    this.pending.set(`${orderId}:${flow}`, { orderId, flow, eventAt, dueAt, freshAt });
  }

  private openDeferredTasks(): void {
    const latest = this.latestEvent && this.latestEvent < this.nowIso ? Date.parse(this.latestEvent) : this.nowMs;
    const cutoff = new Date(latest - this.opts.intake.staleAfterDays * DAY).toISOString();
    for (const p of this.pending.values()) {
      if (p.eventAt === null || p.eventAt >= cutoff) this.insertTask(p.orderId, p.flow, p.dueAt, p.freshAt);
    }
    this.pending.clear();
  }

  private insertTask(orderId: string, flow: Flow, dueAt: string, freshAt: string | null = null): void {
    // A time in the future (a clock set wrong at the shop) ranks as now.
    this.st.insertTask.run(uuidv7(), orderId, flow, dueAt, this.nowIso, freshAt !== null && freshAt < this.nowIso ? freshAt : null);
    this.result.tasksOpened[flow] = (this.result.tasksOpened[flow] ?? 0) + 1;
  }

  /**
   * Applies a status change to the order's tasks. Recover and revisit cards open once per order
   * (an agent who already worked one is not handed it again); verify and track open when none is open.
   */
  private applyTransition(row: OrderRow, t: Transition, eventAt: string | null, changes: Change[]): void {
    if (t.next !== row.status) {
      changes.push(['status', row.status, t.next]);
      row.status = t.next;
    }
    for (const flow of t.close) {
      const closed = this.st.closeTasks.run(this.nowIso, `order_${t.next}`, row.id, flow).changes;
      this.result.tasksClosed += closed;
      // A card this same file was about to open is no longer needed either.
      this.pending.delete(`${row.id}:${flow}`);
    }
    if (!t.open) return;
    const flow = t.open;
    if (flow === 'verify' && row.payment_method !== 'cod' && !this.opts.intake.verifyOnlinePaid) return;
    const once = flow === 'recover' || flow === 'revisit';
    if (this.pending.has(`${row.id}:${flow}`) || (once ? this.st.anyTask : this.st.openTask).get(row.id, flow)) return;
    if (flow === 'verify') {
      this.insertTask(row.id, flow, this.nowIso);
      return;
    }
    const due = flow === 'revisit' ? this.revisitDue(eventAt) : this.nowIso;
    // An order this store already had was lost since the last export that showed it alive: at its
    // status time when the export gives one, else now (the order time would rank it too old).
    this.defer(row.id, flow, flow === 'recover' ? (eventAt ?? row.ordered_at) : eventAt, due, flow === 'recover' ? eventAt : null);
  }

  private updateOrder(existing: OrderWithLine, o: OrderIn, earlierRow: () => boolean = () => false): void {
    // The same status word as before, which the status table did not know then and knows now (a
    // lead saved 待揽收 as shipped after the first import): applied now, as a changed word would be.
    // Only to an order still where a new one starts; anything a call or a later file did stands.
    const wordNowKnown =
      o.platformStatus !== null && o.platformStatus === existing.platform_status && o.status !== null &&
      (existing.status === 'pending_verify' || existing.status === 'unpaid') && platformTransition(existing.status, o.status) !== null;
    const labelChanged = (o.platformStatus !== null && o.platformStatus !== existing.platform_status) || wordNowKnown;
    // What the file says differs from the store (a missing column or an empty cell says nothing).
    let differs = labelChanged;
    for (let i = 0; i < COMPARED.length && !differs; i++) {
      const [field, column] = COMPARED[i];
      const value = o[field];
      differs = value !== null && value !== existing[column];
    }
    const line = {
      product: o.product ?? existing.l_product ?? '',
      package: o.package ?? existing.l_package ?? '',
      quantity: o.quantity ?? existing.l_quantity ?? 1,
      amount_fen: o.amountFen,
    };
    const lineDiffers =
      existing.l_rowid === null ||
      line.product !== existing.l_product ||
      line.package !== existing.l_package ||
      line.quantity !== existing.l_quantity ||
      line.amount_fen !== existing.l_amount_fen;
    if (!differs && !lineDiffers) {
      this.result.unchanged++;
      return;
    }
    // The same order on an earlier row of this file with another product: an export that lists an
    // order once per product (Taobao, 抖音). Whether such rows carry the product's own price or
    // the order's total repeated is not known yet (a wrong guess doubles what the courier
    // collects), so the first row stands and this one is reported by its row, instead of one product
    // silently replacing the other. A row that only moves the status on (未付款 then 待发货) applies.
    if (
      o.product !== null &&
      (o.product !== existing.l_product || (o.package !== null && o.package !== existing.l_package)) &&
      earlierRow()
    ) {
      const said = (product: string | null, pkg: string | null) => [product, pkg].filter(Boolean).join(' ');
      this.conflict({ row: o.row, orderNo: o.orderNo, code: 'repeated_in_file', current: said(existing.l_product, existing.l_package), incoming: said(o.product, o.package) });
      return;
    }

    const incoming = o.platformStatus ?? '';
    const current = existing.platform_status ?? existing.status;
    // An export older than what the store has (by the export's own status time, or by a status
    // that ranks below the one imported before) changes nothing.
    if (o.statusAt && existing.status_at && o.statusAt < existing.status_at) {
      this.conflict({ row: o.row, orderNo: o.orderNo, code: 'older_export', current, incoming: incoming || o.statusAt });
      return;
    }
    if (labelChanged && o.status && existing.platform_status) {
      const before = this.platformTarget(existing.platform_status);
      if (before && PLATFORM_RANK[o.status] < PLATFORM_RANK[before]) {
        this.conflict({ row: o.row, orderNo: o.orderNo, code: 'status_backwards', current, incoming });
        return;
      }
    }
    const transition = labelChanged && o.status ? platformTransition(existing.status, o.status) : null;
    if (transition && o.statusAt) {
      // An agent's call recorded after the export's status time is newer than the export.
      const lastCall = this.st.lastCallAt.get(existing.id)?.at ?? null;
      if (lastCall && lastCall > o.statusAt && transition.next !== existing.status) {
        this.conflict({ row: o.row, orderNo: o.orderNo, code: 'agent_newer', current: existing.status, incoming });
        return;
      }
    }

    // Values an agent corrected on a call are the agent's: an export never overwrites them.
    const kept = new Set(this.st.correctedOnCall.all(existing.id).map((r) => r.field));
    const next: OrderRow = { ...existing };
    const nextRecord = next as unknown as Record<string, unknown>;
    const changes: Change[] = [];
    for (const [field, column] of COMPARED) {
      const value = o[field];
      if (value === null || kept.has(field) || value === existing[column]) continue;
      changes.push([field, existing[column], value]);
      nextRecord[column] = value;
    }
    if (next.phone !== existing.phone) next.phone_flag = o.phoneFlag;

    const hadLine = existing.l_rowid !== null;
    if (hadLine) {
      if (kept.has('package')) line.package = existing.l_package!;
      if (kept.has('quantity')) line.quantity = existing.l_quantity!;
      if (kept.has('amountFen')) line.amount_fen = existing.l_amount_fen!;
    }
    const lineChanged =
      !hadLine ||
      line.product !== existing.l_product ||
      line.package !== existing.l_package ||
      line.quantity !== existing.l_quantity ||
      line.amount_fen !== existing.l_amount_fen;
    if (lineChanged && hadLine) {
      const before = packageText([{ product: existing.l_product!, package: existing.l_package!, quantity: existing.l_quantity! }]);
      const after = packageText([line]);
      // A line whose amount alone changed reads as its amount (the package entry said "阿胶糕 2盒 → 阿胶糕 2盒").
      if (before !== after) changes.push(['package', before, after]);
      else if (!changes.some((c) => c[0] === 'amountFen')) changes.push(['amountFen', existing.l_amount_fen, line.amount_fen]);
    }

    if (labelChanged) {
      if (!wordNowKnown) changes.push(['platformStatus', existing.platform_status, o.platformStatus]);
      next.platform_status = o.platformStatus;
      if (o.statusAt) next.status_at = o.statusAt;
      if (transition) this.applyTransition(next, transition, o.statusAt, changes);
    }

    if (changes.length === 0) {
      this.result.unchanged++;
      return;
    }
    next.updated_at = this.nowIso;
    this.saveOrder(next);
    if (lineChanged) {
      if (hadLine) this.st.updateLine.run(line.product, line.package, line.quantity, line.amount_fen, existing.id);
      else this.st.insertLine.run(uuidv7(), existing.id, line.product, line.package, line.quantity, line.amount_fen);
    }
    this.history(existing.id, 'import', changes);
    this.enqueue(next);
    this.result.updated++;
    this.updatedIds.push(existing.id);
  }

  private writeCourier(c: CourierIn): void {
    this.noteTime(c.at);
    let order = c.orderNo ? this.st.byNo.get(c.orderNo) : undefined;
    if (!order && c.waybillNo) order = this.st.byWaybill.get(c.waybillNo);
    if (!order) {
      this.reject({ row: c.row, field: c.orderNo ? 'orderNo' : 'waybillNo', code: 'order_not_found', cells: this.courierCells(c) });
      return;
    }
    const incoming = c.label + (c.reason ? ` · ${c.reason}` : '');
    const current = order.courier_status ?? order.status;
    // Where the parcel waits: the file's column, else the courier's words, else what an earlier line
    // said (a file without the column, words naming no place); a line that no longer says the
    // parcel waits (redelivered, signed) forgets the place.
    const station = WAITING.has(c.event) ? (c.station ?? stationFromText(c.event, c.reason, c.label) ?? order.courier_station ?? null) : null;
    const stationNews = station !== (order.courier_station ?? null);
    // The same line again (same word and reason, and the same time when the file has times): nothing new.
    const sameLine =
      c.label === order.courier_status && (c.reason ?? null) === (order.courier_reason ?? null) && (c.at === null || c.at === order.courier_at);
    const waybillNews = c.waybillNo !== null && c.waybillNo !== order.waybill_no;
    const courierNews = c.courier !== null && c.courier !== order.courier;
    if (sameLine && !waybillNews && !courierNews && !stationNews) {
      this.result.unchanged++;
      return;
    }
    if (c.at && order.courier_at && c.at < order.courier_at) {
      this.conflict({ row: c.row, orderNo: order.order_no, code: 'older_export', current, incoming });
      return;
    }
    // Without times, a line that ranks below the last one taken is older news.
    if (!(c.at && order.courier_at) && courierRank(c.event) < courierRank(order.courier_event)) {
      this.conflict({ row: c.row, orderNo: order.order_no, code: 'status_backwards', current, incoming });
      return;
    }
    const transition = courierTransition(order.status, c.event);
    const agrees = (c.event === 'signed' && order.status === 'signed') || (c.event === 'returned' && order.status === 'returned');
    if (!transition && FINAL.has(order.status) && !agrees) {
      this.conflict({ row: c.row, orderNo: order.order_no, code: 'order_final', current: order.status, incoming });
      return;
    }

    const next: OrderRow = { ...order };
    const changes: Change[] = [];
    if (c.label !== order.courier_status) changes.push(['courierStatus', order.courier_status ?? null, c.label]);
    if ((c.reason ?? null) !== (order.courier_reason ?? null)) changes.push(['courierReason', order.courier_reason ?? null, c.reason]);
    if (stationNews) {
      changes.push(['courierStation', order.courier_station ?? null, station]);
      next.courier_station = station;
    }
    next.courier_status = c.label;
    next.courier_event = c.event;
    next.courier_reason = c.reason;
    // A line without a time is dated when it was learnt.
    next.courier_at = c.at ?? (sameLine ? (order.courier_at ?? this.nowIso) : this.nowIso);
    if (c.waybillNo && c.waybillNo !== order.waybill_no) {
      changes.push(['waybillNo', order.waybill_no ?? null, c.waybillNo]);
      next.waybill_no = c.waybillNo;
    }
    if (c.courier && c.courier !== order.courier) {
      changes.push(['courier', order.courier ?? null, c.courier]);
      next.courier = c.courier;
    }
    let events: { at: string; status: string; reason: string | null }[] = [];
    try {
      events = order.courier_events ? (JSON.parse(order.courier_events) as typeof events) : [];
    } catch {
      events = [];
    }
    if (!sameLine) events.push({ at: next.courier_at, status: c.label, reason: c.reason });
    next.courier_events = JSON.stringify(events.slice(-EVENTS_KEPT));
    if (transition) this.applyTransition(next, transition, c.at, changes);
    if (changes.length === 0 && next.courier_at === order.courier_at) {
      this.result.unchanged++;
      return;
    }
    next.updated_at = this.nowIso;
    this.saveOrder(next);
    if (stationNews) this.st.setStation.run(station, order.id);
    this.history(order.id, 'courier', changes);
    this.enqueue(next);
    this.result.updated++;
    this.updatedIds.push(order.id);
  }

  private courierCells(c: CourierIn): string[] {
    return [c.waybillNo ?? '', c.orderNo ?? '', c.label, c.at ?? '', c.reason ?? '', c.courier ?? ''];
  }

  private history(orderId: string, source: string, changes: Change[]): void {
    for (const [field, oldValue, newValue] of changes) {
      this.st.insertHistory.run(uuidv7(), orderId, this.nowIso, source, field, str(oldValue), str(newValue));
    }
  }

  /** The order as the server must learn it, written with the change (same transaction). */
  /** The order goes to the server as it stands when the outbox is sent (see enqueueOrderChange). */
  private enqueue(row: OrderRow): void {
    this.st.insertOutbox.run(uuidv7(), row.id, orderChangePayload(row.updated_at), this.nowIso);
  }
}
