import { DEFAULT_REPORT_SETTINGS, ReportSettings } from '../../../shared/contracts/reports';
import type { Db } from '../db/open';
import { forget, remembered } from '../db/memo';
import { prepared } from '../db/statements';

/** Its own key in the settings table, beside the workstation's settings. */
const KEY = 'reports';

export function loadReportSettings(db: Db): ReportSettings {
  return remembered(db, KEY, () => readReportSettings(db));
}

function readReportSettings(db: Db): ReportSettings {
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(KEY);
  let settings = DEFAULT_REPORT_SETTINGS;
  if (row) {
    // A field added later gets its default; a damaged value falls back to the defaults.
    const parsed = ReportSettings.safeParse({ ...DEFAULT_REPORT_SETTINGS, ...(JSON.parse(row.value) as object) });
    if (parsed.success) settings = parsed.data;
  }
  return settings;
}

export function saveReportSettings(db: Db, patch: Partial<ReportSettings>, at: Date): ReportSettings {
  const next = ReportSettings.parse({ ...loadReportSettings(db), ...patch });
  prepared(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(KEY, JSON.stringify(next), at.toISOString());
  forget(db, KEY);
  return next;
}
