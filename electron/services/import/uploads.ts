/**
 * Files on their way into an import. The browser and the Electron window send an export in
 * chunks (a request body carries a few MB at most); the chunks land in a file in the data folder,
 * so a 500,000-row export never sits in memory. The CLI registers a file on disk by its path.
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { uuidv7 } from '../ids';
import { CallcardError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { MAX_IMPORT_BYTES } from './source';

export interface Upload {
  id: string;
  fileName: string;
  path: string;
  size: number;
  received: number;
  /** Our own copy in the uploads folder (deleted after a successful import), or the user's file. */
  owned: boolean;
  createdAt: number;
}

/** Upload files older than this are removed when a new upload begins. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export class Uploads {
  private readonly uploads = new Map<string, Upload>();
  readonly dir: string;

  constructor(db: Db) {
    // The store's own folder: `callcard.db` lives in the data directory.
    const base = db.name && db.name !== ':memory:' ? dirname(resolve(db.name)) : tmpdir();
    this.dir = join(base, 'uploads');
  }

  begin(fileName: string, size: number): Upload {
    if (size >= MAX_IMPORT_BYTES) throw new CallcardError('import_too_large');
    if (size === 0) throw new CallcardError('import_empty_file');
    mkdirSync(this.dir, { recursive: true });
    this.prune();
    const id = uuidv7();
    const upload: Upload = { id, fileName, path: join(this.dir, `${id}.upload`), size, received: 0, owned: true, createdAt: Date.now() };
    writeFileSync(upload.path, new Uint8Array());
    this.uploads.set(id, upload);
    return upload;
  }

  append(id: string, offset: number, chunk: Buffer): number {
    const u = this.get(id, { complete: false });
    // A retried chunk must not be written twice, and nothing may go past the announced size.
    if (offset !== u.received) throw new CallcardError('upload_out_of_order', { expected: u.received, offset });
    if (u.received + chunk.length > u.size) throw new CallcardError('upload_too_long', { size: u.size });
    appendFileSync(u.path, chunk);
    u.received += chunk.length;
    return u.received;
  }

  /** A whole file given at once (the legacy base64 import). */
  fromBytes(fileName: string, bytes: Uint8Array): Upload {
    if (bytes.length === 0) throw new CallcardError('import_empty_file');
    const u = this.begin(fileName, bytes.length);
    this.append(u.id, 0, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return u;
  }

  /** A file on disk, read where it is (the CLI). */
  fromPath(path: string, fileName: string): Upload {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new CallcardError('file_unreadable', { file: path });
    }
    if (size >= MAX_IMPORT_BYTES) throw new CallcardError('import_too_large');
    const u: Upload = { id: uuidv7(), fileName, path, size, received: size, owned: false, createdAt: Date.now() };
    this.uploads.set(u.id, u);
    return u;
  }

  get(id: string, opts: { complete: boolean } = { complete: true }): Upload {
    const u = this.uploads.get(id);
    if (!u) throw new CallcardError('upload_not_found');
    if (opts.complete && u.received !== u.size) throw new CallcardError('upload_incomplete', { received: u.received, size: u.size });
    return u;
  }

  /** Forgets an upload and removes our copy of it. */
  discard(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    if (u.owned) rmSync(u.path, { force: true });
  }

  private prune(): void {
    const now = Date.now();
    for (const u of [...this.uploads.values()]) if (now - u.createdAt > KEEP_MS) this.discard(u.id);
    // Leftovers of an earlier run of the app.
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      try {
        if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
      } catch {
        // Gone already.
      }
    }
  }

  discardAll(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
  }
}
