/**
 * Order intake: upload an export in chunks, preview it with a suggested column mapping, import it
 * off the UI path with progress and cancel, save mappings as named profiles, download the rows that
 * could not be imported, and tune the status tables.
 */
import { z } from 'zod';
import type { ImportSummary } from '../contract';
import { method, NoArgs } from '../contract-kit';
import type { Flow } from '../domain';
import type { SerializedError } from '../errors';
import { IMPORT_FIELDS, IMPORT_KINDS, IntakeSettingsPatch, type ImportField, type ImportKind, type IntakeSettings } from '../intake';

/** A row of a later export that was not applied: the store knows something newer. */
export interface ImportConflictView {
  row: number;
  orderNo: string;
  /** older_export | status_backwards | agent_newer | order_final | repeated_in_file */
  code: string;
  current: string;
  incoming: string;
  reason: string;
}

/** What an import did. `created + updated + unchanged + rejectedCount = totalRows` (the file's data rows). */
export interface IntakeSummary extends ImportSummary {
  importId: string;
  kind: ImportKind;
  /** Every rejected row is counted here; `rejected` lists the first 1,000. */
  rejectedCount: number;
  /** Rows not applied because the store knows something newer (counted as unchanged). */
  conflicts: ImportConflictView[];
  conflictCount: number;
  /** Phones kept as written because they could not be normalised (imported, flagged). */
  flaggedPhones: number;
  /** The first of them (1,000 at most): the row, its order and the number as written, to fix in the shop's system. */
  flaggedSample: { row: number; orderNo: string; phone: string }[];
  /** Status words no table knows (the orders were imported; add the words in the status table). */
  unknownStatuses: { label: string; count: number }[];
  tasksOpened: Partial<Record<Flow, number>>;
  tasksClosed: number;
  encoding: string;
  sheet: string | null;
  profile: string | null;
  elapsedMs: number;
}

export interface ImportColumnView {
  index: number;
  header: string;
  /** The field this column is mapped to (from the profile, or suggested by its header), or null. */
  field: ImportField | null;
  samples: string[];
}

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  size: number;
  fileType: 'csv' | 'xlsx';
  encoding: string;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** The header's row number as Excel shows it (detected, or as asked). */
  headerRow: number;
  kind: ImportKind;
  detectedKind: ImportKind;
  columns: ImportColumnView[];
  /** The first data rows, as text. */
  rows: string[][];
  /** The saved profile whose header set this file has. */
  profile: { name: string } | null;
  /** Required fields no column is mapped to. */
  missing: ImportField[];
}

export type ImportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportProgress {
  importId: string;
  fileName: string;
  kind: ImportKind;
  state: ImportState;
  rowsDone: number;
  /** Estimated from the bytes read until the file has been read through, then exact. */
  rowsTotal: number | null;
  rowsTotalExact: boolean;
  bytesDone: number;
  bytesTotal: number;
  rowsPerSecond: number;
  elapsedMs: number;
  summary: IntakeSummary | null;
  error: SerializedError | null;
}

export interface ImportProfileView {
  name: string;
  kind: ImportKind;
  headers: string[];
  /** Field -> header name. */
  mapping: Partial<Record<ImportField, string>>;
  sheet: string | null;
  updatedAt: string;
}

export interface RejectedRowsCsv {
  fileName: string;
  /** CSV text (the caller adds the BOM when saving); one page of rows. */
  csv: string;
  rows: number;
  /** Where the next page starts, or null when this was the last. */
  nextOffset: number | null;
}

const id = z.string().min(1).max(64);
const profileName = z.string().trim().min(1).max(40);
const sheet = z.string().max(100).nullable();
export const ColumnMappingArgs = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(999));

/** Upload chunks: 8 MiB of file bytes at most (about 11 MB of base64). */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

export const intakeMethods = {
  /** Starts an upload of a file of `size` bytes (refused over 2 GB). */
  beginUpload: method<{ uploadId: string }>()(
    z.object({ fileName: z.string().trim().min(1).max(255), size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
  ),
  /** Appends the next chunk of an upload; `offset` must be the number of bytes received so far. */
  appendUpload: method<{ received: number }>()(
    z.object({ uploadId: id, offset: z.number().int().min(0), chunkBase64: z.string().max(12_000_000) }).strict(),
  ),
  previewImport: method<ImportPreview>()(
    z
      .object({
        uploadId: id,
        sheet: sheet.optional(),
        headerRow: z.number().int().min(1).max(1000).optional(),
        kind: z.enum(IMPORT_KINDS).optional(),
      })
      .strict(),
  ),
  /** Starts importing an uploaded file with a mapping; optionally saves the mapping as a profile first. */
  startImport: method<ImportProgress>()(
    z
      .object({
        uploadId: id,
        kind: z.enum(IMPORT_KINDS),
        sheet: sheet.optional(),
        headerRow: z.number().int().min(1).max(1000),
        mapping: ColumnMappingArgs,
        saveProfile: profileName.optional(),
      })
      .strict(),
  ),
  /** The import's progress; with `waitMs`, waits for its next change (rows written, or the end). */
  importProgress: method<ImportProgress>()(z.object({ importId: id, waitMs: z.number().int().min(0).max(10_000).optional() }).strict()),
  /** Stops an import: nothing of it is stored. */
  cancelImport: method<ImportProgress>()(z.object({ importId: id }).strict()),
  rejectedRowsCsv: method<RejectedRowsCsv>()(z.object({ importId: id, offset: z.number().int().min(0).optional() }).strict()),
  listImportProfiles: method<ImportProfileView[]>()(NoArgs),
  saveImportProfile: method<ImportProfileView>()(
    z
      .object({
        name: profileName,
        kind: z.enum(IMPORT_KINDS),
        headers: z.array(z.string().max(200)).min(1).max(500),
        mapping: ColumnMappingArgs,
        sheet: sheet.optional(),
      })
      .strict(),
  ),
  deleteImportProfile: method<{ deleted: boolean }>()(z.object({ name: profileName }).strict()),
  getIntakeSettings: method<IntakeSettings>()(NoArgs),
  updateIntakeSettings: method<IntakeSettings>()(z.object({ settings: IntakeSettingsPatch }).strict()),
} as const;

export type { ImportField, ImportKind, IntakeSettings };
