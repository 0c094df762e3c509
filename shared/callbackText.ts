/**
 * A callback time as an agent types it while the customer says it, in the business time zone:
 * "15:40", "1540", "明天 10:00", "下午3点半", "12-08 15:40", "12月8日 9点", "2026-12-08 15:40",
 * "tomorrow 9:30 am". A time without a day is today's, or tomorrow's once it has passed. Full-width
 * digits and colons are read too. Anything else is not a time (null): the form says so.
 * (The browser's own date-time box followed the browser's language, not the workstation's: typed
 * digits landed in the wrong parts and gave the year 0006.)
 */
import { zonedParts, zonedTimeToUtc } from './time';

const DAY_WORDS: readonly [RegExp, number][] = [
  [/^(今天|today)/i, 0],
  [/^(明天|tomorrow)/i, 1],
  [/^(后天|後天)/, 2],
];

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

interface Clock {
  hour: number;
  minute: number;
}

/** "15:40", "1540", "3点", "3点半", "3點20分", "下午3点", "9:30 pm". */
function readClock(text: string): Clock | null {
  let t = text.trim();
  let pm: boolean | null = null;
  const half = /^(上午|早上|中午|下午|晚上)/.exec(t);
  if (half) {
    pm = half[1] === '下午' || half[1] === '晚上' || half[1] === '中午';
    t = t.slice(half[1].length).trim();
  }
  const ampm = /\s*(am|pm)$/i.exec(t);
  if (ampm) {
    pm = ampm[1].toLowerCase() === 'pm';
    t = t.slice(0, ampm.index).trim();
  }
  let m = /^(\d{1,2}):(\d{2})$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  let hour: number;
  let minute: number;
  if (m) {
    hour = +m[1];
    minute = +m[2];
  } else {
    m = /^(\d{1,2})\s*[点點](?:\s*(半|(\d{1,2})\s*分?))?$/.exec(t);
    if (!m) return null;
    hour = +m[1];
    minute = m[2] === '半' ? 30 : m[3] ? +m[3] : 0;
  }
  if (pm === true && hour < 12 && !(half?.[1] === '中午' && hour >= 11)) hour += 12;
  if (pm === false && hour === 12 && ampm) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** A date typed before the time: "2026-12-08", "12-08", "12/8", "12月8日" / "12月8号". */
function readDate(text: string): { year?: number; month: number; day: number; rest: string } | null {
  const m =
    /^(?:(\d{4})[-/])?(\d{1,2})[-/](\d{1,2})(?=\s|$)/.exec(text) ?? /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号號]?/.exec(text);
  if (!m) return null;
  return { year: m[1] ? +m[1] : undefined, month: +m[2], day: +m[3], rest: text.slice(m[0].length).trim() };
}

export function parseCallbackText(text: string, now: Date, timeZone: string): Date | null {
  let t = ascii(text);
  if (!t) return null;
  const today = zonedParts(now, timeZone);
  let date: { year: number; month: number; day: number } | null = null;
  for (const [word, plus] of DAY_WORDS) {
    const m = word.exec(t);
    if (!m) continue;
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + plus));
    date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    t = t.slice(m[0].length).trim();
    break;
  }
  if (!date) {
    const d = readDate(t);
    if (d) {
      date = { year: d.year ?? today.year, month: d.month, day: d.day };
      t = d.rest;
    }
  }
  const clock = readClock(t);
  if (!clock) return null;
  const explicitDate = date !== null;
  const on = date ?? { year: today.year, month: today.month, day: today.day };
  const check = new Date(Date.UTC(on.year, on.month - 1, on.day));
  if (check.getUTCMonth() !== on.month - 1 || check.getUTCDate() !== on.day) return null;
  let at = zonedTimeToUtc(on.year, on.month, on.day, clock.hour, clock.minute, timeZone);
  // A time of day already past means tomorrow's (a past date typed in full stays past: refused).
  if (!explicitDate && at.getTime() <= now.getTime()) {
    const d = new Date(Date.UTC(on.year, on.month - 1, on.day + 1));
    at = zonedTimeToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), clock.hour, clock.minute, timeZone);
  }
  return at;
}

/** How the field shows a time (and how the quick times fill it): 2026-12-08 15:40. */
export function callbackText(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
