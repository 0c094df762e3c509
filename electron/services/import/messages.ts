/** What the import workers and the core say to each other (structured-cloned; errors travel as data). */
import { CallcardError } from '../../../shared/errors';
import type { ReadPlan, ReadResult, RowBatch } from './reader';
import type { FileHead } from './source';
import type { RunMeta, WriteResult, WriterOptions } from './writer';

export interface WireError {
  code: string;
  params: Record<string, string | number>;
  /** Not a CallcardError: an internal failure, with its message. */
  internal?: string;
}

export function toWire(e: unknown): WireError {
  if (e instanceof CallcardError) return { code: e.code, params: e.params };
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'internal', params: { detail }, internal: detail };
}

export function fromWire(w: WireError): Error {
  return w.internal !== undefined ? new Error(w.internal) : new CallcardError(w.code, w.params);
}

export type WorkerData =
  | { role: 'head'; path: string; sheet: string | null; maxRows: number }
  | { role: 'reader'; path: string; plan: ReadPlan; cancel: SharedArrayBuffer; batchSize: number; maxInFlight: number }
  | { role: 'writer'; dbFile: string; options: WriterOptionsWire; cancel: SharedArrayBuffer };

/** WriterOptions with the clock as an ISO string. */
export type WriterOptionsWire = Omit<WriterOptions, 'now'> & { now: string };

/** Reader -> core. */
export type ReaderToCore =
  | { type: 'progress'; bytes: number; rows: number }
  | { type: 'read-done'; result: ReadResult }
  | { type: 'error'; error: WireError };

/** Reader -> writer (over a MessagePort). */
export type ReaderToWriter = { type: 'batch'; batch: RowBatch } | { type: 'end'; meta: RunMeta; dataRows: number } | { type: 'abort' };

/** Writer -> reader: a batch was written (back-pressure). */
export type WriterToReader = { type: 'ack' };

/** Writer -> core. */
export type WriterToCore =
  | { type: 'written'; rows: number }
  | { type: 'done'; result: WriteResult; dataRows: number }
  | { type: 'cancelled' }
  | { type: 'aborted' }
  | { type: 'error'; error: WireError };

export type HeadToCore = { type: 'head'; head: FileHead } | { type: 'error'; error: WireError };
