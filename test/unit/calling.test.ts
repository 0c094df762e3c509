import { describe, expect, test } from 'vitest';
import { callbackPresets, endOfCallingDay, nextCallingTime, retryAt, withinCallingHours, type CallingHours } from '../../shared/calling';
import type { RetryRung } from '../../shared/settings';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const HOURS: CallingHours = { start: '09:00', end: '21:00' };

/** A Shanghai wall-clock time ("2026-11-20 20:59:59") as a Date. */
const sh = (s: string) => new Date(`${s.replace(' ', 'T')}+08:00`);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe('withinCallingHours', () => {
  test.each([
    ['2026-11-20 00:00:00', false],
    ['2026-11-20 08:59:59', false],
    ['2026-11-20 09:00:00', true],
    ['2026-11-20 12:00:00', true],
    ['2026-11-20 20:59:59', true],
    ['2026-11-20 21:00:00', false],
    ['2026-11-20 23:59:59', false],
    // UTC is still on the previous day here; the business clock decides.
    ['2026-11-21 07:30:00', false],
    ['2026-11-21 09:30:00', true],
  ])('%s Shanghai → %s', (at, expected) => {
    expect(withinCallingHours(sh(at), SH, HOURS)).toBe(expected);
  });

  test('reads the hours in the business time zone, not UTC', () => {
    // 01:30 UTC is 09:30 in Shanghai but 20:30 the day before in New York.
    const at = new Date('2026-11-21T01:30:00.000Z');
    expect(withinCallingHours(at, SH, HOURS)).toBe(true);
    expect(withinCallingHours(at, NY, HOURS)).toBe(true);
    expect(withinCallingHours(at, 'UTC', HOURS)).toBe(false);
    expect(withinCallingHours(at, SH, { start: '10:00', end: '18:00' })).toBe(false);
  });
});

describe('nextCallingTime', () => {
  test('an instant within the hours is itself', () => {
    const at = sh('2026-11-20 20:59:59');
    expect(nextCallingTime(at, SH, HOURS)).toBe(at);
  });

  test.each([
    ['before opening: today at 09:00', '2026-11-20 08:59:59', '2026-11-20T01:00:00.000Z'],
    ['just after midnight (still the previous UTC day): that morning', '2026-11-21 00:30:00', '2026-11-21T01:00:00.000Z'],
    ['at closing time: tomorrow at 09:00', '2026-11-20 21:00:00', '2026-11-21T01:00:00.000Z'],
    ['late evening: tomorrow at 09:00', '2026-11-20 23:59:00', '2026-11-21T01:00:00.000Z'],
    ['end of the month', '2026-11-30 22:00:00', '2026-12-01T01:00:00.000Z'],
    ['end of the year', '2026-12-31 21:30:00', '2027-01-01T01:00:00.000Z'],
    ['28 February', '2027-02-28 21:00:00', '2027-03-01T01:00:00.000Z'],
    ['leap day', '2028-02-28 22:00:00', '2028-02-29T01:00:00.000Z'],
  ])('%s', (_label, at, expected) => {
    expect(iso(nextCallingTime(sh(at), SH, HOURS))).toBe(expected);
  });

  test('custom hours, and a zone with daylight saving time', () => {
    expect(iso(nextCallingTime(sh('2026-11-20 20:00:00'), SH, { start: '08:30', end: '20:00' }))).toBe('2026-11-21T00:30:00.000Z');
    // New York leaves daylight saving time on 2026-11-01: 09:00 is 13:00 UTC before, 14:00 UTC after.
    expect(iso(nextCallingTime(new Date('2026-11-01T01:30:00.000Z'), NY, HOURS))).toBe('2026-11-01T14:00:00.000Z');
    expect(iso(nextCallingTime(new Date('2026-10-31T05:00:00.000Z'), NY, HOURS))).toBe('2026-10-31T13:00:00.000Z');
  });
});

describe('endOfCallingDay', () => {
  test.each([
    ['2026-11-20 09:00:00', '2026-11-20T13:00:00.000Z'],
    ['2026-11-20 20:59:00', '2026-11-20T13:00:00.000Z'],
    // Shortly after midnight the business day is the new one, though UTC is still on the old.
    ['2026-11-21 00:10:00', '2026-11-21T13:00:00.000Z'],
    ['2026-12-31 12:00:00', '2026-12-31T13:00:00.000Z'],
  ])('%s Shanghai → %s', (at, expected) => {
    expect(iso(endOfCallingDay(sh(at), SH, HOURS))).toBe(expected);
  });

  test('follows the configured end', () => {
    expect(iso(endOfCallingDay(sh('2026-11-20 10:00:00'), SH, { start: '08:00', end: '18:30' }))).toBe('2026-11-20T10:30:00.000Z');
  });
});

