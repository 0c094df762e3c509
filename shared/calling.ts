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
