import iconv from 'iconv-lite';
import { CallcardError } from '../../../shared/errors';

export type FileKind = 'xlsx' | 'text';

/** Tells a spreadsheet from text by its bytes, not its name; refuses what we cannot read. */
export function sniffFile(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw new CallcardError('import_empty_file');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new CallcardError('import_xls_unsupported');
  }
  return 'text';
}

/**
 * Decodes a text export: UTF-8 (with or without BOM), UTF-16 (by BOM), otherwise GB18030 (a
 * superset of GBK, which Chinese Excel writes by default). Binary content is refused.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf-16be' };
  const head = buf.subarray(0, 8192);
  let controls = 0;
  for (const b of head) if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  if (controls > 0 && controls / head.length > 0.01) throw new CallcardError('import_not_text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
}
