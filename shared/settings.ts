import { z } from 'zod';
import { LOCALES } from './domain';
import { DEFAULT_TIME_ZONE, parseClock } from './time';

const clock = z.string().regex(/^\d{1,2}:\d{2}$/).refine((s) => {
  const [h, m] = parseClock(s);
  return h < 24 && m < 60;
}, 'HH:MM');

/**
 * One rung of the retry ladder for unanswered calls: wait some minutes, or call again on the
 * next business morning at a clock time.
 */
export const RetryRung = z.union([
  z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) }),
  z.object({ nextMorningAt: clock }),
]);
export type RetryRung = z.infer<typeof RetryRung>;

export const Settings = z.object({
  shopName: z.string().trim().max(80),
  language: z.enum(LOCALES),
  businessTimeZone: z.string().min(1),
  /**
   * Unanswered verify calls (no answer, busy, powered off) are retried after these waits, in
   * order. When a call fails after the last rung has been used, the order is unreachable.
   */
  verifyRetryLadder: z.array(RetryRung).min(1).max(10),
  /** A claimed card left open longer than this is released back to the queue. */
  claimTimeoutMinutes: z.number().int().min(1).max(24 * 60),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  shopName: '',
  language: 'zh-CN',
  businessTimeZone: DEFAULT_TIME_ZONE,
  verifyRetryLadder: [{ minutes: 30 }, { minutes: 120 }, { nextMorningAt: '09:00' }],
  claimTimeoutMinutes: 30,
};

export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
