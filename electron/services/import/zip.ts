/**
 * Checks an XLSX (a ZIP) is whole before the streaming reader sees it: every entry the central
 * directory lists must inflate to its recorded size and CRC-32. exceljs' streaming reader can wait
 * forever on a damaged entry, and would import the rows of a cut-off file up to the cut; this pass
 * turns both into a clear "damaged / incomplete file" message instead. Streams, so memory stays flat.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { CallcardError } from '../../../shared/errors';

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
}

const damaged = (detail: string) => new CallcardError('import_xlsx_damaged', { detail });

async function readAt(fh: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory's entries (throws when the file has none, or it is cut off). */
async function centralDirectory(path: string, size: number): Promise<Entry[]> {
  const fh = await open(path, 'r');
  try {
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new CallcardError('import_xlsx_truncated');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64 (files beyond 4 GB or 65,535 entries) is not what a shop export is; leave it to the reader.
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return [];
    if (cdOffset + cdSize > size) throw new CallcardError('import_xlsx_truncated');
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries: Entry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw damaged('central directory');
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      entries.push({
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressed: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    // Where each entry's data starts: after its local header.
    for (const e of entries) {
      const local = await readAt(fh, e.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw damaged(e.name);
      e.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (e.localOffset + e.compressed > size) throw new CallcardError('import_xlsx_truncated');
    }
    return entries;
  } finally {
    await fh.close();
  }
}

async function checkEntry(path: string, e: Entry): Promise<void> {
  if (e.method !== 0 && e.method !== 8) throw damaged(`${e.name}: method ${e.method}`);
  if (e.compressed === 0) {
    if (e.size === 0) return;
    throw damaged(e.name);
  }
  let crc = 0;
  let length = 0;
  await new Promise<void>((resolve, reject) => {
    const raw = createReadStream(path, { start: e.localOffset, end: e.localOffset + e.compressed - 1 });
    const data = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    const fail = (err: unknown) => {
      raw.destroy();
      data.destroy();
      reject(err instanceof CallcardError ? err : damaged(e.name));
    };
    raw.on('error', fail);
    data.on('error', fail);
    data.on('data', (chunk: Buffer) => {
      length += chunk.length;
      // Guards against a "zip bomb": an entry inflating past its recorded size stops at once.
      if (length > e.size) fail(damaged(e.name));
      else crc = crc32(chunk, crc);
    });
    data.on('end', resolve);
  });
  if (length !== e.size || crc >>> 0 !== e.crc >>> 0) throw damaged(e.name);
}

/** Throws import_xlsx_truncated / import_xlsx_damaged unless every entry of the ZIP reads back exactly. */
export async function verifyZip(path: string, size: number): Promise<void> {
  try {
    for (const e of await centralDirectory(path, size)) await checkEntry(path, e);
  } catch (err) {
    if (err instanceof CallcardError) throw err;
    throw damaged(err instanceof Error ? err.message : String(err));
  }
}
