/**
 * Saved import profiles chosen by hand on the mapping step: which profiles fit the file's kind, and
 * what a profile's mapping becomes over a file whose header set differs from the one it was saved
 * for (the export gained a column, a header now carries its unit). Pure: no React, no core calls.
 */
import type { ImportProfileView } from '../../shared/contracts/intake';
import { FIELDS_BY_KIND, type ImportField, type ImportKind } from '../../shared/intake';

/**
 * A header as compared with a profile's: trimmed, lower case, without spaces, full-width letters,
 * digits and brackets as half-width, and without a unit in brackets at its end ("Amount (yuan)" is
 * "amount"; a header that is only a bracket is kept as it is).
 */
export function normaliseHeaderName(header: string): string {
  const s = header
    .replace(/^\uFEFF/, '')
    // Full-width ASCII (U+FF01..U+FF5E) to half-width; the ideographic space is a space.
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, '');
  // A unit in round, square or lenticular (U+3010/U+3011) brackets at the end.
  const bare = s.replace(/(\([^()]*\)|\[[^[\]]*\]|\u3010[^\u3010\u3011]*\u3011)$/, '');
  return bare || s;
}

/** The saved profiles for files of this kind, the most recently saved first. */
export function profilesForKind(profiles: readonly ImportProfileView[], kind: ImportKind): ImportProfileView[] {
  return profiles
    .filter((p) => p.kind === kind)
    .sort((a, b) => (a.updatedAt === b.updatedAt ? a.name.localeCompare(b.name) : a.updatedAt < b.updatedAt ? 1 : -1));
}

export interface AppliedProfile {
  /** The field of each column of the file, one per header (null: not imported). */
  fields: (ImportField | null)[];
  /** The profile's fields whose header this file does not have: they stay where they were. */
  missing: ImportField[];
}

/**
 * A profile's mapping over this file's headers. Each field of the profile goes to the column whose
 * header is the profile's header for it: an exact match (trimmed) first, then a normalised one; a
 * column taken by one field of the profile is not given to another (a header that repeats gives
 * its next column). The profile decides every column whose header it knows: a column it saw and
 * left out is not imported again. Columns it does not know (the column the export gained) keep
 * their field, unless the profile puts that field elsewhere: one column per field.
 */
export function applyProfile(profile: ImportProfileView, headers: readonly string[], current: readonly (ImportField | null)[]): AppliedProfile {
  const allowed = new Set<ImportField>(FIELDS_BY_KIND[profile.kind]);
  const savedAt = (name: string) => {
    const i = profile.headers.indexOf(name);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  // In the profile's column order, so a repeated header gives its columns in order.
  const wanted = (Object.entries(profile.mapping) as [ImportField, string | undefined][])
    .filter((e): e is [ImportField, string] => typeof e[1] === 'string' && e[1].trim() !== '' && allowed.has(e[0]))
    .sort((a, b) => savedAt(a[1]) - savedAt(b[1]));

  const exact = headers.map((h) => h.trim());
  const normalised = headers.map(normaliseHeaderName);
  const taken = new Map<number, ImportField>();
  const placed = new Map<ImportField, number>();
  const place = (keys: string[], key: (name: string) => string) => {
    for (const [field, name] of wanted) {
      if (placed.has(field)) continue;
      const k = key(name);
      const col = keys.findIndex((h, i) => h !== '' && h === k && !taken.has(i));
      if (col < 0) continue;
      taken.set(col, field);
      placed.set(field, col);
    }
  };
  place(exact, (n) => n.trim());
  place(normalised, normaliseHeaderName);

  const known = new Set(profile.headers.map(normaliseHeaderName).filter((h) => h !== ''));
  const fields = headers.map((_, i): ImportField | null => {
    const f = current[i] ?? null;
    if (taken.has(i)) return taken.get(i)!;
    if (known.has(normalised[i])) return null;
    return f !== null && placed.has(f) ? null : f;
  });
  return { fields, missing: wanted.filter(([f]) => !placed.has(f)).map(([f]) => f) };
}
