/**
 * The screener: gathers what the rules need (regions of the phone, IP and address; the other
 * orders sharing a phone, account or address; blacklist matches; dead-number calls), runs the
 * pure rules of shared/risk, and stores the result with the hold it implies. Batches: every
 * lookup is one query per kind for the whole batch, statements are compiled once per store.
 */
import { uuidv7 } from 'uuidv7';
import type { OrderStatus, PaymentMethod } from '../../../shared/domain';
import { addressKey } from '../../../shared/risk/address';
import type { Region } from '../../../shared/risk/regions';
import { assessRisk, type BlacklistMatch, type RiskAssessment, type ScreenedOrder, type ScreeningContext } from '../../../shared/risk/rules';
import type { RiskSettings } from '../../../shared/risk/settings';
import type { HoldReason, OrderRiskView, RiskFactView } from '../../../shared/risk/view';
import type { RescreenResult } from '../../../shared/contracts/risk';
import type { Db } from '../db/open';
import { getMeta } from '../settings';
import { bundledPhoneRegion, ipInfo, phoneKind, regionTable, type IpInfo } from './data';
import { accountKey, nameAddressKey } from './keys';
import { loadRiskSettings } from './settings';

/** Orders not yet shipped: the only ones a hold can stop. */
export const HOLDABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(['pending_verify', 'verified']);
const HISTORY_STATUSES = "('refused', 'rejected')";
const HOUR = 3_600_000;
/** A key shared by very many orders (a dormitory, a test phone) is looked at this far only. */
const MAX_PER_KEY = 60;

const COLUMNS = `o.id, o.order_no, o.status, o.customer_name, o.phone, o.buyer_account, o.province, o.city, o.district,
  o.address, o.payment_method, o.ip, coalesce(o.ordered_at, o.created_at) AS at, o.address_key,
  (SELECT group_concat(l.product, char(31)) FROM order_lines l WHERE l.order_id = o.id) AS products`;

interface ScanRow {
  id: string;
  order_no: string;
  status: OrderStatus;
  customer_name: string;
  phone: string;
  buyer_account: string | null;
  province: string;
  city: string;
  district: string;
  address: string;
  payment_method: PaymentMethod;
  ip: string | null;
  at: string;
  address_key: string;
  products: string | null;
}

interface Candidate extends ScreenedOrder {
  id: string;
  row: ScanRow;
}

export interface RiskRow {
  order_id: string;
  score: number;
  level: 'low' | 'medium' | 'high';
  facts: string;
  regions: string;
  screened_at: string;
  held: number;
  hold_reason: HoldReason | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  confirmed_score: number | null;
  override_decision: 'release' | 'hold' | null;
  override_reason: string | null;
  override_by: string | null;
  override_at: string | null;
  override_score: number | null;
}

type Keyed = { keys: string; from: string; to: string };

