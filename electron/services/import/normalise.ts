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

/** "¥99", "99元", "99.00", "1,299.5" -> fen. Null when not a money amount. */
export function parseMoneyFen(raw: string): number | null {
  const s = toHalfWidth(raw).replace(/[¥￥,\s]|元|rmb|cny/gi, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function parseQuantity(raw: string): number | null {
  const s = toHalfWidth(raw).trim().replace(/[件盒个罐瓶套支袋]$/, '');
  if (s === '') return 1;
  return /^\d{1,3}$/.test(s) && Number(s) > 0 ? Number(s) : null;
}

/** Excel's day zero is 1899-12-30 (it counts the fictional 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * An order time as a UTC instant. Text without an offset, spreadsheet dates and Excel serial
 * numbers are read as wall-clock time in the business time zone. Null when unreadable.
 */
export function parseOrderTime(raw: string | Date, timeZone: string): Date | null {
  if (raw instanceof Date) {
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
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?秒?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  // The day is checked against the month's real length: "2026-02-30" is a typo, not 2 March.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  return withSeconds(zonedTimeToUtc(y, mo, d, h, mi, timeZone), sec);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** zonedTimeToUtc works in whole minutes; the seconds of an order time are kept on top of it. */
function withSeconds(d: Date, seconds: number): Date {
  return new Date(d.getTime() + seconds * 1000);
}

/** A Date whose UTC fields hold a wall-clock time in `timeZone` -> the real instant (seconds kept). */
function wallClock(d: Date, timeZone: string): Date {
  const minute = zonedTimeToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), timeZone);
  return withSeconds(minute, d.getUTCSeconds());
}

export function parsePaymentMethod(raw: string): PaymentMethod | null {
  const s = toHalfWidth(raw).trim().toLowerCase();
  if (s === '' || /货到付款|到付|cod|cash on delivery/.test(s)) return 'cod';
  if (/在线|已付|已支付|online|prepaid|微信|支付宝|wechat|alipay/.test(s)) return 'online';
  return null;
}

/** Platform statuses that mean the order is already dead before we call. */
export function isCancelledStatus(raw: string): boolean {
  return /已取消|已关闭|交易关闭|cancel|closed/i.test(raw.trim());
}
