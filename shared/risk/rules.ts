/**
 * The risk rules. Each rule reads one screening context (the order, its looked-up regions, the
 * other orders sharing its phone, account or address, blacklist matches, dead-number calls) and
 * returns facts: what it saw, in translation-key form with the evidence as parameters. Lookups
 * happen in the core (electron/services/risk); everything here is pure and deterministic.
 */
import type { OrderStatus, PaymentMethod } from '../domain';
import { addressVagueness, sameRecipient, vaguenessOfKey } from './address';
import { cityShortName, provinceShortName, type Region } from './regions';
import { DEFAULT_RISK_SETTINGS, type RiskSettings, type RuleId, type RuleSettings } from './settings';
import { regionText } from '../mask';

export const RULE_IDS = [
  'blacklist_hit',
  'duplicate_order',
  'multi_account',
  'phone_region_mismatch',
  'ip_region_mismatch',
  'invalid_contact',
  'vague_address',
  'remote_area',
  'buyer_history',
] as const satisfies readonly RuleId[];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Shopify's word for it: whether a fact counts against the order, is informative, or for it. */
export type Sentiment = 'negative' | 'neutral' | 'positive';

export type FactParams = Record<string, string | number>;

export interface RiskFact {
  rule: RuleId;
  /** Which variant of the rule fired; the message key is risk.facts.<rule>.<kind>. */
  kind: string;
  sentiment: Sentiment;
  /** Points this fact adds to the score. */
  points: number;
  messageKey: string;
  params: FactParams;
  /** Order numbers involved (duplicates, converging orders, earlier refusals). */
  orders?: string[];
  /** The order can only go out prepaid (remote area, restricted buyer). */
  onlineOnly?: boolean;
}

/** An order as the rules see it: this one, or another one sharing a key with it. */
export interface ScreenedOrder {
  orderNo: string;
  status: OrderStatus;
  /** ordered_at (else created_at), epoch ms. */
  at: number;
  phone: string;
  account: string | null;
  name: string;
  addressKey: string;
  /** Product names, for "same product(s)". */
  products: string[];
}

export type PhoneKind = 'mobile' | 'landline' | 'other' | 'invalid' | 'missing';

export interface BlacklistMatch {
  kind: 'phone' | 'account' | 'name_address';
  reason: string;
  note: string;
  /** The value as people read it (phone, account, or name and address). */
  display: string;
  /** The last day the entry counts (YYYY-MM-DD, business zone); absent: no expiry. */
  expiresOn?: string;
}

