/**
 * The screener: gathers what the rules need (regions of the phone, IP and address; the other
 * orders sharing a phone, account or address; blacklist matches; dead-number calls), runs the
 * pure rules of shared/risk, and stores the result with the hold it implies. Batches: every
 * lookup is one query per kind for the whole batch (or one scan of the store for a big batch),
 * statements are compiled once per store, and unchanged results are not rewritten.
 */
import { uuidv7 } from '../ids';
import type { RescreenResult } from '../../../shared/contracts/risk';
import type { OrderStatus, PaymentMethod } from '../../../shared/domain';
import { CallcardError } from '../../../shared/errors';
import { addressKey } from '../../../shared/risk/address';
import { expiryDate } from '../../../shared/risk/expiry';
import type { Region } from '../../../shared/risk/regions';
import { assessRisk, type BlacklistMatch, type RiskAssessment, type RiskFact, type ScreenedOrder, type ScreeningContext } from '../../../shared/risk/rules';
import type { RiskSettings } from '../../../shared/risk/settings';
import type { HoldReason, OrderRiskView, RiskFactView } from '../../../shared/risk/view';
import type { Db } from '../db/open';
import { getMeta, loadSettings } from '../settings';
import { bundledPhoneRegion, ipInfo, phoneKind, regionTable, type IpInfo } from './data';
import { accountKey, nameAddressKey } from './keys';
import { loadRiskSettings } from './settings';

/** Orders not yet shipped: the only ones a hold can stop. */
export const HOLDABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(['pending_verify', 'verified']);
const HISTORY_STATUSES = "('refused', 'rejected')";
const HOLDABLE_SQL = `(${[...HOLDABLE_STATUSES].map((x) => `'${x}'`).join(', ')})`;
const HOUR = 3_600_000;
/** A key shared by very many orders (a dormitory, a test phone) is looked at this far only. */
const MAX_PER_KEY = 60;
/** A batch this large (relative to the store) is screened from one scan rather than keyed queries. */
const SCAN_SHARE = 0.25;

/** The columns every screening scan reads, in this order (raw rows: no object per row). */
export const SCAN_COLUMNS = `o.id, o.order_no, o.status, o.customer_name, o.phone, o.buyer_account, o.province, o.city,
  o.district, o.address, o.payment_method, o.ip, coalesce(o.ordered_at, o.created_at), o.address_key`;
export type ScanRow = [
  id: string,
  orderNo: string,
  status: OrderStatus,
  name: string,
  phone: string,
  account: string | null,
  province: string,
  city: string,
  district: string,
  address: string,
  payment: PaymentMethod,
  ip: string | null,
  at: string,
  addressKey: string | null,
];

interface Candidate extends ScreenedOrder {
  id: string;
  rawAccount: string | null;
  paymentMethod: PaymentMethod;
  province: string;
  city: string;
  district: string;
  address: string;
  ip: string | null;
}

