/**
 * Helpers for intake tests: upload a file in chunks through the contract (as the import screen
 * does), preview it, import it with a mapping and wait for the end by long-polling the progress.
 */
import ExcelJS from 'exceljs';
import type { ImportPreview, ImportProgress } from '../../shared/contracts/intake';
import type { ImportField, ImportKind } from '../../shared/intake';
import type { Db } from '../../electron/services/db/open';
import { buildCsv, dumpStore, type TestStore } from './store';

/** Sends a file in chunks (small by default, so that tests cross chunk boundaries). */
export async function uploadFile(store: TestStore, fileName: string, content: string | Uint8Array, chunkBytes = 4096): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const { uploadId } = await store.call('beginUpload', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await store.call('appendUpload', { uploadId, offset, chunkBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  return uploadId;
}

/** Waits for an import to end by long-polling its progress (no sleeps). */
export async function waitForImport(store: TestStore, importId: string): Promise<ImportProgress> {
  for (;;) {
    const p = await store.call('importProgress', { importId, waitMs: 5000 });
    if (p.state !== 'running') return p;
  }
}

export type Mapping = Partial<Record<ImportField, number>>;

/** The mapping a preview suggests. */
export function mappingOf(preview: ImportPreview): Mapping {
  const m: Mapping = {};
  for (const c of preview.columns) if (c.field) m[c.field] = c.index;
  return m;
}

/** Upload, preview, import with the suggested mapping (or one given), and wait for the end. */
export async function importThroughScreen(
  store: TestStore,
  fileName: string,
  content: string | Uint8Array,
  opts: { mapping?: Mapping; kind?: ImportKind; sheet?: string | null; headerRow?: number; saveProfile?: string } = {},
): Promise<{ preview: ImportPreview; progress: ImportProgress }> {
  const uploadId = await uploadFile(store, fileName, content);
  const preview = await store.call('previewImport', { uploadId, sheet: opts.sheet, kind: opts.kind, headerRow: opts.headerRow });
  const started = await store.call('startImport', {
    uploadId,
    kind: opts.kind ?? preview.kind,
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    mapping: opts.mapping ?? mappingOf(preview),
    saveProfile: opts.saveProfile,
  });
  return { preview, progress: await waitForImport(store, started.importId) };
}

/** Imports and returns the summary, failing the test when the import did not finish. */
export async function importSummary(store: TestStore, fileName: string, content: string | Uint8Array, opts: Parameters<typeof importThroughScreen>[3] = {}) {
  const { progress } = await importThroughScreen(store, fileName, content, opts);
  if (progress.state !== 'done' || !progress.summary) throw new Error(`import ${progress.state}: ${JSON.stringify(progress.error)}`);
  return progress.summary;
}

/** The store and the intake's own tables: equal dumps mean an import left nothing behind. */
export function dumpAll(db: Db): Record<string, unknown[]> {
  const out = dumpStore(db);
  for (const t of ['import_profiles', 'import_runs']) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  out.import_rejections = db.prepare('SELECT * FROM import_rejections ORDER BY run_id, row').all();
  return out;
}

// ---------- a 抖音小店-style export ----------

export const DOUYIN_HEADER = ['订单号', '收件人姓名', '收件人手机', '省', '市', '区', '详细地址', '商品', '规格', '商品数量', '订单应付金额', '支付方式', '订单提交时间', '订单状态'] as const;

export interface DouyinRow {
  orderNo: string;
  name?: string;
  phone?: string;
  province?: string;
  city?: string;
  district?: string;
  address?: string;
  product?: string;
  spec?: string;
  quantity?: string;
  amount?: string;
  payment?: string;
  orderedAt?: string;
  status?: string;
}

export function douyinCells(r: DouyinRow): string[] {
  return [
    r.orderNo,
    r.name ?? '张秀英',
    r.phone ?? '138-0013-8000',
    r.province ?? '河南省',
    r.city ?? '郑州市',
    r.district ?? '金水区',
    r.address ?? '花园路街道农业路38号3单元502',
    r.product ?? '晚安冻膜',
    r.spec ?? '5盒装',
    r.quantity ?? '1',
    r.amount ?? '￥99.00',
    r.payment ?? '货到付款',
    r.orderedAt ?? '2026/11/20 09:15',
    r.status ?? '待发货',
  ];
}

export function douyinCsv(rows: DouyinRow[], header: readonly string[] = DOUYIN_HEADER): string {
  return buildCsv([[...header], ...rows.map(douyinCells)]);
}

// ---------- courier status files ----------

export const COURIER_HEADER = ['运单号', '订单号', '物流状态', '状态时间', '原因', '快递公司'] as const;

export interface CourierRow {
  waybill?: string;
  orderNo?: string;
  status: string;
  at?: string;
  reason?: string;
  courier?: string;
  /** Written only under COURIER_HEADER_WITH_STATION. */
  station?: string;
}

/** A courier file that also names where a parcel waits (自提点). */
export const COURIER_HEADER_WITH_STATION = [...COURIER_HEADER, '自提点'] as const;

export function courierCsv(rows: CourierRow[], header: readonly string[] = COURIER_HEADER): string {
  const withStation = header.length > COURIER_HEADER.length;
  return buildCsv([
    [...header],
    ...rows.map((r) => [
      r.waybill ?? '', r.orderNo ?? '', r.status, r.at ?? '', r.reason ?? '', r.courier ?? '中通快递', ...(withStation ? [r.station ?? ''] : []),
    ]),
  ]);
}

/** An XLSX workbook: sheets of rows, an optional title row (merged across) above each. */
export async function workbook(sheets: { name: string; title?: string; rows: unknown[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.title) {
      ws.addRow([s.title]);
      ws.mergeCells(1, 1, 1, Math.max(1, ...s.rows.map((r) => r.length)));
    }
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
