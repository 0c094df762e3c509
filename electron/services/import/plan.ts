/**
 * From the first rows of a file to an import plan: which row is the header (exports often start
 * with a title row), whether it is an order export or a courier file, and which column is which
 * field (a saved profile for this header set first, else the recognised header names).
 */
import type { ImportColumnView, ImportPreview } from '../../../shared/contracts/intake';
import { missingRequiredFields, type ImportField, type ImportKind } from '../../../shared/intake';
import { detectKind, headerKey, headerScore, mapHeader, type ColumnMapping } from './fields';
import type { ImportProfileView } from '../../../shared/contracts/intake';
import { applyProfile } from './profiles';
import { cellAsText } from './reader';
import type { FileHead, SourceRow } from './source';

/** The header is looked for among this many first rows. */
export const HEADER_SEARCH_ROWS = 20;
/** Rows read for a preview: the header search plus a few data rows below the lowest header. */
export const HEAD_ROWS = HEADER_SEARCH_ROWS + 10;
const PREVIEW_ROWS = 8;
const SAMPLES = 3;
const PREVIEW_CELL = 80;

export interface ProfileLookup {
  /** Header keys of every saved profile. */
  keys: Set<string>;
  forHeader(header: string[]): ImportProfileView | null;
  byName(name: string): ImportProfileView | null;
}

export interface HeadPlan {
  headerRow: number;
  header: string[];
  kind: ImportKind;
  detectedKind: ImportKind;
  mapping: ColumnMapping;
  profile: ImportProfileView | null;
  /** Fields recognised in the header (0: none at all). */
  score: number;
}

const texts = (r: SourceRow) => r.cells.map(cellAsText);
const isBlank = (r: SourceRow) => texts(r).every((c) => c.trim() === '');

/** Picks the header row and the mapping. */
export function planFromHead(
  head: FileHead,
  profiles: ProfileLookup,
  opts: { headerRow?: number; kind?: ImportKind; profileName?: string },
): HeadPlan {
  const named = opts.profileName ? profiles.byName(opts.profileName) : null;
  let headerIndex = -1;
  let best = 0;
  let bestProfile: ImportProfileView | null = null;
  if (opts.headerRow !== undefined) {
    headerIndex = head.rows.findIndex((r) => r.row === opts.headerRow);
  } else {
    head.rows.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
      const cells = texts(r);
      const key = headerKey(cells);
      // A row that is a saved profile's header is the header, whatever its names are.
      const profile = named && headerKey(named.headers) === key ? named : profiles.keys.has(key) ? profiles.forHeader(cells) : null;
      const score = profile ? 1000 : Math.max(headerScore(cells, 'orders'), headerScore(cells, 'courier'));
      if (score > best) {
        best = score;
        headerIndex = i;
        bestProfile = profile;
      }
    });
    // Nothing recognised: the first non-empty row is the header, for the user to map by hand.
    if (headerIndex < 0) headerIndex = head.rows.findIndex((r) => !isBlank(r));
  }
  const headerRow = headerIndex >= 0 ? head.rows[headerIndex].row : (opts.headerRow ?? 1);
  const header = headerIndex >= 0 ? texts(head.rows[headerIndex]) : [];
  const profile: ImportProfileView | null = named ?? bestProfile ?? (header.length ? profiles.forHeader(header) : null);
  const detectedKind = detectKind(header);
  const kind = opts.kind ?? profile?.kind ?? detectedKind;
  const mapping = profile && profile.kind === kind ? applyProfile(profile, header) : mapHeader(header, kind);
  const score = profile ? Math.max(1, Object.keys(mapping).length) : Object.keys(mapHeader(header, kind)).length;
  return { headerRow, header, kind, detectedKind, mapping, profile: profile && profile.kind === kind ? profile : null, score };
}

export function mappedFields(mapping: ColumnMapping): Set<ImportField> {
  return new Set((Object.keys(mapping) as ImportField[]).filter((f) => mapping[f] !== undefined));
}

/** The mapping screen's view of a file. */
export function buildPreview(
  upload: { id: string; fileName: string; size: number },
  head: FileHead,
  plan: HeadPlan,
): ImportPreview {
  const dataRows = head.rows.filter((r) => r.row > plan.headerRow && !isBlank(r));
  const width = Math.max(plan.header.length, ...dataRows.slice(0, PREVIEW_ROWS).map((r) => r.cells.length), 0);
  const fieldOf = new Map<number, ImportField>();
  for (const [field, col] of Object.entries(plan.mapping) as [ImportField, number][]) fieldOf.set(col, field);
  const cut = (s: string) => (s.length > PREVIEW_CELL ? `${s.slice(0, PREVIEW_CELL - 1)}…` : s);
  const columns: ImportColumnView[] = Array.from({ length: width }, (_, index) => ({
    index,
    header: plan.header[index] ?? '',
    field: fieldOf.get(index) ?? null,
    samples: dataRows.slice(0, SAMPLES).map((r) => cut(cellAsText(r.cells[index]).trim())),
  }));
  return {
    uploadId: upload.id,
    fileName: upload.fileName,
    size: upload.size,
    fileType: head.info.type,
    encoding: head.info.encoding,
    delimiter: head.info.delimiter,
    sheets: head.sheets,
    sheet: head.sheet,
    headerRow: plan.headerRow,
    kind: plan.kind,
    detectedKind: plan.detectedKind,
    columns,
    rows: dataRows.slice(0, PREVIEW_ROWS).map((r) => Array.from({ length: width }, (_, i) => cut(cellAsText(r.cells[i]).trim()))),
    profile: plan.profile ? { name: plan.profile.name } : null,
    missing: missingRequiredFields(plan.kind, mappedFields(plan.mapping)),
  };
}
