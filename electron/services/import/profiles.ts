/**
 * Import profiles: a named column mapping ("抖音小店导出"), chosen again automatically when a file
 * with the same set of header names arrives. Mappings are kept by header name, so a profile still
 * fits when the shop back-end reorders its columns.
 */
import { uuidv7 } from '../ids';
import type { ImportProfileView } from '../../../shared/contracts/intake';
import { CallcardError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportField, type ImportKind } from '../../../shared/intake';
import type { Db } from '../db/open';
import { headerKey, normaliseHeader, type ColumnMapping } from './fields';

interface ProfileRow {
  id: string;
  name: string;
  kind: ImportKind;
  header_key: string;
  headers: string;
  mapping: string;
  sheet: string | null;
  created_at: string;
  updated_at: string;
}

function toView(r: ProfileRow): ImportProfileView {
  return {
    name: r.name,
    kind: r.kind,
    headers: JSON.parse(r.headers) as string[],
    mapping: JSON.parse(r.mapping) as Partial<Record<ImportField, string>>,
    sheet: r.sheet,
    updatedAt: r.updated_at,
  };
}

export function listProfiles(db: Db): ImportProfileView[] {
  return (db.prepare('SELECT * FROM import_profiles ORDER BY updated_at DESC, name').all() as ProfileRow[]).map(toView);
}

export function getProfile(db: Db, name: string): ImportProfileView | null {
  const row = db.prepare('SELECT * FROM import_profiles WHERE name = ?').get(name) as ProfileRow | undefined;
  return row ? toView(row) : null;
}

/** The most recently saved profile made for this exact header set. */
export function profileForHeader(db: Db, header: string[]): ImportProfileView | null {
  const row = db
    .prepare('SELECT * FROM import_profiles WHERE header_key = ? ORDER BY updated_at DESC LIMIT 1')
    .get(headerKey(header)) as ProfileRow | undefined;
  return row ? toView(row) : null;
}

/** Every profile's header key, for header-row detection (a profile's header is a header, whatever its names). */
export function profileHeaderKeys(db: Db): Set<string> {
  return new Set((db.prepare('SELECT header_key FROM import_profiles').all() as { header_key: string }[]).map((r) => r.header_key));
}

/** Saves (or replaces) a profile from a column mapping over a header row. */
export function saveProfile(
  db: Db,
  args: { name: string; kind: ImportKind; headers: string[]; mapping: ColumnMapping; sheet?: string | null },
  now: Date,
): ImportProfileView {
  const byName: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const col = args.mapping[field];
    if (col === undefined) continue;
    const header = args.headers[col];
    if (header === undefined || normaliseHeader(header) === '') throw new CallcardError('profile_unnamed_column', { column: col + 1 });
    byName[field] = header;
  }
  if (Object.keys(byName).length === 0) throw new CallcardError('profile_empty');
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO import_profiles (id, name, kind, header_key, headers, mapping, sheet, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, header_key = excluded.header_key, headers = excluded.headers,
       mapping = excluded.mapping, sheet = excluded.sheet, updated_at = excluded.updated_at`,
  ).run(uuidv7(), args.name, args.kind, headerKey(args.headers), JSON.stringify(args.headers), JSON.stringify(byName), args.sheet ?? null, at, at);
  return getProfile(db, args.name)!;
}

export function deleteProfile(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM import_profiles WHERE name = ?').run(name).changes > 0;
}

/**
 * A profile's mapping over this file's header row: each field goes to the column with the same
 * header name (the n-th such column when a name repeats, as it did when the profile was saved).
 */
export function applyProfile(profile: ImportProfileView, header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const normalised = header.map(normaliseHeader);
  const savedHeaders = profile.headers.map(normaliseHeader);
  for (const [field, name] of Object.entries(profile.mapping) as [ImportField, string][]) {
    const key = normaliseHeader(name);
    const occurrence = savedHeaders.slice(0, profile.headers.indexOf(name) + 1).filter((h) => h === key).length || 1;
    let seen = 0;
    const col = normalised.findIndex((h) => h === key && ++seen === occurrence);
    if (col >= 0) mapping[field] = col;
  }
  return mapping;
}
