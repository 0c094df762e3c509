/**
 * Reads the plain rows the KPI formulas need (shared/kpi/facts) for a period and filters. Only
 * reads; every number is computed by shared/kpi. Filters:
 * - calls: by the calling agent, the outcome's flow, and the order's first product and source;
 * - orders and shipments: by product and source, and with an agent or flow filter, the orders that
 *   agent ever called / that ever had a call of that flow (the orders "in" the filtered view);
 * - high-risk rejections: by the rejecting lead, product and source (a flow filter other than
 *   verify leaves none: rejecting a held order happens before shipping).
 */
import type { ReportFilters } from '../../../shared/contracts/reports';
import type { Flow, OrderStatus } from '../../../shared/domain';
import type { CallFact, OrderFact, RiskRejectionFact, ShipmentFact } from '../../../shared/kpi/facts';
import type { CallLine } from '../../../shared/reports/sheet';
import type { OutcomeCode } from '../../../shared/outcomes';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';
import { PHONE_ORDER_SOURCE } from '../../../shared/sources';

export interface Bounds {
  start: string;
  end: string;
}

type FilterArgs = Pick<ReportFilters, 'agentId' | 'flow' | 'product' | 'source'>;

interface Where {
  sql: string;
  params: Record<string, string>;
}

/** The first line's product is the order's product (an upsell adds lines after it). */
const PRODUCT_MATCH = 'EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.position = 0 AND l.product = @product)';

