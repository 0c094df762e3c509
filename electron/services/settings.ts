import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/settings';
import type { Db } from './db/open';
import { forget, remembered } from './db/memo';
import { prepared } from './db/statements';

const SETTINGS_KEY = 'workstation';

const UPSERT = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

/** Parsed once per connection (db/memo.ts): every write goes through saveSettings. */
export function loadSettings(db: Db): Settings {
  return remembered(db, SETTINGS_KEY, () => readSettings(db));
}

function readSettings(db: Db): Settings {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY);
  let settings = DEFAULT_SETTINGS;
  if (row) {
    // Settings saved by an older version may lack newer fields: defaults fill them.
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value) });
    if (parsed.success) settings = parsed.data;
  }
  return settings;
}

export function saveSettings(db: Db, patch: SettingsPatch, at: Date): Settings {
  const next = Settings.parse({ ...loadSettings(db), ...patch });
  prepared(db, UPSERT).run(SETTINGS_KEY, JSON.stringify(next), at.toISOString());
  forget(db, SETTINGS_KEY);
  return next;
}

/** Forget the cached settings (another connection, e.g. an import worker, may have written them). */
export function invalidateSettings(db: Db): void {
  forget(db, SETTINGS_KEY);
}

export function getMeta(db: Db, key: string): string | null {
  return remembered(db, `meta:${key}`, () => prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(`meta:${key}`)?.value ?? null);
}

export function setMeta(db: Db, key: string, value: string, at: Date): void {
  prepared(db, UPSERT).run(`meta:${key}`, value, at.toISOString());
  forget(db, `meta:${key}`);
}
