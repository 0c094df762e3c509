/**
 * What a seller can tune about risk screening: each rule's switch, weight and parameters, the
 * level thresholds, the remote-area list and how precisely regions are compared. Stored under its
 * own settings key (not inside the workstation Settings), validated with zod on every edge.
 */
import { z } from 'zod';

const weight = z.number().int().min(0).max(200);
const threshold = z.number().int().min(1).max(1000);
const hours = z.number().int().min(1).max(24 * 90);
const enabled = z.boolean();

/** Call outcomes that mean the number is dead (空号 / 停机). */
const DeadOutcomes = z.array(z.string().trim().min(1).max(40)).max(10);
const PROVINCE_MAX = 30;
const CITY_MAX = 40;
const AREA_MAX = 500;

export const RemoteArea = z
  .object({
    province: z.string().trim().min(1).max(PROVINCE_MAX),
    /** Absent: the whole province. */
    city: z.string().trim().min(1).max(CITY_MAX).optional(),
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
        deadOutcomes: DeadOutcomes,
        /** Carriers reissue numbers after a few months: older findings no longer count. */
        deadNumberMaxAgeDays: z.number().int().min(1).max(3650),
      })
      .strict(),
    blacklist_hit: z.object({ enabled, weight }).strict(),
    vague_address: z.object({ enabled, weight }).strict(),
    remote_area: z.object({ enabled, weight, areas: z.array(RemoteArea).max(AREA_MAX) }).strict(),
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
      .object({ medium: threshold, high: threshold })
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

/**
 * A number in a patch: any number gets through the door, and its range is checked with the whole
 * settings (riskSettingsProblems), so what is wrong is said in words naming the field, not as a
 * schema path.
 */
const n = z.number();
const patchArea = z.object({ province: z.string().max(200), city: z.string().max(200).optional() }).strict();

