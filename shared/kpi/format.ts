/**
 * How report numbers read, in the user's locale: counts, ¥ money with 2 decimals, percentages, and
 * durations. A rate that divides by zero reads "—".
 */
import type { Ratio } from './definitions';

export const NO_VALUE = '—';

const cache = new Map<string, Intl.NumberFormat>();
function fmt(locale: string, kind: 'count' | 'money' | 'percent'): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'money'
        ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : kind === 'percent'
          ? new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
          : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    cache.set(key, f);
  }
  return f;
}

export function formatCount(n: number, locale: string): string {
  return fmt(locale, 'count').format(n);
}

/** Fen as yuan: ¥1,234.50 (the plain ¥ sign in every locale; the sheet is about one currency). */
export function formatFen(fen: number, locale: string): string {
  return fmt(locale, 'money').format(fen / 100).replace(/CN¥|CNY\s?/, '¥');
}

export function formatRatio(r: Ratio, locale: string): string {
  return r === null || !Number.isFinite(r) ? NO_VALUE : fmt(locale, 'percent').format(r);
}

/** 0:02:05 (hours grow past 24 for a team's day). */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A summary line's value as it reads: by its kind of number. */
export function formatKpiValue(value: number | null, kind: 'count' | 'money' | 'percent' | 'duration', locale: string): string {
  if (kind === 'percent') return formatRatio(value, locale);
  if (kind === 'duration') return formatDuration(value);
  if (value === null) return NO_VALUE;
  return kind === 'money' ? formatFen(value, locale) : formatCount(value, locale);
}
