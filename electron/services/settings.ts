import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/settings';
import type { Db } from './db/open';

const SETTINGS_KEY = 'workstation';

export function loadSettings(db: Db): Settings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  if (!row) return DEFAULT_SETTINGS;
  // Settings saved by an older version may lack newer fields: defaults fill them.
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function saveSettings(db: Db, patch: SettingsPatch, at: Date): Settings {
  const next = Settings.parse({ ...loadSettings(db), ...patch });
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(SETTINGS_KEY, JSON.stringify(next), at.toISOString());
  return next;
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(`meta:${key}`) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setMeta(db: Db, key: string, value: string, at: Date): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(`meta:${key}`, value, at.toISOString());
}