describe('retryAt', () => {
  const LADDER: RetryRung[] = [{ minutes: 30 }, { minutes: 120 }, { nextMorningAt: '09:00' }];

  test('climbs the ladder rung by rung and is null when it is used up', () => {
    const now = sh('2026-11-20 10:00:00');
    expect(iso(retryAt(LADDER, 1, now, SH, HOURS))).toBe('2026-11-20T02:30:00.000Z');
    expect(iso(retryAt(LADDER, 2, now, SH, HOURS))).toBe('2026-11-20T04:00:00.000Z');
    expect(iso(retryAt(LADDER, 3, now, SH, HOURS))).toBe('2026-11-21T01:00:00.000Z');
    expect(retryAt(LADDER, 4, now, SH, HOURS)).toBeNull();
    expect(retryAt(LADDER, 10, now, SH, HOURS)).toBeNull();
    expect(retryAt([{ minutes: 10 }], 2, now, SH, HOURS)).toBeNull();
  });

  test.each([
    ['a wait that ends within the hours stays', '2026-11-20 20:29:00', { minutes: 30 }, '2026-11-20T12:59:00.000Z'],
    ['a wait that ends at closing time moves to the next morning', '2026-11-20 20:30:00', { minutes: 30 }, '2026-11-21T01:00:00.000Z'],
    ['a wait that ends after closing moves to the next morning', '2026-11-20 19:30:00', { minutes: 120 }, '2026-11-21T01:00:00.000Z'],
    ['a wait that ends overnight moves to that morning', '2026-11-20 20:00:00', { minutes: 6 * 60 }, '2026-11-21T01:00:00.000Z'],
    ['a long wait across the month end', '2026-11-30 20:00:00', { minutes: 24 * 60 }, '2026-12-01T12:00:00.000Z'],
    ['a next-morning rung in the hours', '2026-11-20 12:00:00', { nextMorningAt: '14:00' }, '2026-11-21T06:00:00.000Z'],
    ['a next-morning rung before opening stays on the next day, at opening', '2026-11-20 12:00:00', { nextMorningAt: '07:30' }, '2026-11-21T01:00:00.000Z'],
    ['a next-morning rung after closing goes to the day after next', '2026-11-20 12:00:00', { nextMorningAt: '22:00' }, '2026-11-22T01:00:00.000Z'],
    ['a next-morning rung across the year end', '2026-12-31 20:50:00', { nextMorningAt: '10:00' }, '2027-01-01T02:00:00.000Z'],
  ] as [string, string, RetryRung, string][])('%s', (_label, at, rung, expected) => {
    expect(iso(retryAt([rung], 1, sh(at), SH, HOURS))).toBe(expected);
  });
});

describe('callbackPresets', () => {
  const presets = (now: string) => callbackPresets(sh(now), SH, HOURS).map((p) => [p.id, iso(p.at)]);

  test('mid-afternoon: in 30 min and an hour (to the next 5 minutes), 19:00 tonight, 10:00 tomorrow', () => {
    expect(presets('2026-11-20 14:02:10')).toEqual([
      ['in30', iso(sh('2026-11-20 14:35:00'))],
      ['in60', iso(sh('2026-11-20 15:05:00'))],
      ['evening', iso(sh('2026-11-20 19:00:00'))],
      ['tomorrow', iso(sh('2026-11-21 10:00:00'))],
    ]);
  });

  test('at 18:45 "this evening" is too close to offer', () => {
    expect(presets('2026-11-20 18:45:00').map(([id]) => id)).toEqual(['in30', 'in60', 'tomorrow']);
  });

  test('late in the day the quick choices move into tomorrow\'s calling hours, each time offered once', () => {
    expect(presets('2026-11-20 20:40:00')).toEqual([
      ['in30', iso(sh('2026-11-21 09:00:00'))],
      ['tomorrow', iso(sh('2026-11-21 10:00:00'))],
    ]);
  });
});
