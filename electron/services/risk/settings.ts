import { CallcardError } from '../../../shared/errors';
import {
  applyRiskPatch,
  DEFAULT_RISK_SETTINGS,
  RiskSettings,
  RiskSettingsInvalid,
  RuleSettings,
  type RiskSettingsPatch,
  type RiskSettingsProblem,
  type RuleId,
} from '../../../shared/risk/settings';
import { forget, remembered } from '../db/memo';
import type { Db } from '../db/open';
import { prepared } from '../db/statements';
import { regionTable } from './data';

/** Its own key in the settings table, beside the workstation's settings. */
const KEY = 'risk';

/** Saved settings with defaults filled in (a rule or field added later gets its default); parsed once per connection. */
export function loadRiskSettings(db: Db): RiskSettings {
  return remembered(db, KEY, () => readRiskSettings(db));
}

function readRiskSettings(db: Db): RiskSettings {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(KEY);
  let settings = DEFAULT_RISK_SETTINGS;
  if (row) {
    const saved = JSON.parse(row.value) as Partial<RiskSettings> & { rules?: Partial<Record<RuleId, object>> };
    const rules = Object.fromEntries(
      (Object.keys(RuleSettings.shape) as RuleId[]).map((id) => [id, { ...DEFAULT_RISK_SETTINGS.rules[id], ...saved.rules?.[id] }]),
    );
    const parsed = RiskSettings.safeParse({ ...DEFAULT_RISK_SETTINGS, ...saved, rules });
    if (parsed.success) settings = parsed.data;
  }
  return settings;
}

/**
 * The first problem as an error a lead reads: the rule and the field by their names on the screen
 * and what to type ("“重复下单”的“时间窗口（小时）”：不能留空…"); `path` lets the form put it under
 * its field.
 */
export function riskSettingsError(problems: RiskSettingsProblem[]): CallcardError {
  const p = problems[0];
  return new CallcardError(p.rule ? 'risk_settings_invalid_rule' : 'risk_settings_invalid', {
    ...p.params,
    path: p.path,
    ...(p.rule ? { rule: p.rule } : {}),
    field: p.name,
    problem: p.problem,
  });
}

/** Validates, stores names of remote areas in their short form, and saves. */
export function saveRiskSettings(db: Db, patch: RiskSettingsPatch, at: Date): RiskSettings {
  let next: RiskSettings;
  try {
    next = applyRiskPatch(loadRiskSettings(db), patch);
  } catch (e) {
    if (!(e instanceof RiskSettingsInvalid)) throw e;
    throw riskSettingsError(e.problems);
  }
  const table = regionTable();
  next.rules.remote_area.areas = next.rules.remote_area.areas.map((a) => {
    const province = table.province(a.province);
    if (!province) throw new CallcardError('risk_unknown_province', { province: a.province });
    const city = a.city ? (table.city(a.city, province)?.short ?? a.city) : undefined;
    return city ? { province: province.short, city } : { province: province.short };
  });
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(KEY, JSON.stringify(next), at.toISOString());
  forget(db, KEY);
  return next;
}
