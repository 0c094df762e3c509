import { DEFAULT_INTAKE_SETTINGS, IntakeSettings, type IntakeSettingsPatch } from '../../../shared/intake';
import type { Db } from '../db/open';

/** Intake settings live in the settings table under their own key, apart from the workstation's. */
const KEY = 'intake';

export function loadIntakeSettings(db: Db): IntakeSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_INTAKE_SETTINGS;
  try {
    // Settings saved by an older version may lack newer fields: defaults fill them.
    const parsed = IntakeSettings.safeParse({ ...DEFAULT_INTAKE_SETTINGS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_INTAKE_SETTINGS;
  } catch {
    return DEFAULT_INTAKE_SETTINGS;
  }
}

export function saveIntakeSettings(db: Db, patch: IntakeSettingsPatch, at: Date): IntakeSettings {
  const next = IntakeSettings.parse({ ...loadIntakeSettings(db), ...patch });
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(KEY, JSON.stringify(next), at.toISOString());
  return next;
}
