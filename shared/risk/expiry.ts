/** Blacklist expiry dates: a date a lead picks means "until the end of that day" in the business zone. */
import { zonedTimeToUtc } from '../time';

/** "2027-06-30" -> the instant that day ends in the business time zone (ISO); null when not a date. */
export function endOfDay(date: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = zonedTimeToUtc(y, mo, d, 0, 0, timeZone);
  if (Number.isNaN(start.getTime())) return null;
  return new Date(start.getTime() + 86_400_000).toISOString();
}