function orderFilters(f: FilterArgs): Where {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (f.source) {
    parts.push('o.source = @source');
    params.source = f.source;
  }
  if (f.product) {
    parts.push(PRODUCT_MATCH);
    params.product = f.product;
  }
  // An agent's orders, and a flow's, are looked up once as a set (ordersOfFilter), not per order.
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

function callFilters(f: FilterArgs): Where {
  const w = orderFilters(f);
  if (f.agentId) {
    w.sql += ' AND c.agent_id = @agent';
    w.params.agent = f.agentId;
  }
  if (f.flow) {
    w.sql += ' AND c.flow = @flow';
    w.params.flow = f.flow;
  }
  return w;
}

// `exhausted` is written only by the retry path as {"exhausted":true}; instr avoids parsing JSON per row.
const CALL_COLUMNS = `c.id, c.created_at, c.agent_id, c.order_id, c.task_id, t.flow, c.flow, c.outcome, c.reached, c.reason_code,
  c.amount_fen, c.handle_ms, c.talk_ms, instr(c.details, '"exhausted":true') > 0, o.amount_fen, o.status,
  instr(c.details, '"alsoOnCall":true') > 0`;

type CallRaw = [
  string, string, string, string, string, Flow, Flow, OutcomeCode, number, string | null,
  number | null, number | null, number | null, number, number, OrderStatus, number,
];

function toCallFact(r: CallRaw): CallFact {
  return {
    id: r[0],
    at: r[1],
    agentId: r[2],
    orderId: r[3],
    taskId: r[4],
    taskFlow: r[5],
    flow: r[6],
    outcome: r[7],
    reached: r[8] === 1,
    reasonCode: r[9],
    amountFen: r[10],
    handleMs: r[11],
    talkMs: r[12],
    exhausted: r[13] === 1,
    orderAmountFen: r[14],
    orderStatus: r[15],
    alsoOnCall: r[16] === 1,
  };
}

/** Outcome rows recorded in [start, end), oldest first. */
export function callFacts(db: Db, b: Bounds, f: FilterArgs): CallFact[] {
  const w = callFilters(f);
  // The agent index serves an agent's view; the time index everything else.
  const index = f.agentId ? 'call_outcomes_agent' : 'call_outcomes_created';
  const rows = prepared(
    db,
    `SELECT ${CALL_COLUMNS} FROM call_outcomes c INDEXED BY ${index}
     JOIN call_tasks t ON t.id = c.task_id JOIN orders o ON o.id = c.order_id
     WHERE c.created_at >= @start AND c.created_at < @end${w.sql}
     ORDER BY c.created_at`,
  )
    .raw(true)
    .all({ start: b.start, end: b.end, ...w.params }) as CallRaw[];
  return rows.map(toCallFact);
}

/** Every order an agent ever called. */
export function agentOrderIds(db: Db, agentId: string): ReadonlySet<string> {
  const rows = prepared<[string], string>(db, 'SELECT order_id FROM call_outcomes INDEXED BY call_outcomes_agent WHERE agent_id = ?')
    .pluck(true)
    .all(agentId);
  return new Set(rows);
}

/**
 * Every order that ever had a call of a flow. Outcomes are append-only, so the set is kept per
 * store and brought up to date from the rows added since (by rowid): the first read scans the
 * outcomes once, the next ones read only what is new.
 */
const flowOrders = new WeakMap<Db, Map<Flow, { lastRowid: number; ids: Set<string> }>>();
export function flowOrderIds(db: Db, flow: Flow): ReadonlySet<string> {
  let perDb = flowOrders.get(db);
  if (!perDb) flowOrders.set(db, (perDb = new Map()));
  let entry = perDb.get(flow);
  if (!entry) perDb.set(flow, (entry = { lastRowid: 0, ids: new Set() }));
  const rows = prepared<[number, string], [number, string]>(db, 'SELECT rowid, order_id FROM call_outcomes WHERE rowid > ? AND flow = ? ORDER BY rowid')
    .raw(true)
    .all(entry.lastRowid, flow);
  for (const [rowid, orderId] of rows) {
    entry.ids.add(orderId);
    entry.lastRowid = rowid;
  }
  return entry.ids;
}

/** The orders an agent or flow filter keeps, read once per filter object (a dashboard reads orders and shipments with one). */
const filterOrdersMemo = new WeakMap<FilterArgs, ReadonlySet<string> | null>();
function ordersOfFilter(db: Db, f: FilterArgs): ReadonlySet<string> | null {
  if (filterOrdersMemo.has(f)) return filterOrdersMemo.get(f)!;
  let set: ReadonlySet<string> | null = null;
  if (f.agentId) set = agentOrderIds(db, f.agentId);
  if (f.flow) {
    const ofFlow = flowOrderIds(db, f.flow);
    set = set ? new Set([...set].filter((id) => ofFlow.has(id))) : ofFlow;
  }
  filterOrdersMemo.set(f, set);
  return set;
}

/** Orders placed in [start, end) (an order without an order time counts when it was stored). */
export function orderFacts(db: Db, b: Bounds, f: FilterArgs): { fact: OrderFact; placedAt: string }[] {
  const w = orderFilters(f);
  const mine = ordersOfFilter(db, f);
  const rows = prepared(
    db,
    // Talked to the team first: ordered on the phone with an agent, or the same buyer (number) had
    // a call that got through before this order was placed. The calls about this order itself come
    // after it (a verify call that ends in a cancellation is not "consulted before ordering").
    `SELECT o.id, o.status, o.amount_fen,
       o.source = '${PHONE_ORDER_SOURCE}' OR o.phone <> '' AND EXISTS (
         SELECT 1 FROM orders p INDEXED BY orders_phone_time JOIN call_outcomes r ON r.order_id = p.id
         WHERE p.phone = o.phone AND r.reached = 1 AND r.created_at < COALESCE(o.ordered_at, o.created_at)),
       COALESCE(o.ordered_at, o.created_at),
       EXISTS (SELECT 1 FROM call_outcomes c INDEXED BY call_outcomes_order WHERE c.order_id = o.id)
     FROM orders o INDEXED BY orders_placed
     WHERE COALESCE(o.ordered_at, o.created_at) >= @start AND COALESCE(o.ordered_at, o.created_at) < @end${w.sql}`,
  )
    .raw(true)
    .all({ start: b.start, end: b.end, ...w.params }) as [string, OrderStatus, number, number, string, number][];
  return rows
    .filter((r) => !mine || mine.has(r[0]))
    .map((r) => ({ fact: { id: r[0], status: r[1], amountFen: r[2], talkedToService: r[3] === 1, called: r[5] === 1 }, placedAt: r[4] }));
}

/** Orders that left in [start, end). Unfiltered, the covering index alone answers. */
export function shipmentFacts(db: Db, b: Bounds, f: FilterArgs): ShipmentFact[] {
  const w = orderFilters(f);
  const mine = ordersOfFilter(db, f);
  const join = w.sql ? ' JOIN orders o ON o.id = m.order_id' : '';
  const rows = prepared(
    db,
    `SELECT m.order_id, m.shipped_at, m.signed_at, m.refused_at FROM order_milestones m INDEXED BY order_milestones_shipped${join}
     WHERE m.shipped_at >= @start AND m.shipped_at < @end${w.sql}`,
  )
    .raw(true)
    .all({ start: b.start, end: b.end, ...w.params }) as [string, string, string | null, string | null][];
  return rows.filter((r) => !mine || mine.has(r[0])).map((r) => ({ orderId: r[0], shippedAt: r[1], signedAt: r[2], refusedAt: r[3] }));
}

/** Held high-risk orders a lead rejected in [start, end). */
export function riskRejectionFacts(db: Db, b: Bounds, f: FilterArgs): RiskRejectionFact[] {
  if (f.flow && f.flow !== 'verify') return [];
  const w = orderFilters(f);
  if (f.agentId) {
    w.sql += ' AND h.agent_id = @agent';
    w.params.agent = f.agentId;
  }
  const rows = prepared(
    db,
    `SELECT h.order_id, h.at, h.agent_id FROM order_history h INDEXED BY order_history_risk_reject JOIN orders o ON o.id = h.order_id
     WHERE h.field = 'risk_reject' AND h.at >= @start AND h.at < @end${w.sql}`,
  )
    .raw(true)
    .all({ start: b.start, end: b.end, ...w.params }) as [string, string, string | null][];
  return rows.map((r) => ({ orderId: r[0], at: r[1], agentId: r[2] ?? '' }));
}

// ---------- the calls sheet and the drill-down ----------

/** The order's product as the product filter matches it: its first line's ('' without lines). */
const ORDER_PRODUCT = "COALESCE((SELECT l.product FROM order_lines l WHERE l.order_id = o.id AND l.position = 0), '')";

const LINE_COLUMNS = `${CALL_COLUMNS}, a.name, o.order_no, o.customer_name, o.phone, o.province, o.city, o.district, o.address,
  ${ORDER_PRODUCT}, o.source, c.attempt,
  c.script_path, c.note, c.script_pack_id, c.script_version, instr(c.details, '"inbound":true') > 0`;

type LineRaw = [
  ...CallRaw,
  string, string, string, string, string, string, string, string, string, string, number, string | null, string,
  string | null, string | null, number,
];

const STEP = /"step":"((?:[^"\\]|\\.)*)"/g;

