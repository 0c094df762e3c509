import { describe, expect, it } from 'vitest';
import { callbackText, parseCallbackText } from '../../shared/callbackText';

const TZ = 'Asia/Shanghai';
// 10:00 on Monday 2026-12-07 in Shanghai.
const NOW = new Date('2026-12-07T02:00:00.000Z');
const read = (text: string, now = NOW) => {
  const at = parseCallbackText(text, now, TZ);
  return at ? callbackText(at, TZ) : null;
};
// Shanghai wall clock: '2026-12-12 09:00' -> that instant.
const at = (wall: string) => new Date(`${wall.replace(' ', 'T')}+08:00`);

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
  it('on the English 12-hour clock', () => {
    expect(read('3pm')).toBe('2026-12-07 15:00');
    expect(read('3 pm')).toBe('2026-12-07 15:00');
    expect(read('3:30pm')).toBe('2026-12-07 15:30');
    expect(read('3:30 P.M.')).toBe('2026-12-07 15:30');
    expect(read('11am')).toBe('2026-12-07 11:00');
    expect(read('9am')).toBe('2026-12-08 09:00');
    expect(read('12pm')).toBe('2026-12-07 12:00');
    expect(read('12am')).toBe('2026-12-08 00:00');
    expect(read('tomorrow 3pm')).toBe('2026-12-08 15:00');
  });
  it('in said Chinese numerals', () => {
    // An hour of 1 to 6 with no day part is the afternoon's: no one books 03:00. 7 and 8 are read as
    // written (早上 or 晚上 are both said), and the form warns when that is outside calling hours.
    expect(read('三点')).toBe('2026-12-07 15:00');
    expect(read('三点钟')).toBe('2026-12-07 15:00');
    expect(read('两点')).toBe('2026-12-07 14:00');
    expect(read('3点')).toBe('2026-12-07 15:00');
    expect(read('6点')).toBe('2026-12-07 18:00');
    expect(read('8点')).toBe('2026-12-08 08:00');
    expect(read('晚上8点')).toBe('2026-12-07 20:00');
    expect(read('3:30')).toBe('2026-12-07 15:30');
    expect(read('03:30')).toBe('2026-12-08 03:30');
    expect(read('9点')).toBe('2026-12-08 09:00');
    expect(read('上午8点')).toBe('2026-12-08 08:00');
    expect(read('十点')).toBe('2026-12-08 10:00');
    expect(read('十二点')).toBe('2026-12-07 12:00');
    expect(read('十点一刻')).toBe('2026-12-07 10:15');
    expect(read('十点三刻')).toBe('2026-12-07 10:45');
    expect(read('十点二十')).toBe('2026-12-07 10:20');
    expect(read('十点二十分')).toBe('2026-12-07 10:20');
    expect(read('十点零五分')).toBe('2026-12-07 10:05');
    expect(read('十一点整')).toBe('2026-12-07 11:00');
    expect(read('下午三点')).toBe('2026-12-07 15:00');
    expect(read('下午三点半')).toBe('2026-12-07 15:30');
    expect(read('下午三點')).toBe('2026-12-07 15:00');
    expect(read('下午3點')).toBe('2026-12-07 15:00');
    expect(read('晚上八点')).toBe('2026-12-07 20:00');
    expect(read('中午一点')).toBe('2026-12-07 13:00');
    expect(read('明天下午三点')).toBe('2026-12-08 15:00');
  });
  it('on a weekday: the next one after today, or next week’s', () => {
    // NOW is a Monday.
    expect(read('周五 10点')).toBe('2026-12-11 10:00');
    expect(read('星期五下午三点')).toBe('2026-12-11 15:00');
    expect(read('礼拜五 15:00')).toBe('2026-12-11 15:00');
    expect(read('週五 10:00')).toBe('2026-12-11 10:00');
    expect(read('星期天 10点')).toBe('2026-12-13 10:00');
    expect(read('friday 3pm')).toBe('2026-12-11 15:00');
    expect(read('fri 15:00')).toBe('2026-12-11 15:00');
    expect(read('Tue 9:30')).toBe('2026-12-08 09:30');
    // The same weekday as today is next week's; so is anything said with 下.
    expect(read('周一 9点')).toBe('2026-12-14 09:00');
    expect(read('周一 11点')).toBe('2026-12-14 11:00');
    expect(read('下周一 9点')).toBe('2026-12-14 09:00');
    expect(read('下周五 10点')).toBe('2026-12-18 10:00');
    expect(read('下个星期三下午')).toBe('2026-12-16 15:00');
    expect(read('这周五 10点')).toBe('2026-12-11 10:00');
    // This week's day stays as typed, even past (the form refuses it).
    expect(read('本周一 9点')).toBe('2026-12-07 09:00');
    // On a Saturday, the coming Monday is next week's Monday.
    const saturday = at('2026-12-12 10:00');
    expect(read('周一 9点', saturday)).toBe('2026-12-14 09:00');
    expect(read('下周一 9点', saturday)).toBe('2026-12-14 09:00');
    expect(read('周五 9点', saturday)).toBe('2026-12-18 09:00');
    expect(read('周六 9点', saturday)).toBe('2026-12-19 09:00');
  });
  it('a while from now, rounded up to the whole minute', () => {
    expect(read('半小时后')).toBe('2026-12-07 10:30');
    expect(read('1小时后')).toBe('2026-12-07 11:00');
    expect(read('两小时后')).toBe('2026-12-07 12:00');
    expect(read('2个小时后')).toBe('2026-12-07 12:00');
    expect(read('一个半小时后')).toBe('2026-12-07 11:30');
    expect(read('20分钟后')).toBe('2026-12-07 10:20');
    expect(read('in 20 min')).toBe('2026-12-07 10:20');
    expect(read('in 2 hours')).toBe('2026-12-07 12:00');
    expect(read('in 1 hour')).toBe('2026-12-07 11:00');
    const withSeconds = new Date(NOW.getTime() + 20_000);
    expect(read('半小时后', withSeconds)).toBe('2026-12-07 10:31');
    expect(parseCallbackText('半小时后', withSeconds, TZ)!.toISOString()).toBe('2026-12-07T02:31:00.000Z');
    expect(read('3小时后', at('2026-12-07 22:30'))).toBe('2026-12-08 01:30');
  });
  it('a day part alone, at the time call centers book it', () => {
    expect(read('明天上午')).toBe('2026-12-08 10:00');
    expect(read('明天下午')).toBe('2026-12-08 15:00');
    expect(read('明早')).toBe('2026-12-08 09:00');
    expect(read('明天早上')).toBe('2026-12-08 09:00');
    expect(read('今晚')).toBe('2026-12-07 19:00');
    expect(read('晚上')).toBe('2026-12-07 19:00');
    expect(read('下午')).toBe('2026-12-07 15:00');
    expect(read('周五下午')).toBe('2026-12-11 15:00');
    // Evening already begun: tomorrow's.
    expect(read('今晚', at('2026-12-07 20:00'))).toBe('2026-12-08 19:00');
    expect(read('晚上', at('2026-12-07 20:00'))).toBe('2026-12-08 19:00');
    expect(read('今晚8点')).toBe('2026-12-07 20:00');
  });
  it('nothing that is not a time: the form says so', () => {
    for (const bad of [
      '',
      'abc',
      'later',
      '3',
      '25:00',
      '12:61',
      '2026-02-30 10:00',
      '明天',
      '周五',
      '周八',
      '13pm',
      '0am',
      '下午十三点',
      '二十五点',
      '十点六十',
      '三点五',
      '晚上12点',
      '99分钟前',
      '0分钟后',
      'in half an min',
    ]) {
      expect(read(bad), bad).toBeNull();
    }
  });
});
