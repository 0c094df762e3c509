/**
 * Runs imports off the UI path. A file larger than a few hundred KB is parsed by a reader worker
 * and written by a writer worker with its own connection to the store (WAL: the app keeps reading
 * while the import writes, and sees the result once it commits). Small files run in-process: a
 * worker's start-up would cost more than the import. Either way the write is one transaction.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { uuidv7 } from '../ids';
import type { ImportProgress, IntakeSummary } from '../../../shared/contracts/intake';
import type { InternalReporter, Translate } from '../../../shared/dispatch';
import { CallcardError, type SerializedError } from '../../../shared/errors';
import type { ImportKind, IntakeSettings } from '../../../shared/intake';
import type { CoreContext } from '../context';
import { loadSettings } from '../settings';
import type { ColumnMapping } from './fields';
import { fromWire, toWire, type HeadToCore, type ReaderToCore, type WireError, type WorkerData, type WriterToCore } from './messages';
import { readRows, type ReadPlan, type ReadResult, type RowBatch } from './reader';
import { readHead, sniffFile, type FileHead } from './source';
import type { Upload } from './uploads';
import { ImportWriter, type RunMeta, type WriteResult, type WriterOptions } from './writer';
import { loadIntakeSettings } from './intakeSettings';

export interface ImportRequest {
  upload: Upload;
  kind: ImportKind;
  sheet: string | null;
  headerRow: number;
  mapping: ColumnMapping;
  profile: string | null;
}

export interface JobOptions {
  /** Files up to this size are imported in-process. */
  inlineMaxBytes: number;
  /** Called when an import has committed (e.g. to drop its upload). */
  onDone?(upload: Upload): void;
  /** Where a failure's details go; the window is told only the reference (the CLI reads the job's own error). */
  report?: InternalReporter;
}

export const DEFAULT_INLINE_MAX_BYTES = 256 * 1024;
const BATCH_ROWS = 1000;
const MAX_IN_FLIGHT = 4;
const PROGRESS_EVERY_MS = 100;

interface Job {
  id: string;
  request: ImportRequest;
  state: ImportProgress['state'];
  started: number;
  ended: number | null;
  bytesDone: number;
  rowsRead: number;
  rowsWritten: number;
  readDone: boolean;
  summary: IntakeSummary | null;
  error: WireError | null;
  /** The log reference of an internal failure, once the window has been told it. */
  shownRef?: string;
  cancel: Int32Array;
  workers: Worker[];
  waiters: Set<() => void>;
  /** When waiters were last woken for progress (ms, performance clock). */
  notified: number;
  finished: Promise<void>;
}

