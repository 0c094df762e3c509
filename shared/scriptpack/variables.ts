/**
 * The variables a script may say ({{order.address}}) and the facts a branch may test
 * (risk.level is high). One catalogue serves both, so the validator, the interpreter, the docs and
 * the trainer's preview agree on every name.
 */
import type { Locale, OrderStatus, PaymentMethod } from '../domain';
import type { Offer } from './schema';
import { riskFactText } from '../risk/view';
import { fullAddress } from '../mask';
import { sourceSaid } from '../sources';
import { spokenPackage } from './spoken';

/**
 * - text: said as is; a condition may test is / in / exists.
 * - money: fen inside, said as yuan ("99元" / "99 yuan"); a condition compares yuan.
 * - number, boolean: as they are.
 * - date: an instant, said as a date (and time) in the business time zone.
 * - list: several texts, said joined ("、" / ", "); a condition may test has / exists.
 * - code: one of a fixed set (payment method, risk level...), said in the agent's language.
 */
export type VariableKind = 'text' | 'money' | 'number' | 'boolean' | 'date' | 'list' | 'code';

export interface VariableDef {
  kind: VariableKind;
  /** Codes a `code` variable can take (branches may test only these). */
  codes?: readonly string[];
}

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const VARIABLES = {
  'customer.name': { kind: 'text' },
  'customer.surname': { kind: 'text' },
  'customer.salutation': { kind: 'text' },
  'customer.phone': { kind: 'text' },
  'order.no': { kind: 'text' },
  'order.product': { kind: 'text' },
  'order.package': { kind: 'text' },
  'order.quantity': { kind: 'number' },
  'order.amount': { kind: 'money' },
  'order.payment': { kind: 'code', codes: ['cod', 'online'] },
  'order.address': { kind: 'text' },
  'order.province': { kind: 'text' },
  'order.city': { kind: 'text' },
  'order.orderedAt': { kind: 'date' },
  'order.source': { kind: 'text' },
  'order.status': { kind: 'text' },
  'courier.name': { kind: 'text' },
  'courier.waybill': { kind: 'text' },
  'courier.eta': { kind: 'text' },
  'courier.reason': { kind: 'text' },
  'courier.station': { kind: 'text' },
  'agent.name': { kind: 'text' },
  'shop.name': { kind: 'text' },
  'offer.name': { kind: 'text' },
  'offer.lines': { kind: 'list' },
  'offer.add': { kind: 'money' },
  'offer.total': { kind: 'money' },
  'offer.saving': { kind: 'money' },
  'offer.points': { kind: 'list' },
  'risk.level': { kind: 'code', codes: RISK_LEVELS },
  'risk.held': { kind: 'boolean' },
  'risk.flags': { kind: 'list' },
  'risk.facts': { kind: 'list' },
  'call.isCallback': { kind: 'boolean' },
  'call.inbound': { kind: 'boolean' },
  'call.unanswered': { kind: 'number' },
} as const satisfies Record<string, VariableDef>;

export type VariableName = keyof typeof VARIABLES;
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];

export function isVariableName(name: string): name is VariableName {
  return Object.prototype.hasOwnProperty.call(VARIABLES, name);
}

export function variableDef(name: VariableName): VariableDef {
  return VARIABLES[name];
}

/** `{{ name }}` anywhere in a text. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TextPiece = { text: string } | { variable: string };

/**
 * Splits a text into literal pieces and variable references. `broken` lists fragments that look
 * like a placeholder but are not closed or not well formed ("{{order.address" or "{{}}").
 */
export function splitText(text: string): { pieces: TextPiece[]; broken: string[] } {
  const pieces: TextPiece[] = [];
  const broken: string[] = [];
  // An opening without its closing (or the reverse) is a typo the trainer wants to hear about.
  const literal = (s: string) => {
    if (!s) return;
    const open = s.indexOf('{{');
    const close = s.indexOf('}}');
    if (open >= 0) broken.push(s.slice(open, open + 30));
    else if (close >= 0) broken.push(s.slice(Math.max(0, close - 28), close + 2));
    else {
      // A single brace is a variable typed with one ({order.amount}) or a third one ({{order.amount}}}):
      // read out to the customer as it stands. Words spoken on a call have no braces of their own.
      const single = /\{[^{}]{1,40}\}/.exec(s);
      const brace = s.search(/[{}]/);
      if (single) broken.push(single[0]);
      else if (brace >= 0) broken.push(s.slice(brace, brace + 12));
    }
    pieces.push({ text: s });
  };
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    literal(text.slice(last, m.index));
    const name = m[1];
    if (/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/.test(name)) pieces.push({ variable: name });
    else {
      broken.push(m[0]);
      pieces.push({ text: m[0] });
    }
    last = m.index + m[0].length;
  }
  literal(text.slice(last));
  return { pieces, broken };
}

// ---------- the facts of one call ----------

/** What is known about the order on the card (a subset of OrderView, so a sample order is easy to make). */
export interface ScriptOrder {
  orderNo: string;
  customerName: string;
  phone?: string;
  province: string;
  city: string;
  district: string;
  address: string;
  packageText: string;
  amountFen: number;
  paymentMethod: PaymentMethod;
  orderedAt?: string | null;
  source?: string;
  status?: OrderStatus | string;
  lines: { product: string; package: string; quantity: number; amountFen: number }[];
}

