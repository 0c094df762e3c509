/**
 * A callback time as an agent types it while the customer says it, in the business time zone.
 * Forms read:
 * - a time of day: "15:40", "1540", "3pm", "3:30 pm", "11am", "12pm" (noon), "12am" (midnight),
 *   "3点", "下午3点半", "晚上7點20分", and in said numerals "三点", "三点钟", "两点", "十点一刻" (10:15),
 *   "十点三刻" (10:45), "十点二十(分)", "下午三点半", "晚上八点";
 * - a day part alone, at the times below: "下午", "明天上午", "明早", "今晚";
 * - a day before the time: "今天", "明天", "后天", "tomorrow"; a weekday "周五", "星期五", "礼拜五",
 *   "週五", "friday", "fri" (the next one after today), "下周一" (next week's), "这周五" (this week's);
 *   a date "12-08", "12/8", "12月8日", "2026-12-08";
 * - a time from now: "半小时后", "1小时后", "两个小时后", "20分钟后", "in 20 min", "in 2 hours"
 *   (rounded up to the whole minute).
 * A time without a day is today's, or tomorrow's once it has passed; a day typed stays as typed, even
 * past (the form refuses it). Full-width digits and colons and traditional characters are read too.
 * Anything else is not a time (null): the form says so.
 * (The browser's own date-time box followed the browser's language, not the workstation's: typed
 * digits landed in the wrong parts and gave the year 0006.)
 */
import { zonedParts, zonedTimeToUtc } from './time';

interface Clock {
  hour: number;
  minute: number;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

// What a day part said without a time means, as call centers book it.
const EARLY_MORNING: Clock = { hour: 9, minute: 0 }; // 早上, 明早
const MORNING: Clock = { hour: 10, minute: 0 }; // 上午
const NOON: Clock = { hour: 12, minute: 0 }; // 中午
const AFTERNOON: Clock = { hour: 15, minute: 0 }; // 下午
const EVENING: Clock = { hour: 19, minute: 0 }; // 晚上, 今晚
/**
 * "1点" to "6点" (and "3:30" with its one-digit hour) with no day part are 13:00 to 18:59: no one
 * books a call at 03:00. 7 and 8 could be either (早上8点 or 晚上8点): read as written, and the form
 * says when that is outside calling hours.
 */
const LAST_SAID_PM_HOUR = 6;

/** Chinese day parts: which half of the day their hours are in, and the time they mean alone. */
const DAY_PARTS: readonly { word: string; half: 'am' | 'noon' | 'pm'; alone: Clock }[] = [
  { word: '早上', half: 'am', alone: EARLY_MORNING },
  { word: '上午', half: 'am', alone: MORNING },
  { word: '中午', half: 'noon', alone: NOON },
  { word: '下午', half: 'pm', alone: AFTERNOON },
  { word: '晚上', half: 'pm', alone: EVENING },
];

/** A day and its part in one word: 明早 is 明天早上; 今晚 is 晚上 (today's, or tomorrow's once past). */
const SHORTHANDS: readonly [RegExp, string][] = [
  [/^明早/, '明天早上'],
  [/^明晚/, '明天晚上'],
  [/^今晚/, '晚上'],
];

const DAY_WORDS: readonly [RegExp, number][] = [
  [/^(今天|today)/i, 0],
  [/^(明天|tomorrow)/i, 1],
  [/^(后天|後天)/, 2],
];

/** A number as typed or said, up to 99: "15", "三", "两", "十", "十五", "二十", "二十五". */
const NUMBER = '(\\d{1,2}|[零〇一二两兩三四五六七八九十]{1,3})';
const CHINESE_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

function readNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return +text;
  if (text.length === 1 && text in CHINESE_DIGITS) return CHINESE_DIGITS[text];
  // Tens: 十 (10), 十五 (15), 二十 (20), 二十五 (25); 两 only counts alone (两点, 两小时).
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (!m) return null;
  return (m[1] ? CHINESE_DIGITS[m[1]] : 1) * 10 + (m[2] ? CHINESE_DIGITS[m[2]] : 0);
}

function ascii(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':')
    .replace(/[／]/g, '/')
    .replace(/[－]/g, '-')
    // As the date-time box wrote it (drafts kept from before): 2026-12-08T15:40.
    .replace(/(\d)T(\d)/, '$1 $2')
    .trim();
}