/** The worker entry: the built file next to the bundle, or the TypeScript source through tsx. */
function workerUrl(): URL {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) return new URL('./worker-boot.mjs', here);
  for (const rel of ['./importWorker.js', '../importWorker.js', './import-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('the import worker (importWorker.js) is missing from this build');
}

function spawn(data: WorkerData, transfer: Transferable[] = []): Worker {
  // Transferable here is the worker_threads one (ports); DOM's type differs only nominally.
  return new Worker(workerUrl(), { workerData: data, transferList: transfer as never });
}

/**
 * The first rows of a file. A CSV's head is a small read; a large XLSX may have to be read through
 * (its shared strings often come after the sheets), so that happens in a worker.
 */
export async function readFileHead(path: string, size: number, sheet: string | null, maxRows: number, inlineMaxBytes: number): Promise<FileHead> {
  if (size <= inlineMaxBytes || (await sniffFile(path)).type === 'csv') return readHead(path, { sheet, maxRows });
  return new Promise((resolve, reject) => {
    const w = spawn({ role: 'head', path, sheet, maxRows });
    w.once('message', (m: HeadToCore) => {
      void w.terminate();
      if (m.type === 'head') resolve(m.head);
      else reject(fromWire(m.error));
    });
    w.once('error', (e) => reject(e));
  });
}

/**
 * About how many rows a file of this size holds: a seller export's CSV row is 150-250 bytes (Chinese
 * names and addresses); an XLSX is zipped, so its rows take fewer bytes each. Only for choosing how
 * to write (see WriterOptions.expectedRows), never for counting.
 */
export function estimateRows(bytes: number, fileName: string): number {
  return Math.floor(bytes / (/\.xlsx$/i.test(fileName) ? 60 : 200));
}

/** A rejected row's reason in words, naming the column and quoting what it holds. */
export function rejectionReason(r: { code: string; field: string; value?: string }, t: Translate): string {
  const reason = t(`intake.reasons.${r.code}`, { field: t(`intake.fields.${r.field}`) });
  return r.value && r.code !== 'too_long' ? t('intake.reasonWithValue', { reason, value: r.value }) : reason;
}

/** Why a row of a later export was not applied. */
export function conflictReason(c: { code: string; current: string; incoming: string }, t: Translate): string {
  // An order already settled is named by its status in words (it read "订单已结束（signed）").
  const current = c.code === 'order_final' ? t(`status.${c.current}`, { defaultValue: c.current }) : c.current;
  return t(`intake.conflicts.${c.code}`, { current, incoming: c.incoming });
}

/** The summary's reasons in another language (the CLI's --lang). */
export function translateSummary(s: IntakeSummary, t: Translate): IntakeSummary {
  return {
    ...s,
    rejected: s.rejected.map((r) => ({ ...r, reason: rejectionReason(r, t) })),
    conflicts: s.conflicts.map((c) => ({ ...c, reason: conflictReason(c, t) })),
  };
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly t: Translate,
    private readonly opts: JobOptions,
  ) {}

  private running(): Job | undefined {
    return [...this.jobs.values()].find((j) => j.state === 'running');
  }

  /** Starts an import; one at a time per store (a second would only wait for the first's write lock). */
  start(request: ImportRequest): ImportProgress {
    const busy = this.running();
    if (busy) throw new CallcardError('import_busy', { file: busy.request.upload.fileName });
    const id = uuidv7();
    let settle!: () => void;
    const job: Job = {
      id,
      request,
      state: 'running',
      started: performance.now(),
      ended: null,
      bytesDone: 0,
      rowsRead: 0,
      rowsWritten: 0,
      readDone: false,
      summary: null,
      error: null,
      cancel: new Int32Array(new SharedArrayBuffer(4)),
      workers: [],
      waiters: new Set(),
      notified: 0,
      finished: new Promise<void>((r) => (settle = r)),
    };
    this.jobs.set(id, job);
    // Keep a bounded history of finished jobs.
    if (this.jobs.size > 20) for (const [k, j] of this.jobs) if (j.state !== 'running' && this.jobs.size > 20) this.jobs.delete(k);
    const intake = loadIntakeSettings(this.ctx.db);
    const plan: ReadPlan = {
      kind: request.kind,
      sheet: request.sheet,
      headerRow: request.headerRow,
      mapping: request.mapping,
      timeZone: loadSettings(this.ctx.db).businessTimeZone,
      platformStatuses: intake.platformStatuses,
      courierStatuses: intake.courierStatuses,
    };
    const writerOptions: WriterOptions = {
      runId: id,
      kind: request.kind,
      fileName: request.upload.fileName,
      profile: request.profile,
      headerRow: request.headerRow,
      now: this.ctx.now(),
      intake,
      expectedRows: estimateRows(request.upload.size, request.upload.fileName),
    };
    const run = request.upload.size <= this.opts.inlineMaxBytes ? this.runInline(job, plan, writerOptions) : this.runWorkers(job, plan, writerOptions, intake);
    void run.then(
      () => settle(),
      () => settle(),
    );
    return this.progressOf(job);
  }

  private end(job: Job, state: ImportProgress['state'], outcome: { summary?: IntakeSummary; error?: WireError }): void {
    if (job.state !== 'running') return;
    job.state = state;
    job.ended = performance.now();
    job.summary = outcome.summary ?? null;
    job.error = outcome.error ?? null;
    // A writer that committed checkpoints the log before it exits: stopping it would leave that
    // work to the UI thread's next checkpoint. Anything else is stopped at once.
    const [reader, writer] = job.workers;
    for (const w of state === 'done' ? [reader] : job.workers) void w?.terminate();
    job.workers = state === 'done' && writer ? [writer] : [];
    if (state === 'done') this.opts.onDone?.(job.request.upload);
    this.notify(job);
  }

  private notify(job: Job): void {
    for (const wake of job.waiters) wake();
    job.waiters.clear();
  }

  /** Small files: read everything (bounded by inlineMaxBytes), then write in one synchronous transaction. */
  private async runInline(job: Job, plan: ReadPlan, writerOptions: WriterOptions): Promise<void> {
    try {
      const batches: RowBatch[] = [];
      const read = await readRows(job.request.upload.path, plan, {
        batchSize: BATCH_ROWS,
        shouldStop: () => Atomics.load(job.cancel, 0) === 1,
        onBatch: (b) => {
          batches.push(b);
          job.rowsRead += b.orders.length + b.courier.length + b.rejected.length;
        },
      });
      job.readDone = true;
      job.bytesDone = job.request.upload.size;
      if (read.stopped || Atomics.load(job.cancel, 0) === 1) {
        this.end(job, 'cancelled', {});
        return;
      }
      // No await from here to the commit: the core's own connection is not shared mid-transaction.
      const writer = new ImportWriter(this.ctx.db, writerOptions);
      writer.begin();
      let result: WriteResult;
      try {
        for (const b of batches) writer.write(b);
        result = writer.finish({ header: read.header, encoding: read.encoding, sheet: read.sheet }, read.dataRows);
      } catch (e) {
        writer.rollback();
        throw e;
      }
      job.rowsWritten = read.dataRows;
      this.end(job, 'done', { summary: this.summarise(job, result, read.dataRows, read) });
    } catch (e) {
      this.end(job, 'failed', { error: toWire(e) });
    }
  }

  private runWorkers(job: Job, plan: ReadPlan, writerOptions: WriterOptions, _intake: IntakeSettings): Promise<void> {
    return new Promise<void>((resolve) => {
      const { port1, port2 } = new MessageChannel();
      let reading: ReadResult | null = null;
      const fail = (error: WireError) => {
        // The writer rolls back on the flag (or dies with its connection: uncommitted, nothing stays).
        Atomics.store(job.cancel, 0, 1);
        this.end(job, 'failed', { error });
        resolve();
      };
      let reader: Worker;
      let writer: Worker;
      try {
        writer = spawn(
          { role: 'writer', dbFile: this.ctx.db.name, options: { ...writerOptions, now: writerOptions.now.toISOString() }, cancel: job.cancel.buffer as SharedArrayBuffer, port: port2 } as WorkerData,
          [port2],
        );
        reader = spawn(
          { role: 'reader', path: job.request.upload.path, plan, cancel: job.cancel.buffer as SharedArrayBuffer, batchSize: BATCH_ROWS, maxInFlight: MAX_IN_FLIGHT, port: port1 } as WorkerData,
          [port1],
        );
      } catch (e) {
        fail(toWire(e));
        return;
      }
      job.workers = [reader, writer];
      reader.on('message', (m: ReaderToCore) => {
        if (m.type === 'progress') {
          job.bytesDone = m.bytes;
          job.rowsRead = m.rows;
        } else if (m.type === 'read-done') {
          reading = m.result;
          job.readDone = !m.result.stopped;
          job.bytesDone = job.request.upload.size;
        } else if (m.type === 'error') {
          fail(m.error);
        }
      });
      writer.on('message', (m: WriterToCore) => {
        if (m.type === 'written') {
          job.rowsWritten = m.rows;
          // A progress bar needs a few updates a second, not one per batch.
          const now = performance.now();
          if (now - job.notified >= PROGRESS_EVERY_MS) {
            job.notified = now;
            this.notify(job);
          }
        } else if (m.type === 'done') {
          job.rowsWritten = m.dataRows;
          this.end(job, 'done', { summary: this.summarise(job, m.result, m.dataRows, reading) });
          resolve();
        } else if (m.type === 'cancelled' || m.type === 'aborted') {
          // An abort follows a reader error (already reported) or a cancel.
          if (job.state === 'running') this.end(job, 'cancelled', {});
          resolve();
        } else if (m.type === 'error') {
          fail(m.error);
        }
      });
      for (const w of [reader, writer]) {
        w.on('error', (e) => fail(toWire(e)));
        w.on('exit', (code) => {
          if (job.state === 'running' && code !== 0) fail(toWire(new Error(`import worker stopped (${code})`)));
        });
      }
    });
  }

  private summarise(job: Job, r: WriteResult, dataRows: number, read: ReadResult | null): IntakeSummary {
    const t = this.t;
    return {
      importId: job.id,
      fileName: job.request.upload.fileName,
      kind: job.request.kind,
      totalRows: dataRows,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejectedSample.map((x) => ({ ...x, reason: rejectionReason(x, t) })),
      rejectedCount: r.rejected,
      conflicts: r.conflicts.map((c) => ({ ...c, reason: conflictReason(c, t) })),
      conflictCount: r.conflictCount,
      flaggedPhones: r.flaggedPhones,
      flaggedSample: r.flaggedSample,
      unknownStatuses: Object.entries(r.unknownStatuses).map(([label, count]) => ({ label, count })),
      tasksOpened: r.tasksOpened,
      tasksClosed: r.tasksClosed,
      encoding: read?.encoding ?? '',
      sheet: read?.sheet ?? null,
      profile: job.request.profile,
      elapsedMs: Math.round(performance.now() - job.started),
    };
  }

  private progressOf(job: Job): ImportProgress {
    const elapsed = (job.ended ?? performance.now()) - job.started;
    const size = job.request.upload.size;
    const rowsTotal = job.readDone ? job.rowsRead : job.bytesDone > 0 && job.rowsRead > 0 ? Math.round((job.rowsRead * size) / job.bytesDone) : null;
    return {
      importId: job.id,
      fileName: job.request.upload.fileName,
      kind: job.request.kind,
      state: job.state,
      rowsDone: job.rowsWritten,
      rowsTotal: job.state === 'done' && job.summary ? job.summary.totalRows : rowsTotal,
      rowsTotalExact: job.readDone || job.state === 'done',
      bytesDone: job.bytesDone,
      bytesTotal: size,
      rowsPerSecond: elapsed > 0 ? Math.round((job.rowsWritten * 1000) / elapsed) : 0,
      elapsedMs: Math.round(elapsed),
      summary: job.summary,
      error: job.error ? this.shownError(job) : null,
    };
  }

  /** A job's error as the window is told it: an internal failure by its log reference only (logged once). */
  private shownError(job: Job): SerializedError | null {
    const e = job.error;
    if (!e) return null;
    if (e.internal === undefined || !this.opts.report) return { code: e.code, params: e.params, message: this.t(`errors.${e.code}`, e.params) };
    job.shownRef ??= this.opts.report(new Error(e.internal), `import ${job.request.upload.fileName}`);
    const params = { ref: job.shownRef };
    return { code: 'internal', params, message: this.t('errors.internal', params) };
  }

  private get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new CallcardError('import_not_found');
    return job;
  }

  /**
   * The import's progress now, or (with waitMs) at its next change (rows written, or the end),
   * whichever comes first: a long poll, so a progress bar needs no timer to stay current.
   */
  async progress(id: string, waitMs = 0): Promise<ImportProgress> {
    const job = this.get(id);
    if (job.state === 'running' && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          job.waiters.delete(wake);
          resolve();
        }, waitMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        job.waiters.add(wake);
      });
    }
    return this.progressOf(job);
  }

  /** The import running now, if any. */
  latestRunning(): string | null {
    return this.running()?.id ?? null;
  }

  /** Until the import has ended (committed, failed or cancelled). */
  async wait(id: string): Promise<ImportProgress> {
    const job = this.get(id);
    await job.finished;
    return this.progressOf(job);
  }

  /** Stops an import; its transaction is rolled back. A finished import is not undone. */
  cancel(id: string): ImportProgress {
    const job = this.get(id);
    if (job.state === 'running') Atomics.store(job.cancel, 0, 1);
    return this.progressOf(job);
  }

  /** The summary of a finished import, or its error thrown as it happened. */
  async result(id: string): Promise<IntakeSummary> {
    const p = await this.wait(id);
    const job = this.get(id);
    if (p.state === 'done' && p.summary) return p.summary;
    if (p.state === 'cancelled') throw new CallcardError('import_cancelled');
    throw fromWire(job.error ?? toWire(new Error('import failed')));
  }

  /** Stops every running import (the app is closing): nothing half-done stays. */
  close(): void {
    for (const job of this.jobs.values()) {
      if (job.state === 'running') Atomics.store(job.cancel, 0, 1);
      // Includes a committed import's writer still checkpointing (harmless to interrupt).
      for (const w of job.workers) void w.terminate();
      job.workers = [];
    }
  }
}

export type { RunMeta };
