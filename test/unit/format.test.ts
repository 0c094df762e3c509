import { describe, expect, test } from 'vitest';
import { formatMoney, formatTime, historyValue } from '../../renderer/src/format';
import { translator } from '../../shared/i18n';

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

describe("an order's history in words", () => {
  const t = translator('zh-CN');
  const en = translator('en');
  test('a changed order time reads as a time in the business zone, not as stored', () => {
    expect(historyValue('orderedAt', '2026-12-06T08:08:00.000Z', 'zh-CN', 'Asia/Shanghai', t)).toBe('12/06 16:08');
  });
  test('statuses, payment, money and sources in the reader’s language; other text as written', () => {
    expect(historyValue('status', 'verified', 'zh-CN', 'Asia/Shanghai', t)).toBe('已核单');
    expect(historyValue('amountFen', '9900', 'en', 'Asia/Shanghai', en)).toBe(formatMoney(9900, 'en'));
    expect(historyValue('source', 'callcard:phone', 'en', 'Asia/Shanghai', en)).toBe('Phone order');
    expect(historyValue('source', '抖音', 'en', 'Asia/Shanghai', en)).toBe('抖音');
    expect(historyValue('address', '农业路38号', 'zh-CN', 'Asia/Shanghai', t)).toBe('农业路38号');
    expect(historyValue('phone', null, 'zh-CN', 'Asia/Shanghai', t)).toBe('—');
  });
  test("a lead's decision reads the hold it lifted in words, not its code", () => {
    expect(historyValue('risk_override', 'high_risk', 'zh-CN', 'Asia/Shanghai', t)).toBe('高风险暂停');
    expect(historyValue('risk_override', 'release: 客户确认是本人', 'zh-CN', 'Asia/Shanghai', t)).toContain('客户确认是本人');
  });
});