/**
 * A risk fact for people: its words, or risk screening's message key and params (a sample
 * order's), said in the call's language when the script is run.
 */
export type RiskFactText = string | { messageKey: string; params?: Record<string, string | number> };

export interface RiskFacts {
  level: RiskLevel;
  /** The order is held for a verify call because of its risk. */
  held: boolean;
  /** Rule codes that fired (duplicate_order, phone_region_mismatch...). */
  flags: string[];
  /** The same, said for people ("the phone is registered in Guangdong"). */
  facts: RiskFactText[];
}

/** A risk fact in the words of the translator's language (its key when there is no translator). */
export function sayRiskFact(fact: RiskFactText, t?: Translate): string {
  if (typeof fact === 'string') return fact;
  return t ? riskFactText(t, fact, fact.messageKey) : fact.messageKey;
}

export interface ShipmentFacts {
  courier?: string;
  waybill?: string;
  /** Expected delivery: an ISO date/instant (said as a date) or words ("tomorrow afternoon"). */
  eta?: string;
  /** Why it was not delivered (from the courier's tracking). */
  reason?: string;
  /** Pickup station for self-pickup. */
  station?: string;
}

export interface ScriptContext {
  order?: ScriptOrder;
  /** Known only when an order source or an earlier call told us; salutations use it. */
  customerGender?: 'male' | 'female';
  risk?: RiskFacts;
  shipment?: ShipmentFacts;
  agentName?: string;
  shopName?: string;
  /** inbound: the customer called us (or called back), so the script must not greet as if we rang them. */
  call?: { isCallback: boolean; unanswered: number; inbound?: boolean };
  /** Business time zone for dates (default Asia/Shanghai). */
  timeZone?: string;
}

/** A fact's raw value; undefined: not known. Money facts are in yuan so trainers compare yuan. */
export type FactValue = string | number | boolean | string[] | undefined;

/** Two-character surnames common enough that the first character alone would be wrong. */
const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '南宫', '西门', '独孤', '百里', '呼延', '澹台', '万俟', '闻人', '太史', '申屠', '钟离', '歐陽',
  '諸葛', '東方', '長孫', '宇文', '司徒', '夏侯', '軒轅', '令狐', '端木', '南宮', '獨孤', '呼延', '鍾離',
];

/** The family name of a Chinese name (one or two characters); a Latin name's last word. */
export function surnameOf(name: string): string {
  const n = name.trim();
  if (!n) return '';
  if (/^[\p{Script=Han}]/u.test(n)) {
    const two = n.slice(0, 2);
    return COMPOUND_SURNAMES.includes(two) && n.length > 2 ? two : n.slice(0, 1);
  }
  const words = n.split(/\s+/);
  return words[words.length - 1];
}

/** Money in fen to yuan with at most two decimals. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Yuan (as a trainer writes it) to integer fen; exact for two decimals. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function offerAddFen(offer: Offer): number {
  return offer.add.reduce((s, l) => s + yuanToFen(l.amount), 0);
}

/**
 * The raw value of every fact that is known. Offer facts come from the offer in play; risk facts
 * given as message keys are said with t, in the language of the call.
 */
export function factValues(ctx: ScriptContext, offer?: Offer, t?: Translate): Partial<Record<VariableName, FactValue>> {
  const o = ctx.order;
  const v: Partial<Record<VariableName, FactValue>> = {};
  const set = (k: VariableName, val: FactValue) => {
    if (val === undefined || val === null || val === '') return;
    if (Array.isArray(val) && val.length === 0) return;
    v[k] = val;
  };
  if (o) {
    set('customer.name', o.customerName);
    set('customer.surname', surnameOf(o.customerName));
    set('customer.salutation', o.customerName);
    set('customer.phone', o.phone);
    set('order.no', o.orderNo);
    set('order.product', o.lines[0]?.product);
    set('order.package', o.packageText);
    set('order.quantity', o.lines.reduce((s, l) => s + l.quantity, 0) || undefined);
    set('order.amount', fenToYuan(o.amountFen));
    set('order.payment', o.paymentMethod);
    set('order.address', fullAddress(o));
    set('order.province', o.province);
    set('order.city', o.city);
    set('order.orderedAt', o.orderedAt ?? undefined);
    set('order.source', o.source);
    set('order.status', o.status);
  }
  set('courier.name', ctx.shipment?.courier);
  set('courier.waybill', ctx.shipment?.waybill);
  set('courier.eta', ctx.shipment?.eta);
  set('courier.reason', ctx.shipment?.reason);
  set('courier.station', ctx.shipment?.station);
  set('agent.name', ctx.agentName);
  set('shop.name', ctx.shopName);
  if (ctx.risk) {
    set('risk.level', ctx.risk.level);
    v['risk.held'] = ctx.risk.held;
    set('risk.flags', ctx.risk.flags);
    set('risk.facts', ctx.risk.facts.map((f) => sayRiskFact(f, t)));
  } else {
    // No risk screening result: treat as no risk, so "is: none" and "held is false" still work.
    v['risk.level'] = 'none';
    v['risk.held'] = false;
  }
  if (ctx.call) {
    v['call.isCallback'] = ctx.call.isCallback;
    v['call.unanswered'] = ctx.call.unanswered;
    v['call.inbound'] = ctx.call.inbound ?? false;
  }
  if (offer) {
    const addFen = offerAddFen(offer);
    set('offer.add', fenToYuan(addFen));
    const totalFen = o ? o.amountFen + addFen : offer.total !== undefined ? yuanToFen(offer.total) : undefined;
    if (totalFen !== undefined) set('offer.total', fenToYuan(totalFen));
    if (offer.worth !== undefined && totalFen !== undefined) set('offer.saving', fenToYuan(Math.max(0, yuanToFen(offer.worth) - totalFen)));
  }
  return v;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

function sayMoney(yuan: number, locale: Locale): string {
  const n = Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2).replace(/0$/, '');
  return locale === 'en' ? `${n} yuan` : `${n}元`;
}

