import { describe, expect, it } from 'vitest';
import { callbackText, parseCallbackText } from '../../shared/callbackText';

const TZ = 'Asia/Shanghai';
// 10:00 on Monday 2026-12-07 in Shanghai.
const NOW = new Date('2026-12-07T02:00:00.000Z');
const read = (text: string) => {
  const at = parseCallbackText(text, NOW, TZ);
  return at ? callbackText(at, TZ) : null;
};

describe('a callback time as the agent types it', () => {
  it('a time of day: today, or tomorrow once it has passed', () => {
    expect(read('15:40')).toBe('2026-12-07 15:40');
    expect(read('1540')).toBe('2026-12-07 15:40');
    expect(read('９：３０')).toBe('2026-12-08 09:30');
    expect(read('9:30')).toBe('2026-12-08 09:30');
  });
  it('in the words a Chinese customer says it', () => {
    expect(read('下午3点')).toBe('2026-12-07 15:00');
    expect(read('下午3点半')).toBe('2026-12-07 15:30');
    expect(read('晚上7點20分')).toBe('2026-12-07 19:20');
    expect(read('中午12点')).toBe('2026-12-07 12:00');
    expect(read('明天 10:00')).toBe('2026-12-08 10:00');
    expect(read('明天上午9点')).toBe('2026-12-08 09:00');
    expect(read('后天下午2点')).toBe('2026-12-09 14:00');
    expect(read('12月10日 9点')).toBe('2026-12-10 09:00');
  });
  it('with a date, in the forms the screens and exports write it', () => {
    expect(read('2026-12-08 15:40')).toBe('2026-12-08 15:40');
    expect(read('12-08 15:40')).toBe('2026-12-08 15:40');
    expect(read('12/8 9:05')).toBe('2026-12-08 09:05');
    expect(read('tomorrow 9:30 pm')).toBe('2026-12-08 21:30');
    expect(read('2026-12-08T15:40')).toBe('2026-12-08 15:40');
  });
  it('in the business time zone, whatever the machine’s', () => {
    expect(parseCallbackText('15:40', NOW, TZ)!.toISOString()).toBe('2026-12-07T07:40:00.000Z');
  });
  it('nothing that is not a time: the form says so', () => {
    for (const bad of ['', 'later', '25:00', '12:61', '2026-02-30 10:00', '明天']) expect(read(bad), bad).toBeNull();
  });
});