/** What follows 点: nothing, 钟 or 整 (on the hour), 半, 一刻, 三刻, "20", "20分", "二十", "零五分". */
function readMinutes(text: string): number | null {
  if (/^[钟鐘整]?$/.test(text)) return 0;
  if (text === '半') return 30;
  if (text === '一刻') return 15;
  if (text === '三刻') return 45;
  const m = new RegExp(`^([零〇])?${NUMBER}\\s*(分)?$`).exec(text);
  if (!m) return null;
  const minute = readNumber(m[2]);
  if (minute === null || (m[1] && minute > 9)) return null;
  // A lone said digit with neither 零 nor 分 ("三点五") is not a minute.
  if (!m[1] && !m[3] && /^[^\d十]$/.test(m[2])) return null;
  return minute;
}

/** The clock face without its day part: "15:40", "1540", "3" (before am/pm only), "3点", "三点半". */
function readFace(text: string, bareHour: boolean): (Clock & { said: boolean; dian: boolean }) | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
  // "3:30" is said as 3点半 is; "03:30" and "15:30" are the 24-hour clock.
  if (m) return { hour: +m[1], minute: +m[2], said: false, dian: m[1].length === 1 };
  if (bareHour && /^\d{1,2}$/.test(text)) return { hour: +text, minute: 0, said: false, dian: false };
  const said = new RegExp(`^${NUMBER}\\s*[点點]\\s*(.*)$`).exec(text);
  if (!said) return null;
  const hour = readNumber(said[1]);
  const minute = readMinutes(said[2]);
  if (hour === null || minute === null) return null;
  return { hour, minute, said: !/^\d/.test(said[1]), dian: true };
}

/** A time of day: a face with an optional Chinese day part before it or am/pm after it, or a day part alone. */
function readClock(text: string): Clock | null {
  let t = text.trim();
  const part = DAY_PARTS.find((p) => t.startsWith(p.word));
  if (part) {
    t = t.slice(part.word.length).trim();
    // A day part alone: "明天下午" is tomorrow at AFTERNOON.
    if (!t) return part.alone;
  }
  const ampm = /\s*([ap])\.?m\.?$/i.exec(t);
  if (ampm) t = t.slice(0, ampm.index).trim();
  const face = readFace(t, ampm !== null);
  if (!face) return null;
  let hour = face.hour;
  if (ampm) {
    // The English 12-hour clock: 12am is midnight, 12pm noon, and 13pm nothing.
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm[1].toLowerCase() === 'p' ? 12 : 0);
  } else if (part) {
    // Said hours after a day part are on the 12-hour clock (下午十三点 is nothing); typed digits
    // may be 24-hour, as Chinese notices write them (晚上20:00).
    if (face.said && (hour < 1 || hour > 12)) return null;
    // 晚上12点 is midnight: no one books a call then, and reading it as noon would be wrong.
    if (part.word === '晚上' && hour === 12) return null;
    if (part.half === 'pm' && hour < 12) hour += 12;
    // 中午11点 and 中午12点 are before noon's end; 中午1点 is 13:00.
    if (part.half === 'noon' && hour < 11) hour += 12;
  } else if (face.dian && hour >= 1 && hour <= LAST_SAID_PM_HOUR) {
    // "三点" / "3点" with no day part, said to a call center, is the afternoon: no one books 03:00.
    hour += 12;
  }
  if (hour > 23 || face.minute > 59) return null;
  return { hour, minute: face.minute };
}

/** A time from now, in minutes (null when the text is not one). */
function readLater(text: string): number | null {
  // Hours, with or without 个 and a half: 半小时后, 1小时后, 2个小时后, 一个半小时后.
  const hours = new RegExp(
    `^(?:${NUMBER}\\s*[个個]?\\s*(半)?|(半))\\s*[个個]?\\s*(?:小时|小時|钟头|鐘頭)\\s*[以之]?[后後]$`,
  ).exec(text);
  if (hours) {
    const whole = hours[1] ? readNumber(hours[1]) : 0;
    return whole === null ? null : whole * 60 + (hours[2] || hours[3] ? 30 : 0);
  }
  // Minutes: 20分钟后, 二十分钟以后.
  const minutes = new RegExp(`^${NUMBER}\\s*(?:分钟|分鐘|分)\\s*[以之]?[后後]$`).exec(text);
  if (minutes) return readNumber(minutes[1]);
  // English: in 20 min, in 2 hours, in an hour, in half an hour.
  const en = /^in\s+(\d+|an?|one|half an?)\s*(h|hrs?|hours?|m|mins?|minutes?)$/i.exec(text);
  if (!en) return null;
  const inHours = /^h/i.test(en[2]);
  if (/^half/i.test(en[1])) return inHours ? 30 : null;
  const count = /^\d/.test(en[1]) ? +en[1] : 1;
  return inHours ? count * 60 : count;
}