function sayDate(value: string, locale: Locale, timeZone: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(locale, {
    timeZone: dateOnly ? 'UTC' : timeZone,
    month: 'long',
    day: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  }).format(d);
}

function sayList(items: string[], locale: Locale): string {
  return items.join(locale === 'en' ? ', ' : '、');
}

/** Sentences (risk facts, which list order numbers and names inside): kept apart by a stronger mark. */
function saySentences(items: string[], locale: Locale): string {
  return items.join(locale === 'en' ? '; ' : '；');
}

/**
 * The words a variable becomes in the agent's locale, or undefined when the call does not know it
 * (the card then shows a visible placeholder instead).
 */
export function sayVariable(
  name: VariableName,
  facts: Partial<Record<VariableName, FactValue>>,
  ctx: ScriptContext,
  locale: Locale,
  t: Translate,
  offer?: Offer,
): string | undefined {
  const tz = ctx.timeZone ?? 'Asia/Shanghai';
  switch (name) {
    case 'customer.salutation': {
      const full = facts['customer.name'];
      if (typeof full !== 'string') return undefined;
      if (!ctx.customerGender) return full;
      return t(`packs.salutation.${ctx.customerGender}`, { surname: String(facts['customer.surname'] ?? full), name: full });
    }
    case 'order.payment':
      // Said inside a sentence ("…, 99 yuan, cash on delivery, right?"): not the screen's capitalised label.
      return facts[name] === undefined ? undefined : t(`paymentSaid.${String(facts[name])}`);
    case 'risk.level':
      return t(`packs.riskLevel.${String(facts[name])}`);
    case 'risk.held':
    case 'call.isCallback':
    case 'call.inbound':
      return facts[name] === undefined ? undefined : t(facts[name] ? 'packs.yes' : 'packs.no');
    case 'order.package': {
      // Said in the call's language: "两份变色润唇膏6支装" where the screens write "变色润唇膏 6支 ×2".
      const lines = ctx.order?.lines ?? [];
      const several = lines.length > 1 || (lines[0]?.quantity ?? 1) > 1;
      return facts[name] === undefined ? undefined : several ? spokenPackage(lines, locale) : String(facts[name]);
    }
    case 'order.source':
      // Conditions compare the stored value (an export's words, or Callcard's code for a phone
      // order); the script says a phone order in the call's language, as part of its sentence.
      return facts[name] === undefined ? undefined : sourceSaid(String(facts[name]), t);
    case 'order.status':
      return facts[name] === undefined ? undefined : t(`status.${String(facts[name])}`, { defaultValue: String(facts[name]) });
    case 'courier.eta': {
      const eta = facts[name];
      return typeof eta === 'string' ? (/^\d{4}-\d{2}-\d{2}/.test(eta) ? sayDate(eta, locale, tz) : eta) : undefined;
    }
    case 'offer.name':
      return offer ? localText(offer.name, locale) : undefined;
    case 'offer.lines': {
      if (!offer) return undefined;
      const product = ctx.order?.lines[0]?.product ?? '';
      return sayList(
        offer.add.map((l) => `${l.product ?? product}${l.package ? ` ${l.package}` : ''}${(l.quantity ?? 1) > 1 ? ` ×${l.quantity}` : ''}`.trim()),
        locale,
      );
    }
    case 'offer.points': {
      const points = offer?.points?.[locale];
      return points && points.length ? sayList(points, locale) : undefined;
    }
    default: {
      const def: VariableDef = VARIABLES[name];
      const value = facts[name];
      if (value === undefined) return undefined;
      switch (def.kind) {
        case 'money':
          return sayMoney(Number(value), locale);
        case 'date':
          return sayDate(String(value), locale, tz);
        case 'list':
          return name === 'risk.facts' ? saySentences(value as string[], locale) : sayList(value as string[], locale);
        default:
          return String(value);
      }
    }
  }
}

/** A locale's text of a LocaleText (undefined when the pack lacks it). */
export function localText(text: Partial<Record<Locale, string>> | undefined, locale: Locale): string | undefined {
  return text?.[locale];
}
