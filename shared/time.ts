/**
 * Business-time helpers. Instants are stored as UTC ISO strings; "today", "next morning"
 * and calling hours are computed in the business time zone (Asia/Shanghai by default).
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's parts from the Intl formatter (slow: tens of microseconds a call). */
function formattedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Offset (ms) of the zone from UTC at an instant, asked of the formatter. */
function formattedOffset(ms: number, timeZone: string): number {
  const p = formattedParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * Offsets change only at a zone's transitions, which fall on quarter hours. An offset found at both
 * ends of a quarter hour holds all through it, so it is kept per zone and quarter hour; a quarter
 * hour with a transition inside (none in practice) is asked of the formatter every time.
 */
const QUARTER = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number | null>>();

function offsetMs(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const q = Math.floor(ms / QUARTER);
  let off = zone.get(q);
  if (off === undefined) {
    const start = formattedOffset(q * QUARTER, timeZone);
    off = formattedOffset(q * QUARTER + QUARTER - 1000, timeZone) === start ? start : null;
    if (zone.size > 4096) zone.clear();
    zone.set(q, off);
  }
  return off ?? formattedOffset(ms, timeZone);
}

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) return formattedParts(instant, timeZone);
  const wall = new Date(ms + offsetMs(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Offset (ms) of the zone from UTC at an instant. */
function offsetAt(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  return Number.isFinite(ms) ? offsetMs(ms, timeZone) : formattedOffset(ms, timeZone);
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(new Date(guess), timeZone);
  // A second pass settles instants near a DST change.
  return new Date(guess - offsetAt(new Date(first), timeZone));
}

/** The business day (YYYY-MM-DD) an instant falls on. */
export function businessDay(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "HH:MM" -> [hour, minute]. */
export function parseClock(hhmm: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`bad clock time: ${hhmm}`);
  return [Number(m[1]), Number(m[2])];
}

/** The next day's `hhmm` in the business zone, after `instant`. */
export function nextMorning(instant: Date, timeZone: string, hhmm = '09:00'): Date {
  const p = zonedParts(instant, timeZone);
  const [h, m] = parseClock(hhmm);
  // Day arithmetic on a UTC date avoids month/year edge cases.
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), h, m, timeZone);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
