/** Numbers, money and times through Intl in the UI language; times in the business zone. */
import { sourceLabel } from '../../shared/sources';

export function formatMoney(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(fen / 100)
    .replace('CN¥', '¥');
}

/** Month, day and time; the year too when it is not this year (an entry added last year read as this year's). */
export function formatTime(iso: string | null, locale: string, timeZone: string, now: Date = new Date()): string {
  if (!iso) return '—';
  const at = new Date(iso);
  const year = (d: Date) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(d);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    ...(year(at) !== year(now) ? { year: 'numeric' as const } : {}),
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export function formatClock(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Yuan typed by the agent -> fen; null when it is not an amount. */
export function yuanToFen(v: string): number | null {
  const s = v.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A time as the store keeps it (2026-12-06T08:08:00.000Z). */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/**
 * An order history value as the user reads it: statuses, payment methods, holds, sources, money and
 * times in words (a time as stored is an ISO instant, shown in the business zone).
 */
export function historyValue(field: string, value: string | null, lang: string, timeZone: string, t: Translate): string {
  if (value === null) return field === 'risk_hold' ? t('history.notHeld') : '—';
  switch (field) {
    case 'status':
      return t(`status.${value}`, { defaultValue: value });
    case 'paymentMethod':
      return t(`payment.${value}`, { defaultValue: value });
    case 'source':
      return sourceLabel(value, t);
    case 'amountFen': {
      const fen = Number(value);
      return Number.isFinite(fen) ? formatMoney(fen, lang) : value;
    }
    case 'risk_hold':
      return t(`history.hold.${value}`, { defaultValue: value });
    case 'risk_override': {
      // Stored as "release: <reason>" or "hold: <reason>".
      const m = /^(release|hold): ([\s\S]*)$/.exec(value);
      // The old value is the hold the decision lifted or kept ("high_risk"): said as a hold is.
      return m ? t(`history.override.${m[1]}`, { reason: m[2] }) : t(`history.hold.${value}`, { defaultValue: value });
    }
    default:
      // A time (orderedAt, a courier's statusAt…): as every other time on screen.
      return /At$/.test(field) && ISO_INSTANT.test(value) ? formatTime(value, lang, timeZone) : value;
  }
}
