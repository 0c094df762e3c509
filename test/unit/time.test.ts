import { describe, expect, test } from 'vitest';
import { addMinutes, businessDay, nextMorning, parseClock, zonedParts, zonedTimeToUtc } from '../../shared/time';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('zonedTimeToUtc', () => {
  test('reads a Shanghai wall clock as UTC+8', () => {
    expect(iso(zonedTimeToUtc(2026, 11, 20, 10, 5, SH))).toBe('2026-11-20T02:05:00.000Z');
  });

  test('a Shanghai early morning is the previous UTC day', () => {
    expect(iso(zonedTimeToUtc(2026, 11, 21, 7, 30, SH))).toBe('2026-11-20T23:30:00.000Z');
    expect(iso(zonedTimeToUtc(2027, 1, 1, 0, 0, SH))).toBe('2026-12-31T16:00:00.000Z');
  });

  test('follows New York daylight saving time (EST -5, EDT -4)', () => {
    // DST starts on 2026-03-08 at 02:00 and ends on 2026-11-01 at 02:00 local time.
    expect(iso(zonedTimeToUtc(2026, 3, 7, 9, 0, NY))).toBe('2026-03-07T14:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 3, 8, 1, 0, NY))).toBe('2026-03-08T06:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 3, 8, 3, 0, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 3, 8, 9, 0, NY))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 10, 31, 23, 0, NY))).toBe('2026-11-01T03:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 11, 1, 3, 0, NY))).toBe('2026-11-01T08:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 11, 1, 9, 0, NY))).toBe('2026-11-01T14:00:00.000Z');
  });

  // Every existing wall-clock hour of the DST change days reads back as itself. (02:xx does not
  // exist on a spring-forward day in these zones, so it is skipped there.)
  const changeDays: [string, number, number, number, boolean][] = [
    [NY, 2026, 3, 8, true],
    [NY, 2026, 11, 1, false],
    ['Europe/Berlin', 2026, 3, 29, true],
    ['Europe/Berlin', 2026, 10, 25, false],
    ['Australia/Sydney', 2026, 10, 4, true],
    ['Australia/Sydney', 2026, 4, 5, false],
  ];
  test.each(changeDays)('round-trips every hour of a DST change day in %s (%i-%i-%i)', (zone, y, mo, d, springForward) => {
    for (let h = 0; h < 24; h++) {
      if (springForward && h === 2) continue;
      for (const mi of [0, 30]) {
        const p = zonedParts(zonedTimeToUtc(y, mo, d, h, mi, zone), zone);
        expect({ y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute }, `${zone} ${h}:${mi}`).toEqual({ y, mo, d, h, mi });
      }
    }
  });
});

describe('businessDay', () => {
  test('is the Shanghai date, which changes at 16:00 UTC', () => {
    expect(businessDay(at('2026-11-20T15:59:59Z'), SH)).toBe('2026-11-20');
    expect(businessDay(at('2026-11-20T16:00:00Z'), SH)).toBe('2026-11-21');
    expect(businessDay(at('2026-12-31T16:00:00Z'), SH)).toBe('2027-01-01');
  });

  test('in New York the day changes at 05:00 UTC in winter and 04:00 UTC in summer', () => {
    expect(businessDay(at('2026-11-21T04:59:00Z'), NY)).toBe('2026-11-20');
    expect(businessDay(at('2026-11-21T05:00:00Z'), NY)).toBe('2026-11-21');
    expect(businessDay(at('2026-07-02T03:59:00Z'), NY)).toBe('2026-07-01');
    expect(businessDay(at('2026-07-02T04:00:00Z'), NY)).toBe('2026-07-02');
  });

  test('pads month and day to two digits', () => {
    expect(businessDay(at('2026-03-05T02:00:00Z'), SH)).toBe('2026-03-05');
  });
});