/** Step ids of a stored script path (JSON [{step, at, objection?}]), without parsing each whole path. */
export function scriptSteps(json: string | null): string[] {
  if (!json) return [];
  const steps: string[] = [];
  for (const m of json.matchAll(STEP)) steps.push(m[1].includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1]);
  return steps;
}

/** Fills a line from a row in place (an export reuses one line object for 100,000 rows). */
function fillCallLine(line: CallLine, r: LineRaw): CallLine {
  line.id = r[0];
  line.at = r[1];
  line.agentId = r[2];
  line.orderId = r[3];
  line.taskId = r[4];
  line.taskFlow = r[5];
  line.flow = r[6];
  line.outcome = r[7];
  line.reached = r[8] === 1;
  line.reasonCode = r[9];
  line.amountFen = r[10];
  line.handleMs = r[11];
  line.talkMs = r[12];
  line.exhausted = r[13] === 1;
  line.orderAmountFen = r[14];
  line.orderStatus = r[15];
  line.alsoOnCall = r[16] === 1;
  line.agentName = r[17];
  line.orderNo = r[18];
  line.customerName = r[19];
  line.phone = r[20];
  line.province = r[21];
  line.city = r[22];
  line.district = r[23];
  line.address = r[24];
  line.product = r[25];
  line.source = r[26];
  line.attempt = r[27];
  line.scriptPath = scriptSteps(r[28]);
  line.note = r[29];
  line.scriptPackId = r[30];
  line.scriptVersion = r[31];
  line.inbound = r[32] === 1;
  return line;
}