function statements(db: Db) {
  const inIds = 'IN (SELECT value FROM json_each(?))';
  return {
    missingKeys: db.prepare<[], Pick<ScanRow, 'id' | 'province' | 'city' | 'district' | 'address'>>(
      'SELECT id, province, city, district, address FROM orders WHERE address_key IS NULL',
    ),
    setKey: db.prepare<[string, string]>('UPDATE orders SET address_key = ? WHERE id = ?'),
    byIds: db.prepare<[string], ScanRow>(`SELECT ${COLUMNS} FROM orders o WHERE o.id ${inIds}`),
    all: db.prepare<[], ScanRow>(`SELECT ${COLUMNS} FROM orders o`),
    byPhones: db.prepare<Keyed, ScanRow>(
      `SELECT ${COLUMNS} FROM orders o WHERE o.phone IN (SELECT value FROM json_each(@keys))
         AND (coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to OR o.status IN ${HISTORY_STATUSES})`,
    ),
    byAccounts: db.prepare<Keyed, ScanRow>(
      `SELECT ${COLUMNS} FROM orders o WHERE o.buyer_account IN (SELECT value FROM json_each(@keys))
         AND (coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to OR o.status IN ${HISTORY_STATUSES})`,
    ),
    byAddresses: db.prepare<Keyed, ScanRow>(
      `SELECT ${COLUMNS} FROM orders o WHERE o.address_key IN (SELECT value FROM json_each(@keys))
         AND coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to`,
    ),
    deadCalls: db.prepare<{ outcomes: string; phones: string }, { phone: string; outcome: string; created_at: string }>(
      `SELECT o.phone, c.outcome, c.created_at FROM call_outcomes c JOIN orders o ON o.id = c.order_id
       WHERE c.outcome IN (SELECT value FROM json_each(@outcomes)) AND o.phone IN (SELECT value FROM json_each(@phones))`,
    ),
    allDeadCalls: db.prepare<{ outcomes: string }, { phone: string; outcome: string; created_at: string }>(
      `SELECT o.phone, c.outcome, c.created_at FROM call_outcomes c JOIN orders o ON o.id = c.order_id
       WHERE c.outcome IN (SELECT value FROM json_each(@outcomes))`,
    ),
    blacklistByKind: db.prepare<{ kind: string; values: string; now: string }, BlacklistRow>(
      `SELECT kind, value, display, reason, note FROM blacklist
       WHERE kind = @kind AND value IN (SELECT value FROM json_each(@values)) AND (expires_at IS NULL OR expires_at > @now)`,
    ),
    blacklistAll: db.prepare<{ now: string }, BlacklistRow>(
      'SELECT kind, value, display, reason, note FROM blacklist WHERE expires_at IS NULL OR expires_at > @now',
    ),
    riskByIds: db.prepare<[string], RiskRow>(`SELECT * FROM order_risk WHERE order_id ${inIds}`),
    riskAll: db.prepare<[], RiskRow>('SELECT * FROM order_risk'),
    riskOf: db.prepare<[string], RiskRow>('SELECT * FROM order_risk WHERE order_id = ?'),
    upsert: db.prepare(
      `INSERT INTO order_risk (order_id, score, level, facts, regions, screened_at, held, hold_reason, confirmed_at,
         confirmed_by, confirmed_score)
       VALUES (@order_id, @score, @level, @facts, @regions, @screened_at, @held, @hold_reason, @confirmed_at,
         @confirmed_by, @confirmed_score)
       ON CONFLICT(order_id) DO UPDATE SET score = excluded.score, level = excluded.level, facts = excluded.facts,
         regions = excluded.regions, screened_at = excluded.screened_at, held = excluded.held,
         hold_reason = excluded.hold_reason, confirmed_at = excluded.confirmed_at,
         confirmed_by = excluded.confirmed_by, confirmed_score = excluded.confirmed_score`,
    ),
    history: db.prepare(
      `INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value)
       VALUES (?, ?, ?, ?, 'risk', ?, ?, ?)`,
    ),
    prefixes: db.prepare<[], { prefix: string; province: string; city: string }>('SELECT prefix, province, city FROM phone_prefixes'),
    orderNoOf: db.prepare<[string], { order_no: string }>('SELECT order_no FROM orders WHERE id = ?'),
  };
}
type Statements = ReturnType<typeof statements>;
const cache = new WeakMap<Db, Statements>();
export function riskStatements(db: Db): Statements {
  let st = cache.get(db);
  if (!st) {
    st = statements(db);
    cache.set(db, st);
  }
  return st;
}

interface BlacklistRow {
  kind: BlacklistMatch['kind'];
  value: string;
  display: string;
  reason: string;
  note: string;
}

// ---------- imported prefixes, consulted before the bundled ranges ----------

export const PREFIXES_VERSION_META = 'risk:phonePrefixesVersion';
const overlays = new WeakMap<Db, { version: string; map: Map<string, Region | null> }>();

function prefixOverlay(db: Db, st: Statements): Map<string, Region | null> {
  const version = getMeta(db, PREFIXES_VERSION_META) ?? '';
  const hit = overlays.get(db);
  if (hit && hit.version === version) return hit.map;
  const table = regionTable();
  const map = new Map<string, Region | null>();
  for (const p of st.prefixes.all()) map.set(p.prefix, table.region(p.province, p.city));
  overlays.set(db, { version, map });
  return map;
}

export function phoneRegion(phone: string, overlay: Map<string, Region | null>): Region | null {
  if (overlay.size && phone.length === 11) {
    const r = overlay.get(phone.slice(0, 7));
    if (r) return r;
  }
  return bundledPhoneRegion(phone);
}

// ---------- the pool of orders the rules may look at ----------

function toCandidate(r: ScanRow): Candidate {
  return {
    id: r.id,
    row: r,
    orderNo: r.order_no,
    status: r.status,
    at: Date.parse(r.at),
    phone: r.phone,
    account: accountKey(r.buyer_account),
    name: r.customer_name,
    addressKey: r.address_key,
    products: r.products ? r.products.split('\u001f') : [],
  };
}