/** A partial update: top-level fields replace, each rule's fields merge. */
export const RiskSettingsPatch = z
  .object({
    compareLevel: RiskSettings.shape.compareLevel.optional(),
    thresholds: z.object({ medium: n, high: n }).strict().optional(),
    screenOnImport: z.boolean().optional(),
    rules: z
      .object({
        duplicate_order: z.object({ enabled, weight: n, windowHours: n }).strict().partial().optional(),
        multi_account: z.object({ enabled, weight: n, windowHours: n, minContactsPerAddress: n, minNamesPerPhone: n }).strict().partial().optional(),
        phone_region_mismatch: z.object({ enabled, weight: n }).strict().partial().optional(),
        ip_region_mismatch: z.object({ enabled, weight: n, ignoreDatacenterIps: z.boolean() }).strict().partial().optional(),
        invalid_contact: z
          .object({ enabled, weight: n, deadOutcomes: z.array(z.string().max(200)).max(100), deadNumberMaxAgeDays: n })
          .strict()
          .partial()
          .optional(),
        blacklist_hit: z.object({ enabled, weight: n }).strict().partial().optional(),
        vague_address: z.object({ enabled, weight: n }).strict().partial().optional(),
        remote_area: z.object({ enabled, weight: n, areas: z.array(patchArea).max(5000) }).strict().partial().optional(),
        buyer_history: z.object({ enabled, weight: n, maxCounted: n, restrictCodAfterRefusals: n }).strict().partial().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RiskSettingsPatch = z.infer<typeof RiskSettingsPatch>;

/** The numeric settings a lead types, by path ("thresholds.medium", "rules.duplicate_order.windowHours"). */
export type NumberField = { path: string; rule?: RuleId; name: string; min: number; max: number };

/** Every number of the settings with its range, read from the schema (one source for the form and the core). */
export const NUMBER_FIELDS: NumberField[] = (() => {
  const out: NumberField[] = [];
  const bounds = (num: z.ZodNumber) => ({ min: num.minValue ?? 0, max: num.maxValue ?? Number.MAX_SAFE_INTEGER });
  for (const name of ['medium', 'high'] as const) out.push({ path: `thresholds.${name}`, name, ...bounds(threshold) });
  for (const [rule, schema] of Object.entries(RuleSettings.shape) as [RuleId, z.ZodObject][]) {
    for (const [name, field] of Object.entries(schema.shape)) {
      if (field instanceof z.ZodNumber) out.push({ path: `rules.${rule}.${name}`, rule, name, ...bounds(field) });
    }
  }
  return out;
})();

/**
 * One thing wrong with settings, said by what a lead sees: the field (its path, its rule, its
 * name: "weight", "windowHours", "medium", "areas") and the problem:
 * - required: empty (or not a number);
 * - range: not a whole number from min to max;
 * - medium_below_high: the medium line is not below the high line;
 * - area_line: a remote-area line is too long (line is 1-based);
 * - too_many_areas: more lines than the list holds (max);
 * - dead_outcomes: the outcomes that mean a dead number are not 1 to 10 names (API only).
 */
export interface RiskSettingsProblem {
  path: string;
  rule?: RuleId;
  name: string;
  problem: 'required' | 'range' | 'medium_below_high' | 'area_line' | 'too_many_areas' | 'dead_outcomes';
  params: Record<string, number>;
}

/** Settings as a form holds them while being typed: a number is null while its field is empty. */
export type RiskSettingsDraft = {
  thresholds: { medium: number | null; high: number | null };
  rules: { [K in RuleId]: Record<string, unknown> };
} & Record<string, unknown>;

/**
 * What is wrong with settings as typed (numbers may be null while a field is empty), every
 * problem once (numbers first, then how they relate, then the remote list). Empty when they can be saved.
 */
export function riskSettingsProblems(draft: RiskSettingsDraft): RiskSettingsProblem[] {
  const out: RiskSettingsProblem[] = [];
  const at = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], draft);
  for (const f of NUMBER_FIELDS) {
    const v = at(f.path);
    const base = { path: f.path, name: f.name, ...(f.rule ? { rule: f.rule } : {}) };
    if (typeof v !== 'number' || Number.isNaN(v)) out.push({ ...base, problem: 'required', params: { min: f.min, max: f.max } });
    else if (!Number.isInteger(v) || v < f.min || v > f.max) out.push({ ...base, problem: 'range', params: { min: f.min, max: f.max } });
  }
  const { medium, high } = draft.thresholds;
  if (typeof medium === 'number' && typeof high === 'number' && !out.some((p) => p.path.startsWith('thresholds.')) && medium >= high) {
    out.push({ path: 'thresholds.medium', name: 'medium', problem: 'medium_below_high', params: { medium, high } });
  }
  const areas = (draft.rules.remote_area?.areas ?? []) as { province?: string; city?: string }[];
  const areaPath = 'rules.remote_area.areas';
  if (areas.length > AREA_MAX) out.push({ path: areaPath, name: 'areas', problem: 'too_many_areas', params: { max: AREA_MAX } });
  areas.forEach((a, i) => {
    const province = (a.province ?? '').trim();
    if (!province || province.length > PROVINCE_MAX || (a.city !== undefined && (!a.city.trim() || a.city.trim().length > CITY_MAX))) {
      out.push({ path: areaPath, name: 'areas', problem: 'area_line', params: { line: i + 1, province: PROVINCE_MAX, city: CITY_MAX } });
    }
  });
  if (!DeadOutcomes.safeParse(draft.rules.invalid_contact?.deadOutcomes).success) {
    out.push({ path: 'rules.invalid_contact.deadOutcomes', rule: 'invalid_contact', name: 'deadOutcomes', problem: 'dead_outcomes', params: {} });
  }
  return out;
}

/** Applies a patch and validates the result (throws a RiskSettingsInvalid naming the first problem). */
export function applyRiskPatch(current: RiskSettings, patch: RiskSettingsPatch): RiskSettings {
  const rules = { ...current.rules } as Record<RuleId, Record<string, unknown>>;
  for (const [id, p] of Object.entries(patch.rules ?? {}) as [RuleId, object | undefined][]) {
    if (p) rules[id] = { ...current.rules[id], ...p };
  }
  const next = {
    compareLevel: patch.compareLevel ?? current.compareLevel,
    thresholds: patch.thresholds ?? current.thresholds,
    screenOnImport: patch.screenOnImport ?? current.screenOnImport,
    rules,
  };
  const problems = riskSettingsProblems(next);
  if (problems.length) throw new RiskSettingsInvalid(problems);
  return RiskSettings.parse(next);
}

export class RiskSettingsInvalid extends Error {
  constructor(readonly problems: RiskSettingsProblem[]) {
    super(`risk settings: ${problems.map((p) => `${p.path} ${p.problem}`).join('; ')}`);
    this.name = 'RiskSettingsInvalid';
  }
}
