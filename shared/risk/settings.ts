/**
 * What a seller can tune about risk screening: each rule's switch, weight and parameters, the
 * level thresholds, the remote-area list and how precisely regions are compared. Stored under its
 * own settings key (not inside the workstation Settings), validated with zod on every edge.
 */
import { z } from 'zod';

const weight = z.number().int().min(0).max(200);
const hours = z.number().int().min(1).max(24 * 90);
const enabled = z.boolean();

export const RemoteArea = z
  .object({
    province: z.string().trim().min(1).max(30),
    /** Absent: the whole province. */
    city: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type RemoteArea = z.infer<typeof RemoteArea>;

export const RuleSettings = z
  .object({
    duplicate_order: z.object({ enabled, weight, windowHours: hours }).strict(),
    multi_account: z
      .object({
        enabled,
        weight,
        windowHours: hours,
        /** Distinct phones, or distinct accounts, ordering to one address before it fires. */
        minContactsPerAddress: z.number().int().min(2).max(50),
        /** Distinct recipient names under one phone before it fires. */
        minNamesPerPhone: z.number().int().min(2).max(50),
      })
      .strict(),
    phone_region_mismatch: z.object({ enabled, weight }).strict(),
    ip_region_mismatch: z
      .object({
        enabled,
        weight,
        /** Cloud and hosting IPs (阿里云, 腾讯云...) say where a server is, not the buyer. */
        ignoreDatacenterIps: z.boolean(),
      })
      .strict(),
    invalid_contact: z
      .object({
        enabled,
        weight,
        /** Call outcomes that mean the number is dead (空号 / 停机). */
        deadOutcomes: z.array(z.string().trim().min(1).max(40)).max(10),
        /** Carriers reissue numbers after a few months: older findings no longer count. */
        deadNumberMaxAgeDays: z.number().int().min(1).max(3650),
      })
      .strict(),
    blacklist_hit: z.object({ enabled, weight }).strict(),
    vague_address: z.object({ enabled, weight }).strict(),
    remote_area: z.object({ enabled, weight, areas: z.array(RemoteArea).max(500) }).strict(),
    buyer_history: z
      .object({
        enabled,
        /** Points per earlier refused or rejected order. */
        weight,
        maxCounted: z.number().int().min(1).max(10),
        /** This many refusals restrict the buyer to online payment (0: never). */
        restrictCodAfterRefusals: z.number().int().min(0).max(20),
      })
      .strict(),
  })
  .strict();
export type RuleSettings = z.infer<typeof RuleSettings>;
export type RuleId = keyof RuleSettings;

export const RiskSettings = z
  .object({
    /** Regions compare by province (default) or, stricter, by city. */
    compareLevel: z.enum(['province', 'city']),
    thresholds: z
      .object({ medium: z.number().int().min(1).max(1000), high: z.number().int().min(1).max(1000) })
      .strict()
      .refine((t) => t.medium < t.high, { message: 'medium_below_high' }),
    /** Screen imported orders inside the import (on by default). */
    screenOnImport: z.boolean(),
    rules: RuleSettings,
  })
  .strict();
export type RiskSettings = z.infer<typeof RiskSettings>;

/**
 * COD is commonly not offered where couriers subcontract the last leg over long distances: all of
 * Tibet, southern and northern Xinjiang's prefectures, Qinghai's plateau prefectures and western
 * Sichuan's. Parcels there take a week or more and buyers refuse what they forgot they ordered.
 */
export const DEFAULT_REMOTE_AREAS: RemoteArea[] = [
  { province: '西藏' },
  { province: '新疆', city: '和田' },
  { province: '新疆', city: '喀什' },
  { province: '新疆', city: '克孜勒苏' },
  { province: '新疆', city: '阿克苏' },
  { province: '新疆', city: '巴音郭楞' },
  { province: '新疆', city: '阿勒泰' },
  { province: '新疆', city: '塔城' },
  { province: '青海', city: '玉树' },
  { province: '青海', city: '果洛' },
  { province: '青海', city: '海西' },
  { province: '青海', city: '黄南' },
  { province: '四川', city: '甘孜' },
  { province: '四川', city: '阿坝' },
];

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  compareLevel: 'province',
  thresholds: { medium: 25, high: 60 },
  screenOnImport: true,
  rules: {
    duplicate_order: { enabled: true, weight: 40, windowHours: 24 },
    multi_account: { enabled: true, weight: 40, windowHours: 72, minContactsPerAddress: 3, minNamesPerPhone: 2 },
    phone_region_mismatch: { enabled: true, weight: 20 },
    ip_region_mismatch: { enabled: true, weight: 15, ignoreDatacenterIps: true },
    invalid_contact: { enabled: true, weight: 60, deadOutcomes: ['empty_number'], deadNumberMaxAgeDays: 180 },
    blacklist_hit: { enabled: true, weight: 100 },
    vague_address: { enabled: true, weight: 30 },
    remote_area: { enabled: true, weight: 20, areas: DEFAULT_REMOTE_AREAS },
    buyer_history: { enabled: true, weight: 35, maxCounted: 3, restrictCodAfterRefusals: 2 },
  },
};

const R = RuleSettings.shape;

/** A partial update: top-level fields replace, each rule's fields merge. */
export const RiskSettingsPatch = z
  .object({
    compareLevel: RiskSettings.shape.compareLevel.optional(),
    thresholds: z.object({ medium: z.number().int(), high: z.number().int() }).strict().optional(),
    screenOnImport: z.boolean().optional(),
    rules: z
      .object({
        duplicate_order: R.duplicate_order.partial().optional(),
        multi_account: R.multi_account.partial().optional(),
        phone_region_mismatch: R.phone_region_mismatch.partial().optional(),
        ip_region_mismatch: R.ip_region_mismatch.partial().optional(),
        invalid_contact: R.invalid_contact.partial().optional(),
        blacklist_hit: R.blacklist_hit.partial().optional(),
        vague_address: R.vague_address.partial().optional(),
        remote_area: R.remote_area.partial().optional(),
        buyer_history: R.buyer_history.partial().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RiskSettingsPatch = z.infer<typeof RiskSettingsPatch>;

/** Applies a patch and validates the result (throws a ZodError naming the bad field). */
export function applyRiskPatch(current: RiskSettings, patch: RiskSettingsPatch): RiskSettings {
  const rules = { ...current.rules } as Record<RuleId, unknown>;
  for (const [id, p] of Object.entries(patch.rules ?? {}) as [RuleId, object | undefined][]) {
    if (p) rules[id] = { ...current.rules[id], ...p };
  }
  return RiskSettings.parse({
    compareLevel: patch.compareLevel ?? current.compareLevel,
    thresholds: patch.thresholds ?? current.thresholds,
    screenOnImport: patch.screenOnImport ?? current.screenOnImport,
    rules,
  });
}