export interface RiskRow {
  order_id: string;
  score: number;
  level: 'low' | 'medium' | 'high';
  facts: string;
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

interface BlacklistRow {
  kind: BlacklistMatch['kind'];
  value: string;
  display: string;
  reason: string;
  note: string;
  expires_at: string | null;
}

type Keyed = { keys: string; from: string; to: string };
const INSERT_RISK = `INSERT INTO order_risk (order_id, score, level, facts, screened_at, held, hold_reason, confirmed_at, confirmed_by,
  confirmed_score)`;
const INSERT_ROW = 'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_BLOCK = 200;
const IN_JSON = 'IN (SELECT value FROM json_each(?))';

function statements(db: Db) {
  const scan = (where: string) => db.prepare(`SELECT ${SCAN_COLUMNS} FROM orders o ${where}`).raw(true);
  return {
    missingKeys: db.prepare<[], { rowid: number; id: string; province: string; city: string; district: string; address: string }>(
      'SELECT rowid, id, province, city, district, address FROM orders WHERE address_key IS NULL',
    ),
    // By rowid: no trip through the id index for each of a big import's rows.
    setKeyByRowid: db.prepare<[string, number]>('UPDATE orders SET address_key = ? WHERE rowid = ?'),
    setKey: db.prepare<[string, string]>('UPDATE orders SET address_key = ? WHERE id = ?'),
    byIds: scan(`WHERE o.id ${IN_JSON}`),
    all: scan(''),
    // The orders stored before an import began (the import's own new rows are handed over in memory).
    upTo: scan('WHERE o.rowid <= ?'),
    byPhones: scan(
      `WHERE o.phone IN (SELECT value FROM json_each(@keys))
         AND (coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to OR o.status IN ${HISTORY_STATUSES} OR o.status IN ${HOLDABLE_SQL})`,
    ),
    byAccounts: scan(
      `WHERE o.buyer_account IN (SELECT value FROM json_each(@keys))
         AND (coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to OR o.status IN ${HISTORY_STATUSES} OR o.status IN ${HOLDABLE_SQL})`,
    ),
    byAddresses: scan(`WHERE o.address_key IN (SELECT value FROM json_each(@keys)) AND coalesce(o.ordered_at, o.created_at) BETWEEN @from AND @to`),
    linesOf: db.prepare(`SELECT order_id, product FROM order_lines WHERE order_id ${IN_JSON}`).raw(true),
    allLines: db.prepare('SELECT order_id, product FROM order_lines').raw(true),
    linesUpTo: db.prepare('SELECT order_id, product FROM order_lines WHERE rowid <= ?').raw(true),
    linesAfterOf: db.prepare(`SELECT order_id, product FROM order_lines WHERE rowid > ? AND order_id ${IN_JSON}`).raw(true),
    maxRowids: db.prepare<[], { orders: number | null; lines: number | null }>(
      'SELECT (SELECT max(rowid) FROM orders) AS orders, (SELECT max(rowid) FROM order_lines) AS lines',
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
      `SELECT kind, value, display, reason, note, expires_at FROM blacklist
       WHERE kind = @kind AND value IN (SELECT value FROM json_each(@values)) AND (expires_at IS NULL OR expires_at > @now)`,
    ),
    blacklistAll: db.prepare<{ now: string }, BlacklistRow>(
      'SELECT kind, value, display, reason, note, expires_at FROM blacklist WHERE expires_at IS NULL OR expires_at > @now',
    ),
    riskByIds: db.prepare<[string], RiskRow>(`SELECT * FROM order_risk WHERE order_id ${IN_JSON}`),
    riskAll: db.prepare<[], RiskRow>('SELECT * FROM order_risk'),
    riskOf: db.prepare<[string], RiskRow>('SELECT * FROM order_risk WHERE order_id = ?'),
    insert: db.prepare(`${INSERT_RISK} ${INSERT_ROW}`),
    // New results go in by the block: one statement call per block instead of per order.
    insertBlock: db.prepare(`${INSERT_RISK} VALUES ${Array(INSERT_BLOCK).fill(INSERT_ROW.slice(7)).join(', ')}`),
    update: db.prepare(
      `UPDATE order_risk SET score = ?, level = ?, facts = ?, screened_at = ?, held = ?, hold_reason = ?, confirmed_at = ?,
         confirmed_by = ?, confirmed_score = ? WHERE order_id = ?`,
    ),
    history: db.prepare(
      `INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value)
       VALUES (?, ?, ?, ?, 'risk', ?, ?, ?)`,
    ),
    prefixes: db.prepare<[], { prefix: string; province: string; city: string }>('SELECT prefix, province, city FROM phone_prefixes'),
    statusOf: db.prepare<[string], { status: OrderStatus }>('SELECT status FROM orders WHERE id = ?'),
    order: db.prepare<[string], { order_no: string; phone: string; ip: string | null; province: string; city: string }>(
      'SELECT order_no, phone, ip, province, city FROM orders WHERE id = ?',
    ),
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

/** Shipping regions repeat a lot: one lookup per province/city pair per screening. */
class ShipRegions {
  private readonly memo = new Map<string, Map<string, Region | null>>();
  get(province: string, city: string): Region | null {
    let cities = this.memo.get(province);
    if (!cities) this.memo.set(province, (cities = new Map()));
    let r = cities.get(city);
    if (r === undefined) {
      r = regionTable().region(province, city);
      cities.set(city, r);
    }
    return r;
  }
}

// ---------- the pool of orders the rules may look at ----------

function toCandidate(r: ScanRow): Candidate {
  return {
    id: r[0],
    orderNo: r[1],
    status: r[2],
    name: r[3],
    phone: r[4],
    rawAccount: r[5],
    account: accountKey(r[5]),
    province: r[6],
    city: r[7],
    district: r[8],
    address: r[9],
    paymentMethod: r[10],
    ip: r[11],
    at: Date.parse(r[12]),
    addressKey: r[13] ?? '',
    products: [],
  };
}

class Pool {
  readonly byId = new Map<string, Candidate>();
  private readonly groups = { phone: new Map<string, Candidate[]>(), account: new Map<string, Candidate[]>(), address: new Map<string, Candidate[]>() };
  private sorted = true;
  private readonly history = new Map<Candidate[], Candidate[]>();

  /** Adds scanned rows; returns the ones that were new (their products still to be filled). */
  add(rows: Iterable<unknown>): Candidate[] {
    const added: Candidate[] = [];
    for (const row of rows) {
      const r = row as ScanRow;
      if (this.byId.has(r[0])) continue;
      const c = toCandidate(r);
      this.byId.set(c.id, c);
      if (c.phone) push(this.groups.phone, c.phone, c);
      if (c.account) push(this.groups.account, c.account, c);
      if (c.addressKey) push(this.groups.address, c.addressKey, c);
      added.push(c);
      this.sorted = false;
    }
    return added;
  }

  /** Adds orders the caller holds in memory, with their products (an import's new rows). */
  addKnown(orders: readonly KnownOrder[]): Candidate[] {
    const added: Candidate[] = [];
    for (const k of orders) {
      const [c] = this.add([k.row]);
      if (c) {
        c.products.push(...k.products);
        added.push(c);
      }
    }
    return added;
  }

  /** The orders at an address key. */
  addressGroup(key: string): readonly Candidate[] {
    return this.groups.address.get(key) ?? [];
  }

  /** Moves an order to the group of its new address key (its address was corrected). */
  rekey(c: Candidate, key: string): void {
    if (c.addressKey === key) return;
    const old = c.addressKey ? this.groups.address.get(c.addressKey) : undefined;
    const at = old ? old.indexOf(c) : -1;
    if (old && at >= 0) old.splice(at, 1);
    c.addressKey = key;
    if (key) push(this.groups.address, key, c);
    this.sorted = false;
  }

  private sort(): void {
    if (this.sorted) return;
    for (const g of Object.values(this.groups)) for (const list of g.values()) if (list.length > 1) list.sort((a, b) => a.at - b.at);
    this.history.clear();
    this.sorted = true;
  }

  /** Orders sharing a key with `o`: within the window around it, plus (by phone/account) refused or rejected ones. */
  related(o: Candidate, windowMs: number): Candidate[] {
    this.sort();
    const byPhone = o.phone ? this.groups.phone.get(o.phone) : undefined;
    const byAccount = o.account ? this.groups.account.get(o.account) : undefined;
    const byAddress = o.addressKey ? this.groups.address.get(o.addressKey) : undefined;
    // Most orders share nothing with any other: no work beyond three lookups.
    if ((byPhone?.length ?? 0) < 2 && (byAccount?.length ?? 0) < 2 && (byAddress?.length ?? 0) < 2) return [];
    const out = new Set<Candidate>();
    const take = (list: Candidate[] | undefined, withHistory: boolean) => {
      if (!list || list.length < 2) return;
      const from = lowerBound(list, o.at - windowMs);
      const to = Math.min(list.length, from + MAX_PER_KEY);
      for (let i = from; i < to && list[i].at <= o.at + windowMs; i++) if (list[i] !== o) out.add(list[i]);
      if (withHistory) for (const h of this.historyOf(list)) if (h !== o) out.add(h);
    };
    take(byPhone, true);
    take(byAccount, true);
    take(byAddress, false);
    return [...out];
  }

  /**
   * The buyer's other orders still to ship (same phone or account) at any distance in time: a
   * refusal, a rejection or a dead number reaches them whatever the window (the most recent
   * MAX_PER_KEY of each key).
   */
  buyerOrders(o: Candidate): Candidate[] {
    this.sort();
    const out: Candidate[] = [];
    for (const list of [o.phone ? this.groups.phone.get(o.phone) : undefined, o.account ? this.groups.account.get(o.account) : undefined]) {
      if (!list || list.length < 2) continue;
      let taken = 0;
      for (let i = list.length - 1; i >= 0 && taken < MAX_PER_KEY; i--) {
        const c = list[i];
        if (c !== o && HOLDABLE_STATUSES.has(c.status)) {
          out.push(c);
          taken++;
        }
      }
    }
    return out;
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

function fillProducts(pool: Pool, lines: Iterable<unknown>): void {
  for (const line of lines) {
    const [orderId, product] = line as [string, string];
    pool.byId.get(orderId)?.products.push(product);
  }
}

// ---------- screening ----------

function windowMs(s: RiskSettings): number {
  return Math.max(s.rules.duplicate_order.windowHours, s.rules.multi_account.windowHours) * HOUR;
}

/** Fills address keys the screener has not computed yet (new rows, orders from before migration 4). */
function fillAddressKeys(st: Statements): Set<string> {
  const filled = new Set<string>();
  for (const r of st.missingKeys.all()) {
    st.setKeyByRowid.run(addressKey(r.province, r.city, r.district, r.address), r.rowid);
    filled.add(r.id);
  }
  return filled;
}

/**
 * The batch's own keys are recomputed unless just filled: a key stored before the address changed
 * (orders from before keys were kept in step) is corrected in the store and in the pool's groups.
 */
function refreshAddressKeys(st: Statements, pool: Pool, batch: Candidate[], fresh: Set<string>): void {
  for (const c of batch) {
    if (fresh.has(c.id)) continue;
    const key = addressKey(c.province, c.city, c.district, c.address);
    if (key !== c.addressKey) {
      st.setKey.run(key, c.id);
      pool.rekey(c, key);
    }
  }
}

/** The orders at these address keys within the window around the batch (with their products). */
function loadAddressGroups(st: Statements, pool: Pool, keys: string[], batch: Candidate[], win: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (const t of batch) {
    min = Math.min(min, t.at);
    max = Math.max(max, t.at);
  }
  const range = { from: new Date(min - win).toISOString(), to: new Date(max + win).toISOString() };
  const added = pool.add(st.byAddresses.iterate({ keys: JSON.stringify(keys), ...range } satisfies Keyed));
  if (added.length) fillProducts(pool, st.linesOf.iterate(JSON.stringify(added.map((c) => c.id))));
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
  const phones = [...new Set(targets.map((t) => t.phone).filter(Boolean))];
  const accounts = [...new Set(targets.map((t) => t.rawAccount).filter((a): a is string => !!a))];
  const addresses = [...new Set(targets.map((t) => t.addressKey).filter(Boolean))];
  const added: Candidate[] = [];
  if (phones.length) added.push(...pool.add(st.byPhones.iterate({ keys: JSON.stringify(phones), ...range } satisfies Keyed)));
  if (accounts.length) added.push(...pool.add(st.byAccounts.iterate({ keys: JSON.stringify(accounts), ...range } satisfies Keyed)));
  if (addresses.length) added.push(...pool.add(st.byAddresses.iterate({ keys: JSON.stringify(addresses), ...range } satisfies Keyed)));
  if (added.length) fillProducts(pool, st.linesOf.iterate(JSON.stringify(added.map((c) => c.id))));
}

interface Lookups {
  overlay: Map<string, Region | null>;
  dead: Map<string, { outcome: string; at: number }[]>;
  blacklist: BlacklistIndex;
  blacklisted: boolean;
  ship: ShipRegions;
}

/** Active blacklist entries by kind, then by matched value, as the rules see them. */
type BlacklistIndex = Record<BlacklistMatch['kind'], Map<string, BlacklistMatch[]>>;

function loadLookups(db: Db, st: Statements, s: RiskSettings, targets: Candidate[] | 'all', now: Date): Lookups {
  const nowIso = now.toISOString();
  const outcomes = JSON.stringify(s.rules.invalid_contact.deadOutcomes);
  const dead = new Map<string, { outcome: string; at: number }[]>();
  const blacklist: BlacklistIndex = { phone: new Map(), account: new Map(), name_address: new Map() };
  let blacklisted = false;
  let timeZone: string | undefined;
  const addBl = (r: BlacklistRow) => {
    const match: BlacklistMatch = { kind: r.kind, reason: r.reason, note: r.note, display: r.display };
    // The card says until when (the expiry date, business zone), as the blacklist screen does.
    if (r.expires_at) match.expiresOn = expiryDate(r.expires_at, (timeZone ??= loadSettings(db).businessTimeZone));
    push2(blacklist[r.kind], r.value, match);
    blacklisted = true;
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
  for (const r of deadRows) push2(dead, r.phone, { outcome: r.outcome, at: Date.parse(r.created_at) });
  return { overlay: prefixOverlay(db, st), dead, blacklist, blacklisted, ship: new ShipRegions() };
}

function push2<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

const NO_IP: IpInfo = { region: null, datacenter: false };
const NONE: never[] = [];

/** ipInfo keeps one parsed record per database entry, so a lookup is a binary search: no memo here. */
function ipOf(ip: string | null): IpInfo {
  return ip ? ipInfo(ip) : NO_IP;
}

/** One order's screening context from the pool and the lookups. */
function contextFor(o: Candidate, pool: Pool, lk: Lookups, win: number, now: number): ScreeningContext {
  const ip = ipOf(o.ip);
  const kind = phoneKind(o.phone);
  let blacklist: BlacklistMatch[] = NONE;
  if (lk.blacklisted) {
    // Most orders hit nothing: no arrays are made for them.
    const bl = lk.blacklist;
    const byPhone = o.phone ? bl.phone.get(o.phone) : undefined;
    const byAccount = o.account ? bl.account.get(o.account) : undefined;
    const byPerson = bl.name_address.size ? bl.name_address.get(nameAddressKey(o.name, o.addressKey)) : undefined;
    if (byPhone || byAccount || byPerson) {
      blacklist = [...(byPhone ?? NONE), ...(byAccount ?? NONE), ...(byPerson ?? NONE)];
    }
  }
  return {
    order: o,
    phone: { kind, region: kind === 'mobile' || kind === 'landline' ? phoneRegion(o.phone, lk.overlay) : null },
    ip: { address: o.ip, region: ip.region, datacenter: ip.datacenter },
    ship: lk.ship.get(o.province, o.city),
    related: pool.related(o, win),
    blacklist,
    deadCalls: o.phone ? (lk.dead.get(o.phone) ?? NONE) : NONE,
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
export function decideHold(
  a: Pick<RiskAssessment, 'score' | 'level' | 'onlineOnly'>,
  status: OrderStatus,
  prev: Pick<RiskRow, 'override_decision' | 'override_score' | 'confirmed_at' | 'confirmed_score'> | undefined,
): Decision {
  if (!HOLDABLE_STATUSES.has(status)) return { held: false, reason: null };
  if (prev?.override_decision === 'hold') return { held: true, reason: 'lead_hold' };
  if (prev?.override_decision === 'release' && a.score <= (prev.override_score ?? 0)) return { held: false, reason: null };
  if (a.onlineOnly) return { held: true, reason: 'online_only' };
  const confirmed = prev?.confirmed_at != null && a.score <= (prev.confirmed_score ?? 0);
  if (a.level === 'high' && !confirmed) return { held: true, reason: 'high_risk' };
  return { held: false, reason: null };
}

/** The facts as stored and shown: a RiskFact is a RiskFactView (plus the onlineOnly hint, kept). */
function factsJson(a: RiskAssessment): string {
  return a.facts.length ? JSON.stringify(a.facts satisfies RiskFactView[]) : '[]';
}

function emptyResult(): RescreenResult {
  return { screened: 0, low: 0, medium: 0, high: 0, held: 0 };
}

export interface ScreenOptions {
  /** A verify call just confirmed this order with its risk in view. */
  confirm?: Confirmation;
  /**
   * Address keys the screened orders had before their address changed: the orders still at those
   * addresses are screened again too (a converging address may have stopped converging).
   */
  formerKeys?: readonly string[];
  /** Who caused the screening (history rows name them); null for imports and the system. */
  agentId?: string | null;
}

/** Screens the targets against the pool and stores what changed, with the holds. */
function screenTargets(
  st: Statements,
  s: RiskSettings,
  pool: Pool,
  targets: Iterable<Candidate>,
  lk: Lookups,
  prevRows: Iterable<RiskRow>,
  now: Date,
  opts: ScreenOptions,
): RescreenResult {
  const prev = new Map<string, RiskRow>();
  for (const p of prevRows) prev.set(p.order_id, p);
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const win = windowMs(s);
  const result = emptyResult();
  const pending: unknown[] = [];
  for (const o of targets) {
    const a = assessRisk(contextFor(o, pool, lk, win, nowMs), s);
    const before = prev.get(o.id);
    let p = before;
    if (opts.confirm?.orderId === o.id) {
      p = { ...(p ?? blankRisk(o.id)), confirmed_at: nowIso, confirmed_by: opts.confirm.agentId, confirmed_score: a.score };
    }
    const d = decideHold(a, o.status, p);
    const facts = factsJson(a);
    const held = d.held ? 1 : 0;
    const confirmed = [p?.confirmed_at ?? null, p?.confirmed_by ?? null, p?.confirmed_score ?? null] as const;
    if (!before) {
      pending.push(o.id, a.score, a.level, facts, nowIso, held, d.reason, ...confirmed);
      if (pending.length === INSERT_BLOCK * 10) st.insertBlock.run(pending.splice(0));
    } else if (
      before.score !== a.score || before.level !== a.level || before.facts !== facts || before.held !== held ||
      before.hold_reason !== d.reason || before.confirmed_at !== confirmed[0]
    ) {
      st.update.run(a.score, a.level, facts, nowIso, held, d.reason, ...confirmed, o.id);
    }
    const was = before?.hold_reason ?? null;
    // Transitions only: the first screening's hold is on the risk row itself, not news in the history.
    if (before && was !== d.reason) st.history.run(uuidv7(), o.id, nowIso, opts.agentId ?? null, 'risk_hold', was, d.reason);
    result.screened++;
    result[a.level]++;
    if (held) result.held++;
  }
  for (let i = 0; i < pending.length; i += 10) st.insert.run(pending.slice(i, i + 10));
  return result;
}

function blankRisk(orderId: string): RiskRow {
  return {
    order_id: orderId, score: 0, level: 'low', facts: '[]', screened_at: '', held: 0, hold_reason: null,
    confirmed_at: null, confirmed_by: null, confirmed_score: null, override_decision: null, override_reason: null,
    override_by: null, override_at: null, override_score: null,
  };
}

/** An order an import has just written, as the screen's scan would read it back. */
export interface KnownOrder {
  row: ScanRow;
  products: string[];
}

/** Where the store stood when an import began: rows above these rowids are the import's own. */
export interface StoreMark {
  orders: number;
  lines: number;
}

export function storeMark(db: Db): StoreMark {
  const m = riskStatements(db).maxRowids.get();
  return { orders: m?.orders ?? 0, lines: m?.lines ?? 0 };
}

/** What an import hands the screen: its new orders in memory, the orders it changed by id. */
export interface ImportedOrders {
  created: readonly KnownOrder[];
  updated: readonly string[];
  mark: StoreMark;
  /** Address keys that changed orders left (see ScreenOptions.formerKeys). */
  formerKeys?: readonly string[];
}

/**
 * Screens these orders, and the not-yet-shipped orders whose facts they change (a new duplicate
 * or a converging address makes the earlier order risky too; a refusal marks the buyer's other
 * orders). Runs inside the caller's transaction when there is one (an import), else in its own.
 */
export function screenOrders(db: Db, orderIds: readonly string[], now: Date, opts: ScreenOptions = {}): RescreenResult {
  return screen(db, { created: [], updated: orderIds, mark: null }, now, opts);
}

function screen(
  db: Db,
  input: { created: readonly KnownOrder[]; updated: readonly string[]; mark: StoreMark | null },
  now: Date,
  opts: ScreenOptions,
): RescreenResult {
  if (!input.created.length && !input.updated.length) return emptyResult();
  const st = riskStatements(db);
  return db.transaction((): RescreenResult => {
    const s = loadRiskSettings(db);
    const win = windowMs(s);
    // New rows come with their keys (computed as they were read); older ones may lack or outgrow theirs.
    const fresh = fillAddressKeys(st);
    for (const k of input.created) fresh.add(k.row[0]);
    const ids = [...new Set(input.updated)];
    const total = ids.length + input.created.length;
    const pool = new Pool();
    const whole = total >= SCAN_SHARE * (st.maxRowids.get()?.orders ?? 0);
    let batch: Candidate[];
    if (whole) {
      // A big import: one pass over the store beats keyed queries for every row. The import's own
      // new rows are not read back: they are in memory already.
      if (input.mark && input.created.length) {
        pool.add(st.upTo.iterate(input.mark.orders));
        fillProducts(pool, st.linesUpTo.iterate(input.mark.lines));
        // Changed orders above the mark: created by this import, then changed by a later row of it.
        const later = ids.filter((id) => !pool.byId.has(id));
        if (later.length) pool.add(st.byIds.all(JSON.stringify(later)));
        // Their lines, and a line a changed order gained (it had none before), lie above the mark.
        if (ids.length) fillProducts(pool, st.linesAfterOf.all(input.mark.lines, JSON.stringify(ids)));
      } else {
        // Streamed: a store of a million orders is never held twice (rows and pool).
        pool.add(st.all.iterate());
        fillProducts(pool, st.allLines.iterate());
      }
      pool.addKnown(input.created);
      batch = [...input.created.map((k) => k.row[0]), ...ids].map((id) => pool.byId.get(id)).filter((c): c is Candidate => !!c);
      refreshAddressKeys(st, pool, batch, fresh);
    } else {
      const changed = pool.add(st.byIds.all(JSON.stringify(ids)));
      refreshAddressKeys(st, pool, changed, fresh);
      fillProducts(pool, st.linesOf.all(JSON.stringify(changed.map((c) => c.id))));
      batch = [...pool.addKnown(input.created), ...changed];
      loadNeighbours(st, pool, batch, win);
    }
    // Neighbours still to ship: their duplicate, multi-account and history facts may have changed;
    // so may the buyer's history and dead-number facts of the buyer's other orders, at any age.
    const targets = new Set(batch);
    for (const c of batch) {
      for (const n of pool.related(c, win)) if (HOLDABLE_STATUSES.has(n.status)) targets.add(n);
      for (const n of pool.buyerOrders(c)) targets.add(n);
    }
    // And those at an address a screened order has left.
    const former = [...new Set(opts.formerKeys ?? [])].filter(Boolean);
    if (former.length && batch.length) {
      if (!whole) loadAddressGroups(st, pool, former, batch, win);
      for (const key of former) for (const n of pool.addressGroup(key)) if (HOLDABLE_STATUSES.has(n.status)) targets.add(n);
    }
    if (!whole) {
      const inBatch = new Set(batch);
      loadNeighbours(st, pool, [...targets].filter((t) => !inBatch.has(t)), win);
    }
    const list = [...targets];
    const lk = loadLookups(db, st, s, whole ? 'all' : list, now);
    const prev = whole ? st.riskAll.iterate() : st.riskByIds.iterate(JSON.stringify(list.map((t) => t.id)));
    return screenTargets(st, s, pool, list, lk, prev, now, opts);
  })();
}

/**
 * For the import, inside its transaction once the rows are written: screens the created and
 * updated orders (and the orders still to ship that they change), unless a lead switched
 * screening on import off.
 */
export function screenImported(db: Db, orders: ImportedOrders, now: Date): RescreenResult {
  if (!loadRiskSettings(db).screenOnImport) return emptyResult();
  return screen(db, orders, now, { formerKeys: orders.formerKeys });
}

/** Screens every order (or those of some statuses) in one pass over the store. */
export function screenAll(db: Db, now: Date, statuses?: readonly OrderStatus[]): RescreenResult {
  const st = riskStatements(db);
  return db.transaction((): RescreenResult => {
    const s = loadRiskSettings(db);
    fillAddressKeys(st);
    const pool = new Pool();
    pool.add(st.all.iterate());
    fillProducts(pool, st.allLines.iterate());
    const only = statuses ? new Set(statuses) : null;
    const targets = only ? [...pool.byId.values()].filter((c) => only.has(c.status)) : pool.byId.values();
    const lk = loadLookups(db, st, s, 'all', now);
    return screenTargets(st, s, pool, targets, lk, st.riskAll.iterate(), now, {});
  })();
}

// ---------- reading ----------

/** The looked-up regions of an order, as the card shows them (read fresh: the data may have grown). */
type RegionOrder = { phone: string; ip: string | null; province: string; city: string };

export function orderRegions(db: Db, o: RegionOrder): OrderRiskView['regions'] {
  const regions: OrderRiskView['regions'] = {};
  const kind = phoneKind(o.phone);
  const phone = kind === 'mobile' || kind === 'landline' ? phoneRegion(o.phone, prefixOverlay(db, riskStatements(db))) : null;
  if (phone) regions.phone = phone;
  const ip = o.ip ? ipInfo(o.ip).region : null;
  if (ip) regions.ip = ip;
  const ship = regionTable().region(o.province, o.city);
  if (ship) regions.ship = ship;
  return regions;
}

export function riskView(orderNo: string, r: RiskRow, regions: OrderRiskView['regions']): OrderRiskView {
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
    regions,
    screenedAt: r.screened_at,
    confirmedAt: r.confirmed_at,
    override,
  };
}

/** The stored risk of an order, screening it first if it never was (orders from before screening existed). */
export function orderRisk(db: Db, orderId: string, now: Date): OrderRiskView | undefined {
  const order = riskStatements(db).order.get(orderId);
  return order ? cardRisk(db, { id: orderId, ...order }, now) : undefined;
}

/** The risk of an order known to exist. */
export function riskOf(db: Db, orderId: string, now: Date): OrderRiskView {
  const view = orderRisk(db, orderId, now);
  if (!view) throw new CallcardError('order_not_found', { orderNo: orderId });
  return view;
}

/**
 * For the call card (queue.ts buildCard), from the order it has read: the order's risk, screened
 * on the spot when it never was.
 */
export function cardRisk(db: Db, order: RegionOrder & { id: string; order_no: string }, now: Date): OrderRiskView {
  const st = riskStatements(db);
  let row = st.riskOf.get(order.id);
  if (!row) {
    screenOrders(db, [order.id], now);
    row = st.riskOf.get(order.id)!;
  }
  return riskView(order.order_no, row, orderRegions(db, order));
}

/** Stored risk of every order (or those of some statuses), oldest order first. */
export function readRisks(db: Db, statuses?: readonly OrderStatus[]): OrderRiskView[] {
  const rows = db
    .prepare(
      `SELECT o.order_no AS order_no, o.status AS status, o.phone AS phone, o.ip AS ip, o.province AS province, o.city AS city, r.*
       FROM order_risk r JOIN orders o ON o.id = r.order_id ORDER BY coalesce(o.ordered_at, o.created_at), o.order_no`,
    )
    .all() as (RiskRow & { order_no: string; status: OrderStatus; phone: string; ip: string | null; province: string; city: string })[];
  const only = statuses ? new Set(statuses) : null;
  return rows.filter((r) => !only || only.has(r.status)).map((r) => riskView(r.order_no, r, orderRegions(db, r)));
}

/**
 * Why an order may not ship now (null: it may). For whatever ships or exports orders for shipping:
 * a held order stays until a verify call confirms it, a lead releases or rejects it, or it is
 * converted to online payment.
 */
export function shippingHold(db: Db, orderId: string): HoldReason | null {
  return riskStatements(db).riskOf.get(orderId)?.hold_reason ?? null;
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
export function riskAfterOutcome(
  db: Db,
  args: {
    orderId: string;
    outcome: string;
    agentId: string;
    now: Date;
    formerKey?: string | null;
    /**
     * False when the call changed nothing the rules read (no correction, only the status moved to
     * verified): a confirmation then stands on the stored assessment, the one the agent saw on the
     * card, and nothing is screened again.
     */
    detailsChanged?: boolean;
    /** The order's updated_at before this call: a stored assessment older than it is out of date. */
    previousUpdatedAt?: string;
  },
): void {
  if (NO_CHANGE.has(args.outcome)) return;
  if (args.detailsChanged === false && args.previousUpdatedAt && CONFIRMING.has(args.outcome) && confirmStored(db, args, args.previousUpdatedAt)) return;
  screenOrders(db, [args.orderId], args.now, {
    agentId: args.agentId,
    ...(args.formerKey ? { formerKeys: [args.formerKey] } : {}),
    ...(CONFIRMING.has(args.outcome) ? { confirm: { orderId: args.orderId, agentId: args.agentId } } : {}),
  });
}

/**
 * Records a verify call's confirmation against the stored assessment and moves the hold to match.
 * False when the stored assessment may be out of date — none stored, the order changed after it
 * was made, or imports are not screened (another order of the buyer may have arrived unscreened):
 * the caller screens the order instead.
 */
function confirmStored(db: Db, args: { orderId: string; agentId: string; now: Date }, previousUpdatedAt: string): boolean {
  const { orderId, agentId, now } = args;
  const st = riskStatements(db);
  const before = st.riskOf.get(orderId);
  const status = st.statusOf.get(orderId)?.status;
  if (!before || !status || previousUpdatedAt > before.screened_at || !loadRiskSettings(db).screenOnImport) return false;
  const nowIso = now.toISOString();
  // The hint is stored with the fact; the kinds that carry it are checked too, for rows stored before it was.
  const onlineOnly = (JSON.parse(before.facts) as RiskFact[]).some((f) => f.onlineOnly || f.rule === 'remote_area' || f.kind === 'cod_restricted');
  const p: RiskRow = { ...before, confirmed_at: nowIso, confirmed_by: agentId, confirmed_score: before.score };
  const d = decideHold({ score: before.score, level: before.level, onlineOnly }, status, p);
  st.update.run(before.score, before.level, before.facts, before.screened_at, d.held ? 1 : 0, d.reason, nowIso, agentId, before.score, orderId);
  if (before.hold_reason !== d.reason) st.history.run(uuidv7(), orderId, nowIso, agentId, 'risk_hold', before.hold_reason, d.reason);
  return true;
}
