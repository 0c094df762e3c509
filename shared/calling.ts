/**
 * When a customer may be called. Pure rules over the business clock, shared by the queue (which
 * cards to hand out) and the retry ladders (when to try again).
 */
import type { RetryRung } from './settings';
import { addMinutes, nextMorning, parseClock, zonedParts, zonedTimeToUtc } from './time';

export interface CallingHours {
  start: string;
  end: string;
}

function minutesOfDay(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return p.hour * 60 + p.minute;
}

function clockMinutes(hhmm: string): number {
  const [h, m] = parseClock(hhmm);
  return h * 60 + m;
}

export function withinCallingHours(instant: Date, timeZone: string, hours: CallingHours): boolean {
  const m = minutesOfDay(instant, timeZone);
  return m >= clockMinutes(hours.start) && m < clockMinutes(hours.end);
}

/** The instant itself when calls are allowed then, else the start of the next calling window. */
export function nextCallingTime(instant: Date, timeZone: string, hours: CallingHours): Date {
  if (withinCallingHours(instant, timeZone, hours)) return instant;
  const m = minutesOfDay(instant, timeZone);
  if (m < clockMinutes(hours.start)) {
    const p = zonedParts(instant, timeZone);
    const [h, mi] = parseClock(hours.start);
    return zonedTimeToUtc(p.year, p.month, p.day, h, mi, timeZone);
  }
  return nextMorning(instant, timeZone, hours.start);
}

/** The end of today's calling window (for "callbacks later today"). */
export function endOfCallingDay(instant: Date, timeZone: string, hours: CallingHours): Date {
  const p = zonedParts(instant, timeZone);
  const [h, mi] = parseClock(hours.end);
  return zonedTimeToUtc(p.year, p.month, p.day, h, mi, timeZone);
}

/**
 * When an unanswered call is tried again: the rung for this many unanswered calls so far,
 * moved into calling hours. Null when the ladder is used up.
 */
export function retryAt(ladder: RetryRung[], unansweredSoFar: number, now: Date, timeZone: string, hours: CallingHours): Date | null {
  const rung = ladder[unansweredSoFar - 1];
  if (!rung) return null;
  const at = 'minutes' in rung ? addMinutes(now, rung.minutes) : nextMorning(now, timeZone, rung.nextMorningAt);
  return nextCallingTime(at, timeZone, hours);
}

/** The quick choices a callback offers: in half an hour, in an hour, this evening, tomorrow morning. */
export type CallbackPreset = 'in30' | 'in60' | 'evening' | 'tomorrow';

/**
 * The quick callback times from `now` on the business clock — each moved into calling hours, and
 * a time two choices would share offered once (late in the day "in half an hour" and "in an hour"
 * both mean tomorrow's start). "This evening" (19:00) only while it is more than half an hour off.
 */
export function callbackPresets(now: Date, timeZone: string, hours: CallingHours): { id: CallbackPreset; at: Date }[] {
  const FIVE_MIN = 5 * 60_000;
  const soon = (minutes: number) => new Date(Math.ceil(addMinutes(now, minutes).getTime() / FIVE_MIN) * FIVE_MIN);
  const today = zonedParts(now, timeZone);
  const tomorrow = zonedParts(addMinutes(zonedTimeToUtc(today.year, today.month, today.day, 12, 0, timeZone), 24 * 60), timeZone);
  const evening = zonedTimeToUtc(today.year, today.month, today.day, 19, 0, timeZone);
  const raw: { id: CallbackPreset; at: Date }[] = [
    { id: 'in30', at: soon(30) },
    { id: 'in60', at: soon(60) },
    ...(evening.getTime() > addMinutes(now, 30).getTime() ? [{ id: 'evening' as const, at: evening }] : []),
    { id: 'tomorrow', at: zonedTimeToUtc(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0, timeZone) },
  ];
  const seen = new Set<number>();
  const out: { id: CallbackPreset; at: Date }[] = [];
  for (const p of raw) {
    const at = nextCallingTime(p.at, timeZone, hours);
    if (seen.has(at.getTime())) continue;
    seen.add(at.getTime());
    out.push({ id: p.id, at });
  }
  return out;
}