export interface ScreeningContext {
  order: ScreenedOrder & {
    paymentMethod: PaymentMethod;
    province: string;
    city: string;
    district: string;
    address: string;
  };
  phone: { kind: PhoneKind; region: Region | null };
  ip: { address: string | null; region: Region | null; datacenter: boolean };
  ship: Region | null;
  /** Other orders sharing this order's phone, account or address key (any time; rules apply windows). */
  related: ScreenedOrder[];
  blacklist: BlacklistMatch[];
  /** Earlier calls to this number with an outcome that means dead (空号 / 停机). */
  deadCalls: { outcome: string; at: number }[];
  now: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Orders that never went anywhere do not make duplicates or converging groups. */
const DEAD_STATUSES: ReadonlySet<OrderStatus> = new Set(['cancelled', 'closed']);
const MAX_LISTED = 3;

function fact(rule: RuleId, kind: string, points: number, params: FactParams, extra: Partial<RiskFact> = {}): RiskFact {
  return { rule, kind, sentiment: 'negative', points: Math.round(points), messageKey: `risk.facts.${rule}.${kind}`, params, ...extra };
}

/** How a fact's list params (order numbers, names) are stored; riskFactText joins them per language. */
export const FACT_LIST_SEPARATOR = '、';
/** The params that hold such a list. */
export const FACT_LIST_PARAMS = ['orders', 'names'] as const;

function listed(orderNos: string[]): string {
  const shown = orderNos.slice(0, MAX_LISTED).join(FACT_LIST_SEPARATOR);
  return orderNos.length > MAX_LISTED ? `${shown}…` : shown;
}

function within(a: number, b: number, windowHours: number): boolean {
  return Math.abs(a - b) <= windowHours * HOUR;
}

function live(o: ScreenedOrder): boolean {
  return !DEAD_STATUSES.has(o.status);
}

type Rule<K extends RuleId> = (c: ScreeningContext, p: RuleSettings[K], s: RiskSettings) => RiskFact[];

/** Most orders share no key with another: the rules that compare orders return at once. */
const NONE: RiskFact[] = [];

const duplicateOrder: Rule<'duplicate_order'> = (c, p) => {
  const o = c.order;
  if (!c.related.length || !live(o)) return NONE;
  const mine = new Set(o.products);
  const dup = (r: ScreenedOrder) => live(r) && within(r.at, o.at, p.windowHours) && r.products.some((x) => mine.has(x));
  const byPhone = c.related.filter((r) => o.phone !== '' && r.phone === o.phone && dup(r));
  const byAccount = c.related.filter((r) => o.account !== null && r.account === o.account && r.phone !== o.phone && dup(r));
  const hits = byPhone.length ? byPhone : byAccount;
  if (!hits.length) return [];
  const orders = hits.map((r) => r.orderNo);
  return [fact('duplicate_order', byPhone.length ? 'phone' : 'account', p.weight, { hours: p.windowHours, count: orders.length, orders: listed(orders) }, { orders })];
};

const multiAccount: Rule<'multi_account'> = (c, p) => {
  const o = c.order;
  if (!c.related.length || !live(o)) return NONE;
  const out: RiskFact[] = [];
  const near = c.related.filter((r) => live(r) && within(r.at, o.at, p.windowHours));
  const atAddress = near.filter((r) => r.addressKey === o.addressKey);
  const phones = new Set([o.phone, ...atAddress.map((r) => r.phone)].filter(Boolean));
  const accounts = new Set([o.account, ...atAddress.map((r) => r.account)].filter((a): a is string => !!a));
  if (phones.size >= p.minContactsPerAddress || accounts.size >= p.minContactsPerAddress) {
    const orders = atAddress.map((r) => r.orderNo);
    out.push(fact('multi_account', 'address', p.weight, { hours: p.windowHours, phones: phones.size, accounts: accounts.size, orders: listed(orders) }, { orders }));
  }
  const samePhone = near.filter((r) => o.phone !== '' && r.phone === o.phone);
  const names: string[] = [o.name.trim()];
  for (const r of samePhone) if (!names.some((n) => sameRecipient(n, r.name))) names.push(r.name.trim());
  if (names.length >= p.minNamesPerPhone) {
    const orders = samePhone.filter((r) => !sameRecipient(r.name, o.name)).map((r) => r.orderNo);
    out.push(fact('multi_account', 'names', p.weight, { hours: p.windowHours, count: names.length, names: names.join(FACT_LIST_SEPARATOR) }, { orders }));
  }
  return out;
};

/** Regions differ at the configured level; an unknown region never differs. */
export function regionsDiffer(found: Region | null, ship: Region | null, level: RiskSettings['compareLevel']): false | 'province' | 'city' {
  if (!found || !ship || !found.province || !ship.province) return false;
  if (found.province !== ship.province) return 'province';
  if (level !== 'city' || !found.cities.length || !ship.cities.length) return false;
  if (found.cities.some((c) => ship.cities.includes(c))) return false;
  // Ranges and IPs are often registered in the capital: a capital says nothing about the city.
  if (ship.capital && found.cities.includes(ship.capital)) return false;
  return 'city';
}

const phoneRegionMismatch: Rule<'phone_region_mismatch'> = (c, p, s) => {
  const level = regionsDiffer(c.phone.region, c.ship, s.compareLevel);
  if (!level) return [];
  return [fact('phone_region_mismatch', level, p.weight, { phoneRegion: c.phone.region!.label, shipRegion: c.ship!.label })];
};

const ipRegionMismatch: Rule<'ip_region_mismatch'> = (c, p, s) => {
  if (c.ip.datacenter && p.ignoreDatacenterIps) return [];
  const level = regionsDiffer(c.ip.region, c.ship, s.compareLevel);
  if (!level) return [];
  return [fact('ip_region_mismatch', level, p.weight, { ip: c.ip.address ?? '', ipRegion: c.ip.region!.label, shipRegion: c.ship!.label })];
};

const invalidContact: Rule<'invalid_contact'> = (c, p) => {
  const phone = c.order.phone;
  switch (c.phone.kind) {
    case 'missing':
      return [fact('invalid_contact', 'missing', p.weight, {})];
    case 'invalid':
      return [fact('invalid_contact', 'malformed', p.weight, { phone })];
    case 'landline':
    case 'other':
      // Reachable, but no SMS and often not the buyer's own line: half the weight.
      return [fact('invalid_contact', 'not_mobile', p.weight / 2, { phone })];
  }
  const since = c.now - p.deadNumberMaxAgeDays * DAY;
  const dead = c.deadCalls.filter((d) => p.deadOutcomes.includes(d.outcome) && d.at >= since).sort((a, b) => b.at - a.at)[0];
  if (!dead) return [];
  return [fact('invalid_contact', 'dead_number', p.weight, { phone, date: new Date(dead.at).toISOString().slice(0, 10) })];
};

const blacklistHit: Rule<'blacklist_hit'> = (c, p) =>
  c.blacklist.map((b) =>
    fact('blacklist_hit', b.kind, p.weight, { value: b.display, reason: b.reason, note: b.note, ...(b.expiresOn ? { until: b.expiresOn } : {}) }),
  );

const VAGUE_FACTOR = { landmark_only: 1, township_only: 1, no_number: 0.5 } as const;

const vagueAddress: Rule<'vague_address'> = (c, p) => {
  const o = c.order;
  const v = o.addressKey ? vaguenessOfKey(o.addressKey) : addressVagueness(o.province, o.city, o.district, o.address);
  if (!v) return [];
  return [fact('vague_address', v, p.weight * VAGUE_FACTOR[v], { address: `${regionText(o)} ${o.address}`.trim() })];
};

/** Remote lists in their compared form ("province" or "province|city"), built once per list. */
const remoteSets = new WeakMap<object, Set<string>>();

/** Whether a region is on the remote list (a whole province, or one of its cities). */
export function isRemote(ship: Region | null, areas: RiskSettings['rules']['remote_area']['areas']): boolean {
  if (!ship) return false;
  let set = remoteSets.get(areas);
  if (!set) {
    set = new Set(areas.map((a) => (a.city ? `${provinceShortName(a.province)}|${cityShortName(a.city)}` : provinceShortName(a.province))));
    remoteSets.set(areas, set);
  }
  return set.has(ship.province) || ship.cities.some((c) => set.has(`${ship.province}|${c}`));
}

const remoteArea: Rule<'remote_area'> = (c, p) => {
  if (c.order.paymentMethod !== 'cod' || !c.ship) return [];
  if (!isRemote(c.ship, p.areas)) return [];
  return [{ ...fact('remote_area', 'cod', p.weight, { region: c.ship.label }, { onlineOnly: true }), sentiment: 'neutral' }];
};

const buyerHistory: Rule<'buyer_history'> = (c, p) => {
  const o = c.order;
  if (!c.related.length) return NONE;
  const same = c.related.filter((r) => (o.phone !== '' && r.phone === o.phone) || (o.account !== null && r.account === o.account));
  const refused = same.filter((r) => r.status === 'refused');
  const rejected = same.filter((r) => r.status === 'rejected');
  const counted = refused.length + rejected.length;
  if (!counted) return [];
  const restricted = p.restrictCodAfterRefusals > 0 && refused.length >= p.restrictCodAfterRefusals && o.paymentMethod === 'cod';
  const orders = [...refused, ...rejected].map((r) => r.orderNo);
  return [
    fact(
      'buyer_history',
      restricted ? 'cod_restricted' : 'refusals',
      p.weight * Math.min(counted, p.maxCounted),
      { refused: refused.length, rejected: rejected.length, orders: listed(orders) },
      { orders, ...(restricted ? { onlineOnly: true } : {}) },
    ),
  ];
};

const RULES: { [K in RuleId]: Rule<K> } = {
  blacklist_hit: blacklistHit,
  duplicate_order: duplicateOrder,
  multi_account: multiAccount,
  phone_region_mismatch: phoneRegionMismatch,
  ip_region_mismatch: ipRegionMismatch,
  invalid_contact: invalidContact,
  vague_address: vagueAddress,
  remote_area: remoteArea,
  buyer_history: buyerHistory,
};

export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  facts: RiskFact[];
  /** Some fact allows only prepaid shipping (remote area, restricted buyer). */
  onlineOnly: boolean;
}

export function levelFor(score: number, thresholds: RiskSettings['thresholds']): RiskLevel {
  return score >= thresholds.high ? 'high' : score >= thresholds.medium ? 'medium' : 'low';
}

/** Runs every enabled rule, sums the points and places the score on the level ladder. */
export function assessRisk(c: ScreeningContext, settings: RiskSettings = DEFAULT_RISK_SETTINGS): RiskAssessment {
  const facts: RiskFact[] = [];
  for (const id of RULE_IDS) {
    const params = settings.rules[id];
    if (!params.enabled) continue;
    facts.push(...(RULES[id] as Rule<RuleId>)(c, params, settings));
  }
  const score = facts.reduce((s, f) => s + f.points, 0);
  return { score, level: levelFor(score, settings.thresholds), facts, onlineOnly: facts.some((f) => f.onlineOnly) };
}
