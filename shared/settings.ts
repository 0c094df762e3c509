import { z } from 'zod';
import { FLOWS, LOCALES, type Flow } from './domain';
import { OUTCOME_CODES, REASON_LISTS, type ReasonList } from './outcomes';
import { DEFAULT_TIME_ZONE, parseClock } from './time';

const clock = z
  .string()
  .regex(/^\d{1,2}:\d{2}$/)
  .refine((s) => {
    const [h, m] = parseClock(s);
    return h < 24 && m < 60;
  }, 'HH:MM');

/**
 * One rung of a retry ladder for unanswered calls: wait some minutes, or call again on the next
 * business morning at a clock time.
 */
export const RetryRung = z.union([
  z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
  z.object({ nextMorningAt: clock }).strict(),
]);
export type RetryRung = z.infer<typeof RetryRung>;

const Ladder = z.array(RetryRung).min(1).max(10);

/** A lead's rename or re-key of an outcome, per locale. The outcome's meaning never changes. */
const OutcomeOverride = z.object({ label: z.string().trim().min(1).max(30).optional(), key: z.string().regex(/^[a-z0-9]$/).optional() }).strict();

/**
 * Click-to-dial may hand a URI to the operating system (or the browser) only for telephony schemes:
 * a lead's template must never become a way to open web pages or other protocol handlers.
 */
export const DIAL_SCHEMES = ['tel:', 'sip:', 'sips:', 'callto:'] as const;
export function isDialUri(uri: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(uri.trim())?.[1].toLowerCase();
  return !!scheme && (DIAL_SCHEMES as readonly string[]).includes(scheme);
}

export const Settings = z.object({
  shopName: z.string().trim().max(80),
  language: z.enum(LOCALES),
  businessTimeZone: z.string().min(1),
  /**
   * Per flow: unanswered calls (no answer, busy, phone off) are retried after these waits, in
   * order. When a call fails after the last rung has been used, the matter has no final result
   * and is closed as unreachable.
   */
  retryLadders: z.record(z.enum(FLOWS), Ladder),
  /** Order in which flows are served when the agent lets the queue mix them. */
  flowPriority: z.array(z.enum(FLOWS)).length(FLOWS.length).refine((a) => new Set(a).size === a.length, 'each flow once'),
  /** No card is handed out outside these hours (business time zone); end 24:00 means midnight. */
  callingHours: z
    .object({ start: clock, end: z.union([clock, z.literal('24:00')]) })
    .strict()
    .refine((h) => h.end === '24:00' || parseClock(h.start)[0] * 60 + parseClock(h.start)[1] < parseClock(h.end)[0] * 60 + parseClock(h.end)[1], 'start before end'),
  /** A claimed card left open longer than this is released back to the queue. */
  claimTimeoutMinutes: z.number().int().min(1).max(24 * 60),
  /** Click-to-dial: {phone} is replaced by the customer's number (e.g. tel:{phone}, sip:{phone}@pbx.local). */
  dialUriTemplate: z.string().trim().min(1).max(200).refine((s) => s.includes('{phone}') && isDialUri(s), 'tel:|sip:|sips:|callto:…{phone}…'),
  /** After a verify call confirms an order without an upsell attempt, open an upsell card this much later. */
  upsellAfterVerify: z.object({ enabled: z.boolean(), delayMinutes: z.number().int().min(0).max(7 * 24 * 60) }).strict(),
  /** Unpaid-order reminders (催付) are only worth a call while the order is younger than this. */
  unpaidReminderMaxAgeDays: z.number().int().min(1).max(30),
  outcomeOverrides: z.partialRecord(z.enum(LOCALES), z.partialRecord(z.enum(OUTCOME_CODES), OutcomeOverride)),
  /** Reasons leads added to the built-in lists (shown after them). */
  extraReasons: z.partialRecord(z.enum(Object.keys(REASON_LISTS) as [ReasonList, ...ReasonList[]]), z.array(z.string().trim().min(1).max(40)).max(30)),
});
export type Settings = z.infer<typeof Settings>;

const DEFAULT_LADDERS: Record<Flow, RetryRung[]> = {
  verify: [{ minutes: 30 }, { minutes: 120 }, { nextMorningAt: '09:00' }],
  upsell: [{ minutes: 120 }, { nextMorningAt: '10:00' }],
  recover: [{ minutes: 60 }, { nextMorningAt: '10:00' }],
  // The final-result rule: a second and a third attempt before giving up.
  track: [{ minutes: 120 }, { nextMorningAt: '10:00' }],
  revisit: [{ nextMorningAt: '14:00' }],
};

export const DEFAULT_SETTINGS: Settings = {
  shopName: '',
  language: 'zh-CN',
  businessTimeZone: DEFAULT_TIME_ZONE,
  retryLadders: DEFAULT_LADDERS,
  flowPriority: ['verify', 'track', 'recover', 'upsell', 'revisit'],
  callingHours: { start: '09:00', end: '21:00' },
  claimTimeoutMinutes: 30,
  dialUriTemplate: 'tel:{phone}',
  upsellAfterVerify: { enabled: true, delayMinutes: 60 },
  unpaidReminderMaxAgeDays: 3,
  outcomeOverrides: {},
  extraReasons: {},
};

export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function ladderFor(settings: Settings, flow: Flow): RetryRung[] {
  return settings.retryLadders[flow] ?? DEFAULT_LADDERS[flow];
}

/**
 * A ladder as a lead types it: waits separated by commas or spaces — "30m", "2h" or a next-morning
 * clock time "09:00". Null when any part is not one of those.
 */
export function parseLadder(text: string): RetryRung[] | null {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 10) return null;
  const rungs: RetryRung[] = [];
  for (const p of parts) {
    const m = /^(\d+)(m|h)$/i.exec(p);
    if (m) {
      const minutes = Number(m[1]) * (m[2].toLowerCase() === 'h' ? 60 : 1);
      if (minutes < 1 || minutes > 7 * 24 * 60) return null;
      rungs.push({ minutes });
    } else if (/^\d{1,2}:\d{2}$/.test(p) && RetryRung.safeParse({ nextMorningAt: p }).success) {
      rungs.push({ nextMorningAt: p.padStart(5, '0') });
    } else return null;
  }
  return rungs;
}

export function formatLadder(ladder: RetryRung[]): string {
  return ladder
    .map((r) => ('minutes' in r ? (r.minutes % 60 === 0 ? `${r.minutes / 60}h` : `${r.minutes}m`) : r.nextMorningAt))
    .join(', ');
}