class Pool {
  readonly byId = new Map<string, Candidate>();
  private readonly groups = { phone: new Map<string, Candidate[]>(), account: new Map<string, Candidate[]>(), address: new Map<string, Candidate[]>() };
  private sorted = true;
  private readonly history = new Map<Candidate[], Candidate[]>();

  add(rows: Iterable<ScanRow>): void {
    for (const r of rows) {
      if (this.byId.has(r.id)) continue;
      const c = toCandidate(r);
      this.byId.set(c.id, c);
      if (c.phone) push(this.groups.phone, c.phone, c);
      if (c.account) push(this.groups.account, c.account, c);
      if (c.addressKey) push(this.groups.address, c.addressKey, c);
      this.sorted = false;
    }
  }

  private sort(): void {
    if (this.sorted) return;
    for (const g of Object.values(this.groups)) for (const list of g.values()) list.sort((a, b) => a.at - b.at);
    this.history.clear();
    this.sorted = true;
  }

  /** Orders sharing a key with `o`: within the window around it, plus (by phone/account) refused or rejected ones. */
  related(o: Candidate, windowMs: number): Candidate[] {
    this.sort();
    const out = new Map<string, Candidate>();
    const take = (list: Candidate[] | undefined, withHistory: boolean) => {
      if (!list || list.length < 2) return;
      const from = lowerBound(list, o.at - windowMs);
      const to = Math.min(list.length, from + MAX_PER_KEY);
      for (let i = from; i < to && list[i].at <= o.at + windowMs; i++) if (list[i] !== o) out.set(list[i].id, list[i]);
      if (withHistory) for (const h of this.historyOf(list)) if (h !== o) out.set(h.id, h);
    };
    if (o.phone) take(this.groups.phone.get(o.phone), true);
    if (o.account) take(this.groups.account.get(o.account), true);
    if (o.addressKey) take(this.groups.address.get(o.addressKey), false);
    return [...out.values()];
  }

  private historyOf(list: Candidate[]): Candidate[] {
    let h = this.history.get(list);
    if (!h) {
      h = list.filter((c) => c.status === 'refused' || c.status === 'rejected').slice(-MAX_PER_KEY);
      this.history.set(list, h);
    }
    return h;
  }
}

function push(map: Map<string, Candidate[]>, key: string, c: Candidate): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
}

