import { zonedTimeToUtc } from '../../../shared/time';
import type { PaymentMethod } from '../../../shared/domain';

/** Full-width digits and punctuation (common in typed Chinese data) to ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A phone number in the form agents dial: mainland mobiles as 11 digits (+86 / 0086 / spaces /
 * dashes removed), landlines with their area code. Returns null when there is nothing dialable.
 */
export function normalisePhone(raw: string): string | null {
  let s = toHalfWidth(raw).trim();
  if (!s) return null;
  s = s.replace(/[\s\-()（）.]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (/^861\d{10}$/.test(s)) s = s.slice(2);
  if (!/^\+?\d{5,20}$/.test(s)) return null;
  return s;
}

/** How an import keeps a phone: normalised when it is a mainland mobile or a landline with its area code. */
export interface ImportedPhone {
  phone: string;
  /** 'unrecognised': kept as written (never guessed), flagged for the agent and the risk screen. */
  flag: 'unrecognised' | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** 010 and 02x are three-digit area codes with eight-digit numbers; the rest are four digits and 7-8. */
const LANDLINE = /^(?:0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8})$/;

/**
 * A phone cell of an export: mobiles to 11 digits (+86 / 0086 / 86, spaces, dashes, brackets and
 * full-width digits removed; a long-distance 0 before a mobile dropped), landlines kept with their
 * area code. Anything else with digits in it is kept as written and flagged; null when there is
 * no digit at all (nothing to dial).
 */
export function readPhone(raw: string): ImportedPhone | null {
  const written = toHalfWidth(raw).trim();
  if (!/\d/.test(written) || written.length > 40) return null;
  let s = written.replace(/[\s\-\u2010-\u2015()（）.·]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (/^86(?:1[3-9]\d{9})$/.test(s)) s = s.slice(2);
  if (/^0(?:1[3-9]\d{9})$/.test(s)) s = s.slice(1);
  if (MOBILE.test(s) || LANDLINE.test(s)) return { phone: s, flag: null };
  return { phone: written, flag: 'unrecognised' };
}

/**
 * "¥99", "99元", "99.00", "1,299.5", "RMB 59" -> fen. Commas only as thousands separators ("12,99"
 * could be a European decimal: refused, never guessed). More than two decimals are accepted only as
 * spreadsheet float noise ("169.49999999999997"). Null when not a money amount.
 */
export function parseMoneyFen(raw: string): number | null {
  const s = toHalfWidth(raw).replace(/[¥￥\s]|元|人民币|rmb|cny/gi, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const yuan = Number(m[1].replace(/,/g, ''));
  const decimals = m[2] ?? '';
  if (decimals.length <= 2) {
    const fen = yuan * 100 + Number(decimals.padEnd(2, '0'));
    return Number.isSafeInteger(fen) ? fen : null;
  }
  const exact = Number(`${yuan}.${decimals}`) * 100;
  const fen = Math.round(exact);
  return Math.abs(exact - fen) < 1e-4 && Number.isSafeInteger(fen) ? fen : null;
}

export function parseQuantity(raw: string): number | null {
  const s = toHalfWidth(raw).trim().replace(/^[x×*]\s*/i, '').replace(/\s*[件盒个罐瓶套支袋份包台副]$/, '');
  if (s === '') return 1;
  return /^\d{1,3}$/.test(s) && Number(s) > 0 ? Number(s) : null;
}

/** Excel's day zero is 1899-12-30 (it counts the fictional 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * An order time as a UTC instant. Text without an offset, spreadsheet dates and Excel serial
 * numbers are read as wall-clock time in the business time zone; 10- and 13-digit integers are
 * Unix seconds / milliseconds (some platform APIs export those). Null when unreadable.
 */
export function parseOrderTime(raw: string | Date, timeZone: string): Date | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    // Spreadsheet dates carry the wall clock in their UTC fields.
    return wallClock(raw, timeZone);
  }
  const s = toHalfWidth(raw).trim();
  if (!s) return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    // Rounded to the second: a serial's fraction (e.g. 0.4201388889 for 10:05) is not exact in ms.
    const ms = EXCEL_EPOCH_MS + Math.round(Number(s) * 86_400) * 1000;
    return wallClock(new Date(ms), timeZone);
  }
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000);
  if (/^\d{13}$/.test(s)) return new Date(Number(s));
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,3}))?)?[秒分]?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  // The day is checked against the month's real length: "2026-02-30" is a typo, not 2 March.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  return zonedWall(y, mo, d, h, mi, sec, ms, timeZone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Offsets of each zone by wall-clock half hour. Intl is slow (microseconds per call) and an export
 * of 100,000 rows has a few hundred distinct half hours; offsets only change on the hour or half hour.
 */
const offsetCache = new Map<string, Map<number, number>>();

/** The instant at which the wall clock in `timeZone` shows this time. */
function zonedWall(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, timeZone: string): Date {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucketStart = Date.UTC(y, mo - 1, d, h, mi < 30 ? 0 : 30);
  let offset = zone.get(bucketStart);
  if (offset === undefined) {
    offset = bucketStart - zonedTimeToUtc(y, mo, d, h, mi < 30 ? 0 : 30, timeZone).getTime();
    if (zone.size > 100_000) zone.clear();
    zone.set(bucketStart, offset);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset);
}

/** A Date whose UTC fields hold a wall-clock time in `timeZone` -> the real instant (seconds kept). */
function wallClock(d: Date, timeZone: string): Date {
  return zonedWall(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, timeZone);
}

/** Cash on delivery or paid online; '' is cash on delivery (what a COD shop's export leaves blank). */
export function parsePaymentMethod(raw: string): PaymentMethod | null {
  const s = toHalfWidth(raw).trim().toLowerCase();
  if (s === '' || /货到付款|到付|代收|cod|cash on delivery/.test(s)) return 'cod';
  if (/在线|已付|已支付|先款|预付|online|prepaid|paid|微信|支付宝|wechat|alipay|云闪付|银行卡/.test(s)) return 'online';
  return null;
}

/** Platform statuses that mean the order is already dead before we call. */
export function isCancelledStatus(raw: string): boolean {
  return /已取消|已关闭|交易关闭|cancel|closed/i.test(raw.trim());
}
