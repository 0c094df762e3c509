/**
 * Fuzz: generated malformed files (deterministic seed) through the importer. Whatever comes in,
 * the importer never crashes, never writes part of a failed file, and explains every failure with
 * a translated CallcardError; a file it can read has every data row accounted for.
 */
import iconv from 'iconv-lite';
import { expect, test } from 'vitest';
import type { IntakeSummary } from '../../shared/contracts/intake';
import { CallcardError } from '../../shared/errors';
import { Rng } from '../../electron/services/demo/generate';
import type { Db } from '../../electron/services/db/open';
import { buildCsv, openReadyStore } from '../helpers/store';
import { DOUYIN_HEADER, douyinCells, workbook } from '../helpers/intake';

const FILES = 1200;
const SEED = 20261120;

const AWKWARD = [
  '', ' ', '"', '""', ',', '\t', '\r\n', '\n', '\u0000', '\uFEFF', '=1+1', '+86 138-0013-8000', '１３８００１３８０００', '0086 13800138000',
  '138001380', '010-6552 9988', '¥99', '99元', '1,299.5', '-5', '99.999', '免费', '2026/11/20 10:05', '46346.42', '2026-02-30',
  '1700000000', '已取消', '未付款', '拒收', '退回', '风控拦截', '货到付款', '在线支付', '比特币', 'x'.repeat(1500), '\uD800', '😀',
];
const HEADERS = [...DOUYIN_HEADER, '订单编号', '收货人', '联系电话', '金额', 'amount', 'phone', 'order_no', '运单号', '物流状态', '??', ''];

function validCsv(rng: Rng, rows: number): string {
  return buildCsv([[...DOUYIN_HEADER], ...Array.from({ length: rows }, (_, i) => douyinCells({ orderNo: `Z${rng.int(0, 400)}-${i}` }))]);
}

function randomBytes(rng: Rng, n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
}

function flip(rng: Rng, bytes: Buffer, flips: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < flips && out.length; i++) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
  return out;
}

function awkwardCsv(rng: Rng): string {
  const width = rng.int(1, 18);
  const header = Array.from({ length: width }, () => rng.pick(HEADERS));
  const rows = Array.from({ length: rng.int(0, 12) }, () => Array.from({ length: rng.int(0, width + 3) }, () => rng.pick(AWKWARD)));
  return buildCsv([header, ...rows], { delimiter: rng.pick([',', '\t', ';', '|']) });
}

type Maker = (rng: Rng, xlsx: Buffer) => Buffer;

const MAKERS: [string, Maker][] = [
  ['random bytes', (rng) => randomBytes(rng, rng.int(0, 3000))],
  ['truncated CSV', (rng) => {
    const b = Buffer.from(validCsv(rng, 20));
    return b.subarray(0, rng.int(0, b.length));
  }],
  ['CSV with flipped bytes', (rng) => flip(rng, Buffer.from(validCsv(rng, 15)), rng.int(1, 40))],
  ['awkward cells', (rng) => Buffer.from(awkwardCsv(rng))],
  ['awkward cells in GBK', (rng) => iconv.encode(awkwardCsv(rng), 'gbk')],
  ['UTF-8 header, GBK rows', (rng) => Buffer.concat([Buffer.from(`${DOUYIN_HEADER.join(',')}\r\n`), iconv.encode(validCsv(rng, 5).split('\r\n').slice(1).join('\r\n'), 'gbk')])],
  ['UTF-16 BOM and noise', (rng) => Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(rng, rng.int(0, 400))])],
  ['a quote never closed', (rng) => Buffer.from(`${validCsv(rng, 3)}Z9,"张三,13800138000\r\n${validCsv(rng, 3)}`)],
  ['NUL bytes in text', (rng) => {
    const b = Buffer.from(validCsv(rng, 8));
    for (let i = 0; i < rng.int(1, 200); i++) b[rng.int(0, b.length - 1)] = 0;
    return b;
  }],
  ['only separators', (rng) => Buffer.from(Array.from({ length: rng.int(1, 300) }, () => rng.pick([',', '\r\n', '\n', '"', ' ', '\t', ';'])).join(''))],
  ['a BOM and little else', (rng) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rng.pick(['', '\r\n', ',', '"']))])],
  ['truncated XLSX', (rng, xlsx) => xlsx.subarray(0, rng.int(0, xlsx.length - 1))],
  ['XLSX with flipped bytes', (rng, xlsx) => flip(rng, xlsx, rng.int(1, 20))],
  ['zip signature and noise', (rng) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(rng, rng.int(0, 500))])],
  ['OLE signature', (rng) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), randomBytes(rng, rng.int(0, 100))])],
  ['an overlong line', (rng) => Buffer.from(`${DOUYIN_HEADER.join(',')}\r\nZ1,${'长'.repeat(rng.int(1000, 5000))},13800138000\r\n`)],
];

/** Row counts of every table: equal before and after means nothing was written. */
function fingerprint(db: Db): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  return tables.map((t) => `${t}:${(db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n}`).join(' ');
}

test(`${FILES} malformed files: no crash, no partial write, every failure explained in words`, async () => {
  const store = await openReadyStore();
  const rng = new Rng(SEED);
  const xlsx = await workbook([{ name: '订单', title: '订单导出', rows: [[...DOUYIN_HEADER], ...Array.from({ length: 5 }, (_, i) => douyinCells({ orderNo: `XL${i}` }))] }]);
  const outcomes = new Map<string, number>();
  for (let i = 0; i < FILES; i++) {
    const [kind, make] = MAKERS[i % MAKERS.length];
    const bytes = make(rng, xlsx);
    const before = fingerprint(store.db);
    let summary: IntakeSummary;
    try {
      summary = (await store.call('importOrders', { fileName: `fuzz-${i}.csv`, contentBase64: bytes.toString('base64') })) as IntakeSummary;
    } catch (e) {
      if (!(e instanceof CallcardError)) throw new Error(`file ${i} (${kind}) failed without explanation: ${String(e)}`, { cause: e });
      const message = store.core.t(`errors.${e.code}`, e.params);
      expect(message, `file ${i} (${kind}): ${e.code}`).not.toBe(`errors.${e.code}`);
      expect(e.code, `file ${i} (${kind})`).not.toBe('internal');
      expect(fingerprint(store.db), `file ${i} (${kind}) failed with ${e.code} but wrote`).toBe(before);
      outcomes.set(e.code, (outcomes.get(e.code) ?? 0) + 1);
      continue;
    }
    expect(summary.created + summary.updated + summary.unchanged + summary.rejectedCount, `file ${i} (${kind})`).toBe(summary.totalRows);
    for (const r of summary.rejected) expect(r.reason, `file ${i} (${kind})`).not.toMatch(/^intake\.reasons\./);
    outcomes.set('imported', (outcomes.get('imported') ?? 0) + 1);
  }
  // The generators reach both sides: files read (with rows rejected) and files refused for many reasons.
  expect(outcomes.get('imported')).toBeGreaterThan(50);
  expect([...outcomes.keys()].length).toBeGreaterThan(8);
}, 120_000);