function addDays(d: Day, plus: number): Day {
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + plus));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

const CHINESE_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const ENGLISH_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Days from today to a weekday (1 Monday .. 7 Sunday) of the coming days, this week or next week. */
function daysTo(today: Day, wanted: number, week: 'coming' | 'this' | 'next'): number {
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() || 7;
  if (week === 'this') return wanted - weekday;
  if (week === 'next') return 7 - weekday + wanted;
  // The next such day strictly after today: 周一 said on a Monday is next Monday.
  return (wanted - weekday + 7) % 7 || 7;
}

/**
 * A weekday: "周五", "星期五", "礼拜天", "週五", "周5", "friday", "fri" is the next such day after
 * today; "下周一" / "下个星期一" is the Monday of next week, "这周五" / "本周五" this week's Friday
 * (weeks start on Monday).
 */
function readWeekday(text: string, today: Day): { date: Day; rest: string } | null {
  const cn = /^(下[个個]?|这|這|本)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天]|[1-7])/.exec(text);
  if (cn) {
    const week = !cn[1] ? 'coming' : cn[1].startsWith('下') ? 'next' : 'this';
    const wanted = CHINESE_WEEKDAYS[cn[2]] ?? +cn[2];
    return { date: addDays(today, daysTo(today, wanted, week)), rest: text.slice(cn[0].length).trim() };
  }
  const en = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?(?![a-z])/i.exec(text);
  if (!en) return null;
  const wanted = ENGLISH_WEEKDAYS.indexOf(en[1].slice(0, 3).toLowerCase()) + 1;
  return { date: addDays(today, daysTo(today, wanted, 'coming')), rest: text.slice(en[0].length).trim() };
}

/** A date typed before the time: "2026-12-08", "12-08", "12/8", "12月8日" / "12月8号". */
function readDate(text: string): { year?: number; month: number; day: number; rest: string } | null {
  const m =
    /^(?:(\d{4})[-/])?(\d{1,2})[-/](\d{1,2})(?=\s|$)/.exec(text) ?? /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号號]?/.exec(text);
  if (!m) return null;
  return { year: m[1] ? +m[1] : undefined, month: +m[2], day: +m[3], rest: text.slice(m[0].length).trim() };
}

/** The day typed before the time (a day word, a weekday or a date) and the rest; date null when none. */
function readDay(text: string, today: Day): { date: Day | null; rest: string } {
  for (const [word, plus] of DAY_WORDS) {
    const m = word.exec(text);
    if (m) return { date: addDays(today, plus), rest: text.slice(m[0].length).trim() };
  }
  const weekday = readWeekday(text, today);
  if (weekday) return weekday;
  const d = readDate(text);
  if (d) return { date: { year: d.year ?? today.year, month: d.month, day: d.day }, rest: d.rest };
  return { date: null, rest: text };
}

export function parseCallbackText(text: string, now: Date, timeZone: string): Date | null {
  let t = ascii(text);
  if (!t) return null;
  const later = readLater(t);
  if (later !== null) {
    // A time from now, rounded up to the whole minute.
    return later > 0 ? new Date(Math.ceil((now.getTime() + later * 60_000) / 60_000) * 60_000) : null;
  }
  for (const [short, long] of SHORTHANDS) t = t.replace(short, long);
  const today = zonedParts(now, timeZone);
  const { date, rest } = readDay(t, today);
  const clock = readClock(rest);
  if (!clock) return null;
  const on = date ?? { year: today.year, month: today.month, day: today.day };
  const check = new Date(Date.UTC(on.year, on.month - 1, on.day));
  if (check.getUTCMonth() !== on.month - 1 || check.getUTCDate() !== on.day) return null;
  let at = zonedTimeToUtc(on.year, on.month, on.day, clock.hour, clock.minute, timeZone);
  // A time of day already past means tomorrow's (a day typed stays as typed, even past: refused).
  if (!date && at.getTime() <= now.getTime()) {
    const next = addDays(on, 1);
    at = zonedTimeToUtc(next.year, next.month, next.day, clock.hour, clock.minute, timeZone);
  }
  return at;
}

/** How the field shows a time (and how the quick times fill it): 2026-12-08 15:40. */
export function callbackText(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