function toCallLine(r: LineRaw): CallLine {
  return fillCallLine({} as CallLine, r);
}

/**
 * Every call of the period as the calls sheet lists it, oldest first, read in pages (keyset on
 * time and rowid: the index's own order, so no page sorts) so that no statement stays open while
 * the file is written.
 */
export function* callLines(db: Db, b: Bounds, f: FilterArgs, pageSize = 5000): Generator<CallLine[]> {
  for (const page of callLineRows(db, b, f, pageSize)) yield page.map(toCallLine);
}

/**
 * The same calls, each in one line object filled in place: read a line before asking for the next
 * (the export's writers do), and keep none.
 */
export function* callLinesInPlace(db: Db, b: Bounds, f: FilterArgs): Generator<CallLine> {
  const line = {} as CallLine;
  for (const page of callLineRows(db, b, f)) for (const r of page) yield fillCallLine(line, r);
}

function* callLineRows(db: Db, b: Bounds, f: FilterArgs, pageSize = 20_000): Generator<LineRaw[]> {
  const w = callFilters(f);
  const index = f.agentId ? 'call_outcomes_agent' : 'call_outcomes_created';
  const page = prepared(
    db,
    `SELECT ${LINE_COLUMNS}, c.rowid FROM call_outcomes c INDEXED BY ${index}
     JOIN call_tasks t ON t.id = c.task_id JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id
     WHERE c.created_at >= @lower AND c.created_at < @end${w.sql} AND (c.created_at > @afterAt OR c.rowid > @afterRowid)
     ORDER BY c.created_at, c.rowid LIMIT @limit`,
  ).raw(true);
  let afterAt = '';
  let afterRowid = 0;
  for (;;) {
    // The lower bound moves with the pages, so that each page reads only its own index entries.
    const lower = afterAt > b.start ? afterAt : b.start;
    const rows = page.all({ lower, end: b.end, afterAt, afterRowid, limit: pageSize, ...w.params }) as [...LineRaw, number][];
    if (!rows.length) return;
    yield rows as unknown as LineRaw[];
    const last = rows[rows.length - 1];
    afterAt = last[1];
    afterRowid = last[last.length - 1] as number;
    if (rows.length < pageSize) return;
  }
}

/** The display rows of given outcome ids (a drill-down page), in the order given. */
export function callLinesByIds(db: Db, ids: string[]): CallLine[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM call_outcomes c
       JOIN call_tasks t ON t.id = c.task_id JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id
       WHERE c.id IN (${ids.map(() => '?').join(', ')})`,
    )
    .raw(true)
    .all(...ids) as LineRaw[];
  const byId = new Map(rows.map((r) => [r[0], toCallLine(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The product (as ORDER_PRODUCT) and source of each of these orders: what the by-product and
 * by-source sheets file a high-risk rejection under (a rejection is no call, so no call line says).
 */
export function orderProductSources(db: Db, orderIds: readonly string[]): Map<string, { product: string; source: string }> {
  if (!orderIds.length) return new Map();
  const rows = prepared(db, `SELECT o.id, ${ORDER_PRODUCT}, o.source FROM orders o WHERE o.id IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify([...new Set(orderIds)])) as [string, string, string][];
  return new Map(rows.map((r) => [r[0], { product: r[1], source: r[2] }]));
}

export interface AgentRow {
  id: string;
  name: string;
}

export function agentRows(db: Db): AgentRow[] {
  return prepared<[], AgentRow>(db, 'SELECT id, name FROM agents ORDER BY created_at, id').all();
}
