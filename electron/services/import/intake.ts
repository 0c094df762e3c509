/**
 * Order intake behind every door: uploads, preview, profiles, imports (with progress and cancel),
 * rejected rows and the intake settings. One instance per open core.
 */
import type { Handlers } from '../../../shared/contract';
import type { ImportPreview, ImportProgress, IntakeSummary } from '../../../shared/contracts/intake';
import type { InternalReporter, Translate } from '../../../shared/dispatch';
import { CallcardError } from '../../../shared/errors';
import { missingRequiredFields, type ImportKind } from '../../../shared/intake';
import type { CoreContext } from '../context';
import type { ColumnMapping } from './fields';
import { loadIntakeSettings, saveIntakeSettings } from './intakeSettings';
import { DEFAULT_INLINE_MAX_BYTES, ImportJobs, readFileHead, type ImportRequest } from './jobs';
import { buildPreview, HEAD_ROWS, mappedFields, planFromHead, type HeadPlan, type ProfileLookup } from './plan';
import { deleteProfile, getProfile, listProfiles, profileForHeader, profileHeaderKeys, saveProfile } from './profiles';
import { rejectedRowsCsv } from './rejected';
import { Uploads, type Upload } from './uploads';
import { LOADS_ORDERS, requireRoleOnceSetUp } from '../session';

export interface IntakeOptions {
  /** Files up to this size are imported in-process (no worker start-up). */
  inlineMaxBytes?: number;
  /** Where an import's internal failure is logged; the window gets its reference. */
  report?: InternalReporter;
}

/** How a file is read when no one chose a mapping (CLI, the legacy one-call import). */
export interface AutoImportOptions {
  profile?: string;
  sheet?: string | null;
  headerRow?: number;
  kind?: ImportKind;
}

export type IntakeHandlers = Pick<
  Handlers,
  | 'beginUpload'
  | 'appendUpload'
  | 'previewImport'
  | 'startImport'
  | 'importProgress'
  | 'cancelImport'
  | 'rejectedRowsCsv'
  | 'listImportProfiles'
  | 'saveImportProfile'
  | 'deleteImportProfile'
  | 'getIntakeSettings'
  | 'updateIntakeSettings'
>;

