/**
 * Blacklist expiry dates. A date a lead picks means "blacklisted through that day" in the business
 * time zone: the entry is stored with the instant that day ends (the next day's 00:00 there), and
 * is shown, exported and read back as that date ("2027-06-30"), never as the instant.
 */
import { businessDay, zonedTimeToUtc } from '../time';

/** "2027-06-30" -> the instant that day ends in the business time zone (ISO); null when not a real date. */
export function endOfDay(date: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // 2027-02-30 is a typo, not 2 March.
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const start = zonedTimeToUtc(y, mo, d, 0, 0, timeZone);
  if (Number.isNaN(start.getTime())) return null;
  return new Date(start.getTime() + 86_400_000).toISOString();
}

/**
 * The last day an entry counts (YYYY-MM-DD in the business zone) for its stored expiry instant:
 * the day the last millisecond before it falls on, so "2027-07-01 00:00" is 2027-06-30.
 */
export function expiryDate(expiresAt: string, timeZone: string): string {
  return businessDay(new Date(Date.parse(expiresAt) - 1), timeZone);
}

/**
 * Any expiry instant moved to the end of its business day (what a date means); an instant that
 * already is one stays as it is. Null when it is no instant.
 */
export function expiryInstant(expiresAt: string, timeZone: string): string | null {
  if (Number.isNaN(Date.parse(expiresAt))) return null;
  return endOfDay(expiryDate(expiresAt, timeZone), timeZone);
}

/** Today's date in the business zone: the earliest expiry date that still counts. */
export function today(now: Date, timeZone: string): string {
  return businessDay(now, timeZone);
}
