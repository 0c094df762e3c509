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
    // Settings saved by an older version may lack newer fields: defaults fill them. A field an
    // older version allowed and this one refuses (a dial template opening web pages) falls back
    // to its default alone: the shop name, the language and the rest stay as the lead set them.
    const stored = { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<Settings>) };
    let parsed = Settings.safeParse(stored);
    if (!parsed.success) {
      const bad = new Set(parsed.error.issues.map((i) => i.path[0]).filter((k): k is keyof Settings => typeof k === 'string' && k in DEFAULT_SETTINGS));
      parsed = Settings.safeParse({ ...stored, ...Object.fromEntries([...bad].map((k) => [k, DEFAULT_SETTINGS[k]])) });
    }
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