describe('nextMorning', () => {
  test('is 09:00 Shanghai on the next business day', () => {
    // 14:30 in Shanghai on the 20th.
    expect(iso(nextMorning(at('2026-11-20T06:30:00Z'), SH))).toBe('2026-11-21T01:00:00.000Z');
  });

  test('the next day is counted in the business zone, not in UTC', () => {
    // 23:30 Shanghai on the 20th is 15:30 UTC on the 20th.
    expect(iso(nextMorning(at('2026-11-20T15:30:00Z'), SH))).toBe('2026-11-21T01:00:00.000Z');
    // 20:00 in New York on the 20th is already the 21st in UTC: the next morning is the 21st, not the 22nd.
    expect(iso(nextMorning(at('2026-11-21T01:00:00Z'), NY))).toBe('2026-11-21T14:00:00.000Z');
  });

  test('crosses month and year ends', () => {
    expect(iso(nextMorning(at('2026-11-30T12:00:00Z'), SH))).toBe('2026-12-01T01:00:00.000Z');
    expect(iso(nextMorning(at('2026-12-31T12:00:00Z'), SH))).toBe('2027-01-01T01:00:00.000Z');
    expect(iso(nextMorning(at('2028-02-28T12:00:00Z'), SH))).toBe('2028-02-29T01:00:00.000Z');
  });

  test('takes a clock time', () => {
    expect(iso(nextMorning(at('2026-11-20T06:30:00Z'), SH, '10:30'))).toBe('2026-11-21T02:30:00.000Z');
    expect(iso(nextMorning(at('2026-11-20T06:30:00Z'), SH, '8:00'))).toBe('2026-11-21T00:00:00.000Z');
  });

  test('keeps 09:00 local across New York DST changes', () => {
    // Saturday evening before spring-forward (EST) -> Sunday 09:00 EDT.
    expect(iso(nextMorning(at('2026-03-08T01:00:00Z'), NY))).toBe('2026-03-08T13:00:00.000Z');
    // Saturday evening before fall-back (EDT) -> Sunday 09:00 EST.
    expect(iso(nextMorning(at('2026-11-01T01:00:00Z'), NY))).toBe('2026-11-01T14:00:00.000Z');
  });
});

describe('clock and minutes', () => {
  test('parseClock reads HH:MM and refuses anything else', () => {
    expect(parseClock('09:00')).toEqual([9, 0]);
    expect(parseClock('9:05')).toEqual([9, 5]);
    expect(() => parseClock('9')).toThrow();
    expect(() => parseClock('09:00:00')).toThrow();
  });

  test('addMinutes moves an instant, backwards too', () => {
    expect(iso(addMinutes(at('2026-11-20T23:45:00Z'), 30))).toBe('2026-11-21T00:15:00.000Z');
    expect(iso(addMinutes(at('2026-11-20T00:15:00Z'), -30))).toBe('2026-11-19T23:45:00.000Z');
  });

  test('zonedParts gives the wall clock of an instant', () => {
    expect(zonedParts(at('2026-11-20T16:05:09Z'), SH)).toEqual({ year: 2026, month: 11, day: 21, hour: 0, minute: 5, second: 9 });
  });
});

describe('zonedParts (offsets kept per quarter hour)', () => {
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const intlParts = (ms: number, timeZone: string) => {
    let f = formatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      formatters.set(timeZone, f);
    }
    const o: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') o[p.type] = Number(p.value);
    return { year: o.year, month: o.month, day: o.day, hour: o.hour, minute: o.minute, second: o.second };
  };
  const offset = (ms: number, zone: string) => {
    const p = intlParts(ms, zone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
  /** The instants of 2026 at which the zone's offset changes (found with the formatter alone). */
  const transitions = (zone: string): number[] => {
    const found: number[] = [];
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
      let [lo, hi] = [day, day + 86_400_000];
      if (offset(lo, zone) === offset(hi, zone)) continue;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offset(mid, zone) === offset(lo, zone)) lo = mid;
        else hi = mid;
      }
      found.push(hi);
    }
    return found;
  };

  test('agree with the Intl formatter at random instants (1970–2040) and around every offset change of 2026', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const random = Array.from({ length: 2000 }, () => Math.floor(rnd() * Date.UTC(2040, 0, 1)));
    let changes = 0;
    for (const zone of ZONES) {
      const around = transitions(zone).flatMap((t) => [t - 60_000, t - 1000, t, t + 1000, t + 60_000]);
      changes += around.length / 5;
      const wrong = [...random, ...around].filter((ms) => JSON.stringify(zonedParts(new Date(ms), zone)) !== JSON.stringify(intlParts(ms, zone)));
      expect(wrong.map((ms) => new Date(ms).toISOString()), zone).toEqual([]);
    }
    // New York, London, Lord Howe, St John's and Chatham each change twice.
    expect(changes).toBe(10);
  });
});