export class Intake {
  readonly uploads: Uploads;
  readonly jobs: ImportJobs;
  private readonly inlineMaxBytes: number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly t: Translate,
    opts: IntakeOptions = {},
  ) {
    this.inlineMaxBytes = opts.inlineMaxBytes ?? DEFAULT_INLINE_MAX_BYTES;
    this.uploads = new Uploads(ctx.db);
    this.jobs = new ImportJobs(ctx, t, {
      inlineMaxBytes: this.inlineMaxBytes,
      onDone: (u) => {
        if (u.owned) this.uploads.discard(u.id);
      },
      report: opts.report,
    });
  }

  private profiles(): ProfileLookup {
    const db = this.ctx.db;
    return { keys: profileHeaderKeys(db), forHeader: (h) => profileForHeader(db, h), byName: (n) => getProfile(db, n) };
  }

  private async plan(upload: Upload, opts: AutoImportOptions): Promise<{ plan: HeadPlan; preview: ImportPreview }> {
    if (opts.profile && !getProfile(this.ctx.db, opts.profile)) throw new CallcardError('profile_not_found', { name: opts.profile });
    const sheet = opts.sheet ?? (opts.profile ? getProfile(this.ctx.db, opts.profile)?.sheet : null) ?? null;
    const maxRows = Math.max(HEAD_ROWS, (opts.headerRow ?? 0) + 10);
    const planOpts = { headerRow: opts.headerRow, kind: opts.kind, profileName: opts.profile };
    let head = await readFileHead(upload.path, upload.size, sheet, maxRows, this.inlineMaxBytes);
    let plan = planFromHead(head, this.profiles(), planOpts);
    // A workbook whose first sheet is a note or a cover: the orders are on a later sheet.
    if (sheet === null && plan.score === 0 && head.info.type === 'xlsx') {
      for (const other of head.sheets.slice(1)) {
        const h = await readFileHead(upload.path, upload.size, other, maxRows, this.inlineMaxBytes);
        const p = planFromHead(h, this.profiles(), planOpts);
        if (p.score > 0) {
          [head, plan] = [h, p];
          break;
        }
      }
    }
    return { plan, preview: buildPreview(upload, head, plan) };
  }

  async preview(uploadId: string, opts: AutoImportOptions): Promise<ImportPreview> {
    return (await this.plan(this.uploads.get(uploadId), opts)).preview;
  }

  /** Checks a mapping is complete before any row is read. */
  private checkMapping(kind: ImportKind, mapping: ColumnMapping): void {
    const missing = missingRequiredFields(kind, mappedFields(mapping));
    if (missing.length) throw new CallcardError('import_missing_columns', { columns: missing.map((f) => this.t(`intake.fields.${f}`)).join(', ') });
  }

  start(request: ImportRequest) {
    this.checkMapping(request.kind, request.mapping);
    return this.jobs.start(request);
  }

  /** Starts importing a file with the mapping the header (or a profile) gives. */
  async startUpload(upload: Upload, opts: AutoImportOptions = {}): Promise<ImportProgress> {
    const { plan, preview } = await this.plan(upload, opts);
    if (plan.score === 0) throw new CallcardError('import_no_columns');
    this.checkMapping(plan.kind, plan.mapping);
    return this.start({
      upload,
      kind: plan.kind,
      sheet: preview.sheet,
      headerRow: plan.headerRow,
      mapping: plan.mapping,
      profile: plan.profile?.name ?? null,
    });
  }

  /** Imports a file with the mapping the header (or a profile) gives, and waits for the summary. */
  async importUpload(upload: Upload, opts: AutoImportOptions = {}): Promise<IntakeSummary> {
    return this.jobs.result((await this.startUpload(upload, opts)).importId);
  }

  /** The one-call import of a whole file's bytes (the `importOrders` method). */
  async importBytes(fileName: string, bytes: Uint8Array, opts: AutoImportOptions = {}): Promise<IntakeSummary> {
    const upload = this.uploads.fromBytes(fileName, bytes);
    try {
      return await this.importUpload(upload, opts);
    } finally {
      this.uploads.discard(upload.id);
    }
  }

  handlers(): IntakeHandlers {
    const { ctx, t } = this;
    // Files of orders and what they hold (rejected rows keep the contacts as written) are for
    // those who bring orders in; the intake rules are the lead's.
    const loader = () => requireRoleOnceSetUp(ctx, LOADS_ORDERS);
    return {
      beginUpload: (a) => {
        loader();
        return { uploadId: this.uploads.begin(a.fileName, a.size).id };
      },
      appendUpload: (a) => ({ received: this.uploads.append(a.uploadId, a.offset, Buffer.from(a.chunkBase64, 'base64')) }),
      previewImport: (a) => {
        loader();
        return this.preview(a.uploadId, { sheet: a.sheet, headerRow: a.headerRow, kind: a.kind });
      },
      startImport: (a) => {
        loader();
        const upload = this.uploads.get(a.uploadId);
        const mapping = a.mapping as ColumnMapping;
        let profile: string | null = null;
        if (a.saveProfile) {
          // The header the mapping was made on: re-read from the file, never trusted from the page.
          return readFileHead(upload.path, upload.size, a.sheet ?? null, Math.max(HEAD_ROWS, a.headerRow + 1), this.inlineMaxBytes).then((head) => {
            const row = head.rows.find((r) => r.row === a.headerRow);
            if (!row) throw new CallcardError('import_header_missing', { row: a.headerRow });
            const headers = row.cells.map((c) => (typeof c === 'string' ? c : ''));
            this.checkMapping(a.kind, mapping);
            profile = saveProfile(ctx.db, { name: a.saveProfile!, kind: a.kind, headers, mapping, sheet: a.sheet ?? null }, ctx.now()).name;
            return this.start({ upload, kind: a.kind, sheet: a.sheet ?? null, headerRow: a.headerRow, mapping, profile });
          });
        }
        return this.start({ upload, kind: a.kind, sheet: a.sheet ?? null, headerRow: a.headerRow, mapping, profile });
      },
      importProgress: (a) => this.jobs.progress(a.importId, a.waitMs ?? 0),
      cancelImport: (a) => {
        loader();
        return this.jobs.cancel(a.importId);
      },
      rejectedRowsCsv: (a) => {
        loader();
        return rejectedRowsCsv(ctx.db, a.importId, t, a.offset ?? 0);
      },
      listImportProfiles: () => listProfiles(ctx.db),
      saveImportProfile: (a) => {
        loader();
        return saveProfile(ctx.db, { ...a, mapping: a.mapping as ColumnMapping }, ctx.now());
      },
      deleteImportProfile: (a) => {
        loader();
        return { deleted: deleteProfile(ctx.db, a.name) };
      },
      getIntakeSettings: () => loadIntakeSettings(ctx.db),
      updateIntakeSettings: (a) => {
        requireRoleOnceSetUp(ctx, ['lead']);
        return saveIntakeSettings(ctx.db, a.settings, ctx.now());
      },
    };
  }

  close(): void {
    this.jobs.close();
    this.uploads.discardAll();
  }
}
