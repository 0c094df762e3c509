import { describe, expect, test } from 'vitest';
import { formatTime } from '../../renderer/src/format';

describe('times on screen', () => {
  const now = new Date('2026-12-06T04:00:00Z');
  test('this year: month, day and time in the business zone', () => {
    expect(formatTime('2026-11-20T02:05:00Z', 'zh-CN', 'Asia/Shanghai', now)).toBe('11/20 10:05');
  });
  test('another year says which (a blacklist entry from last year read as this year)', () => {
    expect(formatTime('2025-11-20T02:05:00Z', 'zh-CN', 'Asia/Shanghai', now)).toBe('2025/11/20 10:05');
    expect(formatTime('2025-11-20T02:05:00Z', 'en', 'Asia/Shanghai', now)).toContain('2025');
  });
  test('the year is the business zone’s: 31 December 20:00 UTC is already next year in Shanghai', () => {
    expect(formatTime('2025-12-31T20:00:00Z', 'zh-CN', 'Asia/Shanghai', new Date('2026-01-01T04:00:00Z'))).toBe('01/01 04:00');
  });
  test('no time is a dash', () => {
    expect(formatTime(null, 'zh-CN', 'Asia/Shanghai', now)).toBe('—');
  });
});