function lowerBound(list: Candidate[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------- screening ----------

function windowMs(s: RiskSettings): number {
  return Math.max(s.rules.duplicate_order.windowHours, s.rules.multi_account.windowHours) * HOUR;
}

/** Fills address keys the screener has not computed yet (new rows, orders from before migration 4). */
function fillAddressKeys(st: Statements): void {
  for (const r of st.missingKeys.all()) st.setKey.run(addressKey(r.province, r.city, r.district, r.address), r.id);
}

/** Keys of changed rows must be recomputed: the caller names them. */
function refreshAddressKeys(st: Statements, rows: ScanRow[]): void {
  for (const r of rows) {
    const key = addressKey(r.province, r.city, r.district, r.address);
    if (key !== r.address_key) {
      st.setKey.run(key, r.id);
      r.address_key = key;
    }
  }
}

function loadNeighbours(st: Statements, pool: Pool, targets: Candidate[], win: number): void {
  if (!targets.length) return;
  let min = Infinity;
  let max = -Infinity;
  for (const t of targets) {
    min = Math.min(min, t.at);
    max = Math.max(max, t.at);
  }
  const range = { from: new Date(min - win).toISOString(), to: new Date(max + win).toISOString() };
  const phones = [...new Set(targets.map((t) => t.row.phone).filter(Boolean))];
  const accounts = [...new Set(targets.map((t) => t.row.buyer_account).filter((a): a is string => !!a))];
  const addresses = [...new Set(targets.map((t) => t.addressKey).filter(Boolean))];
  if (phones.length) pool.add(st.byPhones.iterate({ keys: JSON.stringify(phones), ...range }));
  if (accounts.length) pool.add(st.byAccounts.iterate({ keys: JSON.stringify(accounts), ...range }));
  if (addresses.length) pool.add(st.byAddresses.iterate({ keys: JSON.stringify(addresses), ...range }));
}

interface Lookups {
  overlay: Map<string, Region | null>;
  dead: Map<string, { outcome: string; at: number }[]>;
  blacklist: Map<string, BlacklistRow[]>;
  ips: Map<string, IpInfo>;
}

function blacklistKey(kind: string, value: string): string {
  return `${kind}\u0000${value}`;
}

function loadLookups(db: Db, st: Statements, s: RiskSettings, targets: Candidate[] | 'all', now: Date): Lookups {
  const nowIso = now.toISOString();
  const outcomes = JSON.stringify(s.rules.invalid_contact.deadOutcomes);
  const dead = new Map<string, { outcome: string; at: number }[]>();
  const blacklist = new Map<string, BlacklistRow[]>();
  const addBl = (r: BlacklistRow) => {
    const k = blacklistKey(r.kind, r.value);
    blacklist.set(k, [...(blacklist.get(k) ?? []), r]);
  };
  let deadRows: { phone: string; outcome: string; created_at: string }[];
  if (targets === 'all') {
    deadRows = st.allDeadCalls.all({ outcomes });
    for (const r of st.blacklistAll.iterate({ now: nowIso })) addBl(r);
  } else {
    const phones = [...new Set(targets.map((t) => t.phone).filter(Boolean))];
    deadRows = phones.length ? st.deadCalls.all({ outcomes, phones: JSON.stringify(phones) }) : [];
    const byKind = {
      phone: phones,
      account: [...new Set(targets.map((t) => t.account).filter((a): a is string => !!a))],
      name_address: [...new Set(targets.map((t) => nameAddressKey(t.name, t.addressKey)))],
    };
    for (const [kind, values] of Object.entries(byKind)) {
      if (values.length) for (const r of st.blacklistByKind.iterate({ kind, values: JSON.stringify(values), now: nowIso })) addBl(r);
    }
  }
  for (const r of deadRows) dead.set(r.phone, [...(dead.get(r.phone) ?? []), { outcome: r.outcome, at: Date.parse(r.created_at) }]);
  return { overlay: prefixOverlay(db, st), dead, blacklist, ips: new Map() };
}

/** One order's screening context from the pool and the lookups. */
function contextFor(o: Candidate, pool: Pool, lk: Lookups, win: number, now: number): ScreeningContext {
  const r = o.row;
  let ip: IpInfo = { region: null, datacenter: false };
  if (r.ip) {
    ip = lk.ips.get(r.ip) ?? ipInfo(r.ip);
    lk.ips.set(r.ip, ip);
  }
  const kind = phoneKind(r.phone);
  const blacklist: BlacklistMatch[] = [];
  const hits = [
    ...(o.phone ? (lk.blacklist.get(blacklistKey('phone', o.phone)) ?? []) : []),
    ...(o.account ? (lk.blacklist.get(blacklistKey('account', o.account)) ?? []) : []),
    ...(lk.blacklist.get(blacklistKey('name_address', nameAddressKey(o.name, o.addressKey))) ?? []),
  ];
  for (const b of hits) blacklist.push({ kind: b.kind, reason: b.reason, note: b.note, display: b.display });
  return {
    order: { ...o, paymentMethod: r.payment_method, province: r.province, city: r.city, district: r.district, address: r.address },
    phone: { kind, region: kind === 'mobile' || kind === 'landline' ? phoneRegion(r.phone, lk.overlay) : null },
    ip: { address: r.ip, region: ip.region, datacenter: ip.datacenter },
    ship: regionTable().region(r.province, r.city),
    related: pool.related(o, win),
    blacklist,
    deadCalls: o.phone ? (lk.dead.get(o.phone) ?? []) : [],
    now,
  };
}

export interface Confirmation {
  orderId: string;
  agentId: string;
}

interface Decision {
  held: boolean;
  reason: HoldReason | null;
}

/**
 * Whether the order may ship. A lead's release stands until the score rises past the one they
 * saw; a verify call's confirmation likewise lifts a high-risk hold (not an online-only one).
 */
export function decideHold(a: Pick<RiskAssessment, 'score' | 'level' | 'onlineOnly'>, status: OrderStatus, prev: Pick<RiskRow, 'override_decision' | 'override_score' | 'confirmed_at' | 'confirmed_score'> | undefined): Decision {
  if (!HOLDABLE_STATUSES.has(status)) return { held: false, reason: null };
  if (prev?.override_decision === 'hold') return { held: true, reason: 'lead_hold' };
  if (prev?.override_decision === 'release' && a.score <= (prev.override_score ?? 0)) return { held: false, reason: null };
  if (a.onlineOnly) return { held: true, reason: 'online_only' };
  const confirmed = prev?.confirmed_at != null && a.score <= (prev.confirmed_score ?? 0);
  if (a.level === 'high' && !confirmed) return { held: true, reason: 'high_risk' };
  return { held: false, reason: null };
}

function factViews(a: RiskAssessment): RiskFactView[] {
  return a.facts.map((f) => ({
    rule: f.rule,
    kind: f.kind,
    sentiment: f.sentiment,
    points: f.points,
    messageKey: f.messageKey,
    params: f.params,
    ...(f.orders?.length ? { orders: f.orders } : {}),
  }));
}

function emptyResult(): RescreenResult {
  return { screened: 0, low: 0, medium: 0, high: 0, held: 0 };
}

export interface ScreenOptions {
  /** A verify call just confirmed this order with its risk in view. */
  confirm?: Confirmation;
  /** Who caused the screening (history rows name them); null for imports and the system. */
  agentId?: string | null;
}

/** Screens the targets against the pool and stores the results with their holds. */
function screenTargets(st: Statements, s: RiskSettings, pool: Pool, targets: Candidate[], lk: Lookups, prevRows: Iterable<RiskRow>, now: Date, opts: ScreenOptions): RescreenResult {
  const prev = new Map<string, RiskRow>();
  for (const p of prevRows) prev.set(p.order_id, p);
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const win = windowMs(s);
  const result = emptyResult();
  for (const o of targets) {
    const c = contextFor(o, pool, lk, win, nowMs);
    const a = assessRisk(c, s);
    let p = prev.get(o.id);
    if (opts.confirm?.orderId === o.id) {
      p = { ...(p ?? blankRisk(o.id)), confirmed_at: nowIso, confirmed_by: opts.confirm.agentId, confirmed_score: a.score };
    }
    const d = decideHold(a, o.status, p);
    const regions: OrderRiskView['regions'] = {};
    if (c.phone.region) regions.phone = c.phone.region;
    if (c.ip.region) regions.ip = c.ip.region;
    if (c.ship) regions.ship = c.ship;
    st.upsert.run({
      order_id: o.id,
      score: a.score,
      level: a.level,
      facts: JSON.stringify(factViews(a)),
      regions: JSON.stringify(regions),
      screened_at: nowIso,
      held: d.held ? 1 : 0,
      hold_reason: d.reason,
      confirmed_at: p?.confirmed_at ?? null,
      confirmed_by: p?.confirmed_by ?? null,
      confirmed_score: p?.confirmed_score ?? null,
    });
    const before = prev.get(o.id)?.hold_reason ?? null;
    if (before !== d.reason) st.history.run(uuidv7(), o.id, nowIso, opts.agentId ?? null, 'risk_hold', before, d.reason);
    result.screened++;
    result[a.level]++;
    if (d.held) result.held++;
  }
  return result;
}

function blankRisk(orderId: string): RiskRow {
  return {
    order_id: orderId, score: 0, level: 'low', facts: '[]', regions: '{}', screened_at: '', held: 0, hold_reason: null,
    confirmed_at: null, confirmed_by: null, confirmed_score: null, override_decision: null, override_reason: null,
    override_by: null, override_at: null, override_score: null,
  };
}

/**
 * Screens these orders, and the not-yet-shipped orders whose facts they change (a new duplicate
 * or a converging address makes the earlier order risky too; a refusal marks the buyer's other
 * orders). Runs inside the caller's transaction when there is one (an import), else in its own.
 */
export function screenOrders(db: Db, orderIds: readonly string[], now: Date, opts: ScreenOptions = {}): RescreenResult {
  if (!orderIds.length) return emptyResult();
  const st = riskStatements(db);
  return db.transaction((): RescreenResult => {
    const s = loadRiskSettings(db);
    const win = windowMs(s);
    fillAddressKeys(st);
    const pool = new Pool();
    const ids = JSON.stringify([...new Set(orderIds)]);
    const rows = st.byIds.all(ids);
    refreshAddressKeys(st, rows);
    pool.add(rows);
    const batch = rows.map((r) => pool.byId.get(r.id)!);
    loadNeighbours(st, pool, batch, win);
    // Neighbours still to ship: their duplicate, multi-account and history facts may have changed.
    const targets = new Map(batch.map((c) => [c.id, c]));
    for (const c of batch) {
      for (const n of pool.related(c, win)) if (HOLDABLE_STATUSES.has(n.status)) targets.set(n.id, n);
    }
    const extra = [...targets.values()].filter((t) => !batch.includes(t));
    loadNeighbours(st, pool, extra, win);
    const list = [...targets.values()];
    const lk = loadLookups(db, st, s, list, now);
    return screenTargets(st, s, pool, list, lk, st.riskByIds.iterate(JSON.stringify(list.map((t) => t.id))), now, opts);
  })();
}

/** Screens every order (or those of some statuses) in one pass over the store. */
export function screenAll(db: Db, now: Date, statuses?: readonly OrderStatus[]): RescreenResult {
  const st = riskStatements(db);
  return db.transaction((): RescreenResult => {
    const s = loadRiskSettings(db);
    fillAddressKeys(st);
    const pool = new Pool();
    pool.add(st.all.iterate());
    const only = statuses ? new Set(statuses) : null;
    const targets = [...pool.byId.values()].filter((c) => !only || only.has(c.status));
    const lk = loadLookups(db, st, s, 'all', now);
    return screenTargets(st, s, pool, targets, lk, st.riskAll.iterate(), now, {});
  })();
}

// ---------- reading ----------

export function riskView(orderNo: string, r: RiskRow): OrderRiskView {
  const override = r.override_decision
    ? {
        decision: r.override_decision,
        reason: r.override_reason ?? '',
        by: r.override_by ?? '',
        at: r.override_at ?? '',
        inForce: r.override_decision === 'hold' || r.score <= (r.override_score ?? 0),
      }
    : null;
  return {
    orderNo,
    level: r.level,
    score: r.score,
    held: r.held === 1,
    holdReason: r.hold_reason,
    facts: JSON.parse(r.facts) as RiskFactView[],
    regions: JSON.parse(r.regions) as OrderRiskView['regions'],
    screenedAt: r.screened_at,
    confirmedAt: r.confirmed_at,
    override,
  };
}

/** The stored risk of an order, screening it first if it never was (orders from before screening existed). */
export function orderRisk(db: Db, orderId: string, orderNo: string, now: Date): OrderRiskView {
  const st = riskStatements(db);
  let row = st.riskOf.get(orderId);
  if (!row) {
    screenOrders(db, [orderId], now);
    row = st.riskOf.get(orderId)!;
  }
  return riskView(orderNo, row);
}

/**
 * For the call card (queue.ts buildCard): the order's risk, screened on the spot when it never was.
 * Undefined only when the order does not exist.
 */
export function cardRisk(db: Db, orderId: string, now: Date = new Date()): OrderRiskView | undefined {
  const no = riskStatements(db).orderNoOf.get(orderId);
  return no ? orderRisk(db, orderId, no.order_no, now) : undefined;
}

/** Outcomes that settle nothing about the order or the buyer: no screening needed. */
const NO_CHANGE = new Set(['no_answer', 'busy', 'powered_off', 'callback', 'upsell_declined', 'satisfied', 'wechat_invited', 'repurchase_interest']);
/** Outcomes that confirm a verify call with the risk in view. */
const CONFIRMING = new Set(['confirmed', 'corrected']);

/**
 * For outcomes.ts, inside recordOutcome's transaction after the order is updated: a confirmation
 * lifts a high-risk hold; corrections (phone, address, name) and status changes (rejected,
 * refused, empty number) are screened again, with the buyer's other orders still to ship.
 */
export function riskAfterOutcome(db: Db, args: { orderId: string; outcome: string; agentId: string; now: Date }): void {
  if (NO_CHANGE.has(args.outcome)) return;
  screenOrders(db, [args.orderId], args.now, {
    agentId: args.agentId,
    ...(CONFIRMING.has(args.outcome) ? { confirm: { orderId: args.orderId, agentId: args.agentId } } : {}),
  });
}

/** Stored risk of every order (or those of some statuses), oldest order first. */
export function readRisks(db: Db, statuses?: readonly OrderStatus[]): OrderRiskView[] {
  const rows = db
    .prepare(
      `SELECT o.order_no AS order_no, o.status AS status, r.* FROM order_risk r JOIN orders o ON o.id = r.order_id
       ORDER BY coalesce(o.ordered_at, o.created_at), o.order_no`,
    )
    .all() as (RiskRow & { order_no: string; status: OrderStatus })[];
  const only = statuses ? new Set(statuses) : null;
  return rows.filter((r) => !only || only.has(r.status)).map((r) => riskView(r.order_no, r));
}
