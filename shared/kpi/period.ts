/**
 * Report periods: business days (YYYY-MM-DD) in the settings' time zone, turned into the UTC
 * instants the store keeps. A day is [its 00:00, the next day's 00:00) on the business clock, so a
 * DST day is as long as the wall clock says.
 */
import { zonedParts, zonedTimeToUtc } from '../time';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A day string that names a real calendar day (2026-02-30 does not). */
export function isDay(s: string): boolean {
  if (!DAY_PATTERN.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Calendar arithmetic on day strings (UTC dates: no zone can shift them). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function listDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface Period {
  from: string;
  to: string;
}

/** The same number of days immediately before: a day's previous period is the day before. */
export function previousPeriod(p: Period): Period {
  const n = dayCount(p.from, p.to);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

/** The UTC instant at which a business day starts. */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return zonedTimeToUtc(y, m, d, 0, 0, timeZone);
}

/** [start, end) of a period as ISO instants, comparable with the store's UTC ISO strings. */
export function periodBounds(p: Period, timeZone: string): { start: string; end: string } {
  return { start: dayStart(p.from, timeZone).toISOString(), end: dayStart(addDays(p.to, 1), timeZone).toISOString() };
}

/** Hour of the business clock (0–23) at which an instant falls. */
export function businessHour(iso: string, timeZone: string): number {
  return zonedParts(new Date(iso), timeZone).hour;
}

/**
 * Day boundaries of a list of days, for bucketing many instants cheaply: binary search over the
 * day starts instead of a time-zone conversion per row.
 */
export function dayBucketer(days: string[], timeZone: string): (iso: string) => string | null {
  const starts = days.map((d) => dayStart(d, timeZone).toISOString());
  const end = days.length ? dayStart(addDays(days[days.length - 1], 1), timeZone).toISOString() : '';
  return (iso) => {
    if (!days.length || iso < starts[0] || iso >= end) return null;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= iso) lo = mid;
      else hi = mid - 1;
    }
    return days[lo];
  };
}

/**
 * Hour of the business clock for many instants: one time-zone conversion per quarter hour that
 * holds a call (every zone offset in use is a multiple of 15 minutes), not one per row.
 */
export function hourBucketer(timeZone: string): (iso: string) => number {
  const slots = new Map<number, number>();
  const slotMs = 15 * 60_000;
  return (iso) => {
    const slot = Math.floor(Date.parse(iso) / slotMs);
    let hour = slots.get(slot);
    if (hour === undefined) {
      hour = zonedParts(new Date(slot * slotMs), timeZone).hour;
      slots.set(slot, hour);
    }
    return hour;
  };
}

/**
 * The business wall clock of many instants as "UTC" epoch ms (instant + the zone's offset then),
 * for spreadsheets, which have no time zones. One conversion per quarter hour, not per row.
 */
export function wallClock(timeZone: string): (iso: string) => number {
  const offsets = new Map<number, number>();
  const slotMs = 15 * 60_000;
  return (iso) => {
    const t = Date.parse(iso);
    const slot = Math.floor(t / slotMs);
    let offset = offsets.get(slot);
    if (offset === undefined) {
      const p = zonedParts(new Date(slot * slotMs), timeZone);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - slot * slotMs;
      offsets.set(slot, offset);
    }
    return t + offset;
  };
}
