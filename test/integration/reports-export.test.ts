/**
 * The daily outcome sheet as files, read back: the XLSX with exceljs (cells checked against the KPI
 * functions, number formats, frozen header, widths, title), the CSV as bytes (BOM, UTF-8, formula
 * escaping, masking), in Chinese and English, through the contract and the CLI.
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportResult } from '../../shared/contracts/reports';
import { translator } from '../../shared/i18n';
import { byAgent, sheetKpis, type SheetKpis } from '../../shared/kpi/definitions';
import { periodBounds } from '../../shared/kpi/period';
import { SUMMARY_LINES } from '../../shared/reports/sheet';
import { runCli } from '../../electron/services/cli/main';
import { callFacts } from '../../electron/services/reports/facts';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import { addAgent, callAt, DAY, HYPERLINK_NAME, PREVIOUS_DAY, seedOrder, seedReportDay, type ReportDay } from '../helpers/reports';
import { openReadyStore, tempDataDir } from '../helpers/store';

let day: ReportDay;
let kpis: SheetKpis;
let previous: SheetKpis;

beforeAll(async () => {
  day = await seedReportDay();
  const d = await day.store.call('dashboard', { from: DAY });
  kpis = d.current;
  previous = d.previous;
});
afterAll(() => day?.close());

async function workbook(r: ExportResult): Promise<ExcelJS.Workbook> {
  expect(r.files).toHaveLength(1);
  expect(r.files[0].fileName).toBe(`callcard-daily-${DAY}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** A number as Excel stores it: exceljs reads cells with a date/time format back as Dates. */
function num(v: ExcelJS.CellValue | undefined): number | string | null | undefined {
  if (v instanceof Date) return (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  return v as number | string | null | undefined;
}

/** What a KPI value becomes in the workbook: yuan, days, fractions; "—" when it divides by zero. */
function asStored(value: number | null, kind: string): number | string {
  if (value === null) return '—';
  if (kind === 'money') return value / 100;
  if (kind === 'duration') return value / 86_400_000;
  return value;
}

const FORMATS: Record<string, string> = { count: '#,##0', money: '"¥"#,##0.00', percent: '0.0%', duration: '[h]:mm:ss' };

describe('XLSX', () => {
  it('every sheet named in the exporting language, each with the title, a frozen header and widths', async () => {
    const r = await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' });
    expect(r.masked).toBe(true);
    expect(r.calls).toBe(13); // 12 calls + V1's in-call upsell row
    const wb = await workbook(r);
    // One day: no by-day sheet (the day is the summary).
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按坐席', '按业务', '按商品', '按来源', '通话明细', '原因统计']);
    for (const ws of wb.worksheets) {
      const title = String(ws.getCell('A1').value);
      expect(title).toContain(DAY);
      expect(title).toContain('Asia/Shanghai');
      expect(title).toContain('好物优选旗舰店');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getCell('A2').font?.bold).toBe(true);
      expect(ws.columns.every((c) => (c.width ?? 0) >= 6)).toBe(true);
    }
  });

  it('summary: every line, its value and the previous period’s, as the KPI functions compute them, in its number format', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const ws = wb.getWorksheet('汇总')!;
    const t = translator('zh-CN');
    // Each period's column says which days it holds (a CSV has no title row to say it).
    expect(ws.getRow(2).values).toEqual([undefined, '板块', '指标', `本期（${DAY}）`, '上期（2026-11-19）', '口径']);
    SUMMARY_LINES.forEach((line, i) => {
      const row = ws.getRow(3 + i);
      expect(row.getCell(2).value, line.key).toBe(t(`kpi.lines.${line.key}`));
      const value = row.getCell(3);
      const prev = row.getCell(4);
      if (line.get(kpis) === null) expect(value.value, line.key).toBe('—');
      else expect(num(value.value), line.key).toBeCloseTo(asStored(line.get(kpis), line.kind) as number, 9);
      if (line.get(previous) === null) expect(prev.value, line.key).toBe('—');
      else expect(num(prev.value), line.key).toBeCloseTo(asStored(line.get(previous), line.kind) as number, 9);
      if (line.get(kpis) !== null) expect(value.numFmt, line.key).toBe(FORMATS[line.kind]);
      expect(row.getCell(5).value, line.key).toBe(t(`kpi.defs.${line.key}`));
    });
    // A few by hand, as a lead reads them.
    const byKey = (key: string) => ws.getRow(3 + SUMMARY_LINES.findIndex((l) => l.key === key));
    expect(byKey('calls').getCell(3).value).toBe(12);
    expect(byKey('reachedRate').getCell(3).value).toBeCloseTo(8 / 12, 12);
    expect(byKey('addedRevenue').getCell(3).value).toBe(70); // ¥70.00
    expect(byKey('totalOrdered').getCell(3).value).toBe(1021); // ¥1,021.00
    expect(byKey('avgTalkTime').getCell(4).value).toBe('—'); // the day before had no dialled call
  });

  it('by agent and by flow: the per-agent and per-flow numbers', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const facts = callFacts(day.store.db, periodBounds({ from: DAY, to: DAY }, 'Asia/Shanghai'), {});
    expect(sheetKpis({ calls: facts, orders: [], shipments: [], riskRejections: [], freightFen: 1200 }).volume).toEqual(kpis.volume);
    const agents = byAgent(facts, [], 1200);
    const ws = wb.getWorksheet('按坐席')!;
    const names = new Map([[day.leadId, '王小丽'], [day.agentId, '李娜']]);
    const all = [3, 4, 5].map((r) => ws.getRow(r)).filter((r) => r.getCell(1).value);
    // Busiest first: 7 calls, then 5; then the team's total, as the other breakdowns have.
    expect(all.map((r) => r.getCell(1).value)).toEqual(['王小丽', '李娜', '合计']);
    expect(all[2].getCell(2).value).toBe(kpis.volume.calls);
    const rows = all.slice(0, 2);
    for (const row of rows) {
      const a = agents.find((x) => names.get(x.agentId) === row.getCell(1).value)!;
      expect(row.getCell(2).value).toBe(a.volume.calls);
      expect(row.getCell(3).value).toBe(a.volume.reached);
      expect(row.getCell(4).value).toBeCloseTo(a.volume.reachedRate!, 12);
      expect(row.getCell(4).numFmt).toBe('0.0%');
      // Read back as a Date, so to the millisecond: 5e-8 of a day is 4 ms.
      expect(num(row.getCell(6).value)).toBeCloseTo(a.volume.avgHandleMs! / 86_400_000, 7);
      expect(row.getCell(7).value).toBe(a.verify.verified);
      expect(row.getCell(13).value).toBe(a.upsell.addedRevenueFen / 100);
      expect(row.getCell(13).numFmt).toBe('"¥"#,##0.00');
      expect(row.getCell(19).value).toBe(a.attributed.refused);
    }
    // The lead rejected the high-risk order: their row counts it.
    expect(ws.getRow(3).getCell(9).value).toBe(1);
    const flows = wb.getWorksheet('按业务')!;
    // Verify: V1, V2, V3 ×4 = 6 calls, 2 reached; 90 s talk; (120 + 120 + 4 × 30) ÷ 6 = 60 s handling;
    // 6 outcomes on 3 orders, 2 verified: 2 ÷ 3.
    // Rate base 3 orders; and each row says what its success, rate and amount are.
    expect((flows.getRow(3).values as ExcelJS.CellValue[]).map(num)).toEqual([
      undefined, '核单', 6, 2, 2 / 6, 90 / 86_400, 60 / 86_400, 6, 3, 2, 3, 2 / 3, 0,
      '成功 = 确认无误 + 确认并修改信息；成功率 = 成功 ÷ 订单数（本期打过核单电话的不同订单）；金额：无',
    ]);
    // Upsell: one call of its own (U1); two outcomes, with V1's in-call one, both offers; 1 taken ÷ 2
    // offers = the take rate; ¥70.00 added.
    expect((flows.getRow(4).values as ExcelJS.CellValue[]).slice(0, 5)).toEqual([undefined, '加单', 1, 1, 1]);
    expect([7, 8, 9, 10, 11, 12].map((c) => flows.getRow(4).getCell(c).value)).toEqual([2, 2, 1, 2, kpis.upsell.takeRate, 70]);
    expect(String(flows.getRow(4).getCell(13).value)).toContain('加单成功率 = 加单成功 ÷ 加单推荐');
    // Recover: R1 won back of 2 leads; the amount is the won-back revenue (¥169.00), as in the summary.
    expect([11, 12].map((c) => flows.getRow(5).getCell(c).value)).toEqual([kpis.recover.rate, kpis.recover.revenueFen / 100]);
  });

  it('by agent and by flow: every figure’s definition is listed under the rows', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const t = translator('zh-CN');
    const definitions = (ws: ExcelJS.Worksheet) => {
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((r) => rows.push(r));
      const at = rows.findIndex((r) => r.getCell(1).value === '口径');
      expect(at, ws.name).toBeGreaterThan(1);
      // An empty row between the table and its definitions.
      expect(rows[at - 1].number, ws.name).toBeLessThan(rows[at].number - 1);
      return new Map(rows.slice(at + 1).map((r) => [r.getCell(1).value, r.getCell(2).value]));
    };
    const byAgentDefs = definitions(wb.getWorksheet('按坐席')!);
    const headers = (wb.getWorksheet('按坐席')!.getRow(2).values as string[]).slice(2);
    expect([...byAgentDefs.keys()]).toEqual(['合计', ...headers]);
    expect(byAgentDefs.get('加单成功率')).toBe(t('kpi.defs.takeRate'));
    const byFlowDefs = definitions(wb.getWorksheet('按业务')!);
    expect(byFlowDefs.get('成功率')).toBe(t('reports.colDefs.successRate'));
    expect(byFlowDefs.get('成功率分母')).toBe(t('reports.colDefs.rateBase'));
    expect(byFlowDefs.get('接通量')).toBe(t('kpi.defs.reached'));
  });

  it('calls: every call with order, outcome, reason, script path and talk time; contacts masked', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const ws = wb.getWorksheet('通话明细')!;
    expect(ws.rowCount).toBe(2 + 13);
    const header = ws.getRow(2).values as string[];
    const col = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: 13 }, (_, i) => ws.getRow(3 + i));
    const v1 = rows.filter((r) => r.getCell(col('订单编号')).value === 'V1');
    expect(v1.map((r) => [r.getCell(col('结果')).value, r.getCell(col('同一通话')).value])).toEqual([
      ['确认无误', null],
      ['加单成功', '是'],
    ]);
    const first = v1[0];
    // Steps by their titles in the pack the call followed.
    expect(first.getCell(col('话术路径')).value).toBe('问好，确认本人 → 复述地址 → confirm_address');
    expect(num(first.getCell(col('通话时长')).value)).toBeCloseTo(90 / 86_400, 12); // 90 s
    // The upsell made on that call has no time of its own: summing the column counts the call once.
    expect([v1[1].getCell(col('通话时长')).value, v1[1].getCell(col('处理时长')).value]).toEqual([null, null]);
    expect(first.getCell(col('通话时长')).numFmt).toBe('[h]:mm:ss');
    // The time is the business clock's (10:00 in Shanghai), whatever the reader's zone.
    expect((first.getCell(col('时间')).value as Date).toISOString()).toBe(`${DAY}T10:00:00.000Z`);
    expect(first.getCell(col('时间')).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const v2 = rows.find((r) => r.getCell(col('订单编号')).value === 'V2')!;
    expect(v2.getCell(col('电话')).value).toBe('139****5678');
    // The customer called in for V2; V1's calls were ours.
    expect([v2.getCell(col('客户来电')).value, first.getCell(col('客户来电')).value]).toEqual(['是', null]);
    expect(v2.getCell(col('地址')).value).toBe('河南省郑州市金水区****');
    // A name that looks like a formula is plain text in a workbook (no formula cell).
    expect(v2.getCell(col('收货人')).value).toBe(HYPERLINK_NAME);
    expect(v2.getCell(col('收货人')).type).toBe(ExcelJS.ValueType.String);
    const r2 = rows.find((r) => r.getCell(col('订单编号')).value === 'R2')!;
    expect(r2.getCell(col('原因')).value).toBe('找到更便宜的');
    const t2 = rows.find((r) => r.getCell(col('订单编号')).value === 'T2')!;
    expect(t2.getCell(col('金额')).value).toBe(5);
    expect(t2.getCell(col('金额')).numFmt).toBe('"¥"#,##0.00');
    const exhausted = rows.filter((r) => r.getCell(col('重拨用尽')).value === '是');
    expect(exhausted.map((r) => r.getCell(col('订单编号')).value)).toEqual(['V3']);
  });

  it('reasons: each list’s tally with shares', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const ws = wb.getWorksheet('原因统计')!;
    const rows = [3, 4, 5].map((r) => ws.getRow(r).values);
    expect(rows).toEqual([
      [undefined, '流失原因', '找到更便宜的', 1, 1, 0],
      [undefined, '拒收原因', '快递员态度', 1, 1, 0],
      [undefined, '加单拒绝原因', '太贵', 1, 1, 0],
    ]);
  });

  it('in English: sheet names, headers and labels', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx', lang: 'en' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By agent', 'By flow', 'By product', 'By source', 'Calls', 'Reasons']);
    expect(String(wb.getWorksheet('Summary')!.getCell('A1').value)).toContain('business time zone Asia/Shanghai');
    expect(wb.getWorksheet('Summary')!.getCell('B3').value).toBe('Calls');
    expect(wb.getWorksheet('Calls')!.getRow(2).getCell(1).value).toBe('Time');
  });
});

const decode = (b64: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(b64, 'base64'));
/** One sheet's CSV of an export, by the file name's sheet part. */
const csvOf = (r: ExportResult, part: string) => decode(r.files.find((f) => f.fileName.endsWith(`-${part}.csv`))!.contentBase64);

describe('CSV', () => {
  it('one file per sheet, UTF-8 with a BOM, Chinese intact, formulas made inert, contacts masked', async () => {
    const r = await day.store.call('exportDaily', { filters: { from: DAY }, format: 'csv' });
    expect(r.files.map((f) => f.fileName)).toEqual(
      ['summary', 'by-agent', 'by-flow', 'by-product', 'by-source', 'calls', 'reasons'].map((s) => `callcard-daily-${DAY}-${s}.csv`),
    );
    for (const f of r.files) {
      const bytes = Buffer.from(f.contentBase64, 'base64');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(f.type).toBe('text/csv;charset=utf-8');
    }
    const calls = csvOf(r, 'calls');
    expect(calls.startsWith('\uFEFF时间,坐席,业务,')).toBe(true);
    const lines = calls.split('\r\n');
    expect(lines).toHaveLength(2 + 13); // header, 13 rows, and the empty string after the last CRLF
    const v2 = lines.find((l) => l.includes(',V2,'))!;
    // The name that would run as a formula starts with an apostrophe, quoted because of its commas.
    expect(v2).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我"")",`);
    expect(v2).toContain(',139****5678,河南省郑州市金水区****,土蜂蜜,快手,确认并修改信息,是,');
    expect(v2).not.toContain('13912345678');
    const summary = decode(r.files[0].contentBase64).split('\r\n');
    // A CSV has no title row: the period columns' headers carry the dates.
    expect(summary[0]).toBe(`\uFEFF板块,指标,本期（${DAY}）,上期（2026-11-19）,口径`);
    expect(summary[1]).toBe('通话,通话量,12,1,记录的通话结果数；通话中顺带的加单、回访通话中顺带记下的结果不另算一通');
    expect(summary.find((l) => l.startsWith('通话,接通率,'))).toBe('通话,接通率,66.7%,100.0%,接通量 ÷ 通话量');
    expect(summary.find((l) => l.startsWith('通话,平均通话时长,'))).toBe('通话,平均通话时长,0:01:30,—,通话总时长 ÷ 有拨号时间的通话数');
    expect(summary.find((l) => l.startsWith('加单,加单增加金额,'))).toBe('加单,加单增加金额,70.00,0.00,加单成功增加的订单金额之和');
  });

  it('one sheet on request; full contact details for a lead when the settings allow', async () => {
    await day.store.call('updateReportSettings', { patch: { fullContactForLeads: true } });
    try {
      const r = await day.store.call('exportDaily', { filters: { from: DAY, product: '土蜂蜜' }, format: 'csv', sheet: 'calls', lang: 'en' });
      expect(r.masked).toBe(false);
      // Cut by product: the file says so.
      expect(r.files.map((f) => f.fileName)).toEqual([`callcard-daily-${DAY}-土蜂蜜-calls.csv`]);
      const text = decode(r.files[0].contentBase64);
      expect(text.startsWith('\uFEFFTime,Agent,Flow,')).toBe(true);
      expect(text).toContain(',13912345678,河南省郑州市金水区花园路38号3单元602,');
    } finally {
      await day.store.call('updateReportSettings', { patch: { fullContactForLeads: false } });
    }
  });
});

describe('a day without calls', () => {
  it('still opens, and its calls, by-agent and reasons sheets say there was nothing, in the sheet’s language', async () => {
    const empty = '2026-11-01';
    const wb = new ExcelJS.Workbook();
    const r = await day.store.call('exportDaily', { filters: { from: empty, to: '2026-11-07' }, format: 'xlsx' });
    expect(r.calls).toBe(0);
    await wb.xlsx.load(Buffer.from(r.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('通话明细')!.getCell('A3').value).toBe('本时段没有通话记录');
    expect(wb.getWorksheet('按坐席')!.getCell('A3').value).toBe('本时段没有通话记录');
    expect(wb.getWorksheet('原因统计')!.getCell('A3').value).toBe('本时段没有记录原因');
    // A week: the previous period is the week before.
    expect(wb.getWorksheet('汇总')!.getCell('D2').value).toBe('上期（2026-10-25 – 2026-10-31）');
    const en = new ExcelJS.Workbook();
    const e = await day.store.call('exportDaily', { filters: { from: empty }, format: 'xlsx', lang: 'en' });
    await en.xlsx.load(Buffer.from(e.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(en.getWorksheet('Calls')!.getCell('A3').value).toBe('No calls in this period');
    // A CSV stays a plain table: its header and nothing else.
    const csv = await day.store.call('exportDaily', { filters: { from: empty }, format: 'csv', sheet: 'calls' });
    expect(Buffer.from(csv.files[0].contentBase64, 'base64').toString('utf8').split('\r\n')).toHaveLength(2);
  });
});

describe('two agents of one name', () => {
  it('are told apart by the end of their id wherever the sheet names them; other names stay as they are', async () => {
    const store = await openReadyStore({ agentName: '李娜' });
    const lead = store.core.ctx.db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").pluck().get() as string;
    const a = addAgent(store, '王婷', ['agent'], '019a0000-0000-7000-8000-00000000a1b2');
    const b = addAgent(store, '王婷', ['agent'], '019a0000-0000-7000-8000-000000003f2a');
    const verify = (orderNo: string) => seedOrder(store, { orderNo, status: 'pending_verify', amountFen: 9900, flow: 'verify' }).taskId!;
    callAt(store, a, verify('A1'), '10:00', { outcome: 'confirmed' });
    callAt(store, b, verify('B1'), '10:05', { outcome: 'confirmed' });
    callAt(store, b, verify('B2'), '10:10', { outcome: 'no_answer' });
    callAt(store, lead, verify('L1'), '10:15', { outcome: 'confirmed' });

    const csv = await store.call('exportDaily', { filters: { from: DAY }, format: 'csv' });
    const byAgentRows = csvOf(csv, 'by-agent').split('\r\n').slice(1, -1);
    // Busiest first: b (2 calls), then a and the lead (1 each, by name).
    expect(byAgentRows.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['王婷（3f2a）,2', '李娜,1', '王婷（a1b2）,1', '合计,4']);
    const callRows = csvOf(csv, 'calls').split('\r\n').slice(1, -1);
    expect(callRows.map((l) => [l.split(',')[1], l.split(',')[4]])).toEqual([
      ['王婷（a1b2）', 'A1'],
      ['王婷（3f2a）', 'B1'],
      ['王婷（3f2a）', 'B2'],
      ['李娜', 'L1'],
    ]);

    const r = await store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('By agent')!;
    expect([3, 4, 5].map((n) => ws.getRow(n).getCell(1).value)).toEqual(['王婷 (3f2a)', '李娜', '王婷 (a1b2)']);
    expect([3, 4, 5, 6].map((n) => wb.getWorksheet('Calls')!.getRow(n).getCell(2).value)).toEqual(['王婷 (a1b2)', '王婷 (3f2a)', '王婷 (3f2a)', '李娜']);
  });
});

describe('by product, by source and by day', () => {
  /** A sheet's rows by their first cell, each row as { header: value } (money in yuan, "—" for no value). */
  function rowsOf(ws: ExcelJS.Worksheet): Map<string, Record<string, number | string | null>> {
    const header = ws.getRow(2).values as string[];
    const out = new Map<string, Record<string, number | string | null>>();
    for (let n = 3; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const name = row.getCell(1).value;
      if (name === null || name === undefined) break;
      out.set(String(name), Object.fromEntries(header.slice(2).map((h, i) => [h, num(row.getCell(i + 2).value) ?? null])));
    }
    return out;
  }

  it('by product: one row per order’s first product, busiest first, then the total; each row is the dashboard with that product filter', async () => {
    const wb = await workbook(await day.store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx' }));
    const ws = wb.getWorksheet('按商品')!;
    expect(ws.getRow(2).getCell(1).value).toBe('商品');
    const rows = rowsOf(ws);
    // V2 is 土蜂蜜; every other order 晚安冻膜 (V1's upsell adds a second 晚安冻膜 line: still one product, its first line's).
    expect([...rows.keys()]).toEqual(['晚安冻膜', '土蜂蜜', '合计']);
    // 土蜂蜜: V2's one call, reached, corrected (so verified), refused at the door later.
    expect(rows.get('土蜂蜜')).toMatchObject({ 通话量: 1, 接通量: 1, 接通率: 1, 核单成功: 1, 其中改信息: 1, 核单后被拒收: 1, 核单后拒收率: 1, 拒单合计: 0 });
    // 晚安冻膜: the 11 other calls, and the lead's rejection of the held RR (a 晚安冻膜 order).
    expect(rows.get('晚安冻膜')).toMatchObject({ 通话量: 11, 接通量: 7, 核单成功: 1, 拒单合计: 1, 加单成功: 1, 加单增加金额: 70, 挽单成功金额: 169 });
    // The total is the summary's, and the products add up to it.
    expect(rows.get('合计')).toMatchObject({ 通话量: 12, 接通量: 8, 核单成功: 2, 拒单合计: 1 });
    for (const product of ['晚安冻膜', '土蜂蜜']) {
      const cut = (await day.store.call('dashboard', { from: DAY, product })).current;
      const row = rows.get(product)!;
      expect(row['通话量'], product).toBe(cut.volume.calls);
      expect(row['接通率'], product).toBe(cut.volume.reachedRate);
      expect(row['拒单合计'], product).toBe(cut.verify.rejected);
      expect(row['加单成功率'], product).toBe(cut.upsell.takeRate ?? '—');
      expect(row['挽单成功'], product).toBe(cut.recover.recovered);
      expect(row['异常单挽救成功'], product).toBe(cut.track.saved);
    }
    // Under the rows: what a product is, what the total is, then every figure.
    const defs: string[] = [];
    ws.eachRow((r) => defs.push(String(r.getCell(1).value)));
    expect(defs.slice(defs.indexOf('口径') + 1, defs.indexOf('口径') + 4)).toEqual(['商品', '合计', '通话量']);
  });

  it('by source: one row per order source, the same split; the title row and filters as on every sheet', async () => {
    const r = await day.store.call('exportDaily', { filters: { from: DAY }, format: 'csv', sheet: 'bySource' });
    expect(r.files.map((f) => f.fileName)).toEqual([`callcard-daily-${DAY}-by-source.csv`]);
    const lines = csvOf(r, 'by-source').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF来源,通话量,接通量,接通率,/);
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['抖音,11', '快手,1', '合计,12']);
    // Cut by a product: only that product's source is left, and its total is the cut's.
    const cut = await day.store.call('exportDaily', { filters: { from: DAY, product: '土蜂蜜' }, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(cut.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
    expect([...rowsOf(wb.getWorksheet('按来源')!).keys()]).toEqual(['快手', '合计']);
    expect(String(wb.getWorksheet('按来源')!.getCell('A1').value)).toMatch(/ · 商品：土蜂蜜$/);
  });

  it('a phone order’s source reads in the sheet’s language, never as its code', async () => {
    const store = await openReadyStore();
    const lead = store.core.ctx.db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").pluck().get() as string;
    const phone = seedOrder(store, { orderNo: 'PH1', status: 'pending_verify', amountFen: 9900, flow: 'verify', source: PHONE_ORDER_SOURCE });
    const douyin = seedOrder(store, { orderNo: 'DY1', status: 'pending_verify', amountFen: 9900, flow: 'verify', source: '抖音' });
    callAt(store, lead, phone.taskId!, '10:00', { outcome: 'confirmed' });
    callAt(store, lead, douyin.taskId!, '10:05', { outcome: 'no_answer' });
    for (const [lang, label, total] of [
      ['zh-CN', '电话下单', '合计'],
      ['zh-TW', '電話下單', '合計'],
      ['en', 'Phone order', 'Total'],
    ] as const) {
      const r = await store.call('exportDaily', { filters: { from: DAY }, format: 'csv', sheet: 'bySource', lang });
      const text = csvOf(r, 'by-source');
      expect(text, lang).not.toContain(PHONE_ORDER_SOURCE);
      // One call each (the order of a tie is the labels' order in that language), then the total.
      const rows = text.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 3).join(','));
      expect(rows.sort(), lang).toEqual([`${label},1,1`, `抖音,1,0`, `${total},2,1`].sort());
      const xlsx = await store.call('exportDaily', { filters: { from: DAY }, format: 'xlsx', lang });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
      expect([...rowsOf(wb.worksheets[4]).keys()], lang).toContain(label);
    }
  });

  it('by day: only over more than one day, one row per business day (an empty day too), then the total', async () => {
    const r = await day.store.call('exportDaily', { filters: { from: '2026-11-18', to: DAY }, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.files[0].contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按坐席', '按业务', '按商品', '按来源', '按日', '通话明细', '原因统计']);
    const rows = rowsOf(wb.getWorksheet('按日')!);
    expect([...rows.keys()]).toEqual(['2026-11-18', PREVIOUS_DAY, DAY, '合计']);
    // 11-18 nobody called; 11-19 P1 confirmed; 11-20 the day's 12 calls and the lead's rejection.
    expect(rows.get('2026-11-18')).toMatchObject({ 通话量: 0, 接通率: '—', 核单成功: 0 });
    expect(rows.get(PREVIOUS_DAY)).toMatchObject({ 通话量: 1, 核单成功: 1, 拒单合计: 0 });
    expect(rows.get(DAY)).toMatchObject({ 通话量: 12, 核单成功: 2, 拒单合计: 1 });
    expect(rows.get('合计')).toMatchObject({ 通话量: 13, 核单成功: 3, 拒单合计: 1 });
    // Each day's row is the dashboard showing that day.
    for (const d of [PREVIOUS_DAY, DAY]) {
      const board = (await day.store.call('dashboard', { from: d })).current;
      expect(rows.get(d)).toMatchObject({ 通话量: board.volume.calls, 接通量: board.volume.reached, 拒单合计: board.verify.rejected, 加单增加金额: board.upsell.addedRevenueFen / 100 });
    }
    // As CSV: one more file, in reading order; on its own, by its key.
    const csv = await day.store.call('exportDaily', { filters: { from: PREVIOUS_DAY, to: DAY }, format: 'csv' });
    expect(csv.files.map((f) => f.fileName)).toEqual(
      ['summary', 'by-agent', 'by-flow', 'by-product', 'by-source', 'by-day', 'calls', 'reasons'].map((s) => `callcard-daily-${PREVIOUS_DAY}_${DAY}-${s}.csv`),
    );
    const one = await day.store.call('exportDaily', { filters: { from: PREVIOUS_DAY, to: DAY }, format: 'csv', sheet: 'byDay', lang: 'en' });
    expect(csvOf(one, 'by-day').split('\r\n').slice(0, 4).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '\uFEFFDay,Calls',
      `${PREVIOUS_DAY},1`,
      `${DAY},12`,
      'Total,13',
    ]);
    // One day has no by-day sheet: asking for it is refused in words.
    await expect(day.store.call('exportDaily', { filters: { from: DAY }, format: 'csv', sheet: 'byDay' })).rejects.toMatchObject({ code: 'report_sheet_single_day' });
    await expect(day.store.call('exportDaily', { filters: { from: DAY, to: DAY }, format: 'csv', sheet: 'byDay' })).rejects.toMatchObject({ code: 'report_sheet_single_day' });
  });
});

describe('callcard export daily', () => {
  async function cli(...args: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      return { code: await runCli(args), out: out.join('\n') };
    } finally {
      log.mockRestore();
    }
  }

  it('writes the XLSX and the CSV files', async () => {
    const dir = tempDataDir('callcard-export-');
    const xlsx = join(dir, 'sheet.xlsx');
    const r = await cli('export', 'daily', '--date', DAY, '--format', 'xlsx', '--out', xlsx, '--data-dir', day.store.dataDir, '--json', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ files: [xlsx], calls: 13, masked: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By agent', 'By flow', 'By product', 'By source', 'Calls', 'Reasons']);

    const csv = join(dir, 'daily.csv');
    const c = await cli('export', 'daily', '--date', DAY, '--to', DAY, '--format', 'csv', '--out', csv, '--data-dir', day.store.dataDir, '--json');
    expect(c.code).toBe(0);
    const files = (JSON.parse(c.out) as { files: string[] }).files;
    expect(files).toEqual(['summary', 'by-agent', 'by-flow', 'by-product', 'by-source', 'calls', 'reasons'].map((s) => join(dir, `daily-${s}.csv`)));
    for (const f of files) expect(readFileSync(f).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    // A folder: default names inside it.
    const d = await cli('export', 'daily', '--date', DAY, '--format', 'csv', '--out', dir, '--data-dir', day.store.dataDir, '--json');
    expect(d.code).toBe(0);
    expect(existsSync(join(dir, `callcard-daily-${DAY}-calls.csv`))).toBe(true);
  });

  it('--sheet names the new sheets too; by day only with --to, in the CSV files of a range', async () => {
    const dir = tempDataDir('callcard-export-sheets-');
    const run = (...args: string[]) => cli('export', 'daily', '--data-dir', day.store.dataDir, '--json', '--format', 'csv', ...args);
    const product = join(dir, 'products.csv');
    expect((await run('--date', DAY, '--sheet', 'byProduct', '--out', product)).code).toBe(0);
    expect(readFileSync(product, 'utf8').split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['晚安冻膜,11', '土蜂蜜,1', '合计,12']);
    const source = join(dir, 'sources.csv');
    expect((await run('--date', DAY, '--sheet', 'bySource', '--out', source, '--lang', 'zh-TW')).code).toBe(0);
    expect(readFileSync(source, 'utf8')).toMatch(/^\uFEFF來源,/);
    const days = join(dir, 'days.csv');
    expect((await run('--date', PREVIOUS_DAY, '--to', DAY, '--sheet', 'byDay', '--out', days)).code).toBe(0);
    expect(readFileSync(days, 'utf8').split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([`${PREVIOUS_DAY},1`, `${DAY},12`, '合计,13']);
    // Every sheet of a range: the by-day file among them.
    const all = await run('--date', PREVIOUS_DAY, '--to', DAY, '--out', join(dir, 'range.csv'));
    expect((JSON.parse(all.out) as { files: string[] }).files).toEqual(
      ['summary', 'by-agent', 'by-flow', 'by-product', 'by-source', 'by-day', 'calls', 'reasons'].map((s) => join(dir, `range-${s}.csv`)),
    );
    // One day has no by-day sheet: said, nothing written.
    const said: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void said.push(a.join(' ')));
    try {
      expect((await run('--date', DAY, '--sheet', 'byDay', '--out', join(dir, 'none.csv'), '--lang', 'en')).code).toBe(1);
    } finally {
      err.mockRestore();
    }
    expect(said.join('\n')).toContain('By day');
    expect(existsSync(join(dir, 'none.csv'))).toBe(false);
  });

  it('cuts the sheet by agent (by name) and by flow, as the dashboard does', async () => {
    const dir = tempDataDir('callcard-export-cut-');
    const run = async (...cut: string[]) => {
      const r = await cli('export', 'daily', '--date', DAY, '--out', join(dir, 'x.xlsx'), '--data-dir', day.store.dataDir, '--json', ...cut);
      expect(r.code).toBe(0);
      return (JSON.parse(r.out) as { calls: number }).calls;
    };
    const board = async (f: Record<string, string>) => (await day.store.call('dashboard', { from: DAY, ...f })).current.volume.calls;
    expect(await run('--agent', '李娜')).toBe(await board({ agentId: day.agentId }));
    expect(await run('--agent', '李娜')).toBeLessThan(13);
    expect(await run('--flow', 'verify')).toBe(await board({ flow: 'verify' }));
    expect(await run('--agent', '李娜', '--flow', 'verify')).toBe(await board({ agentId: day.agentId, flow: 'verify' }));
    // The title row says the cut.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'x.xlsx'));
    expect(String(wb.worksheets[0].getCell('A1').value)).toContain('李娜');
    // An agent nobody is called: said, nothing written.
    const said: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void said.push(a.join(' ')));
    try {
      expect(await runCli(['export', 'daily', '--date', DAY, '--out', join(dir, 'y.xlsx'), '--data-dir', day.store.dataDir, '--agent', '无名氏'])).toBe(1);
      expect(said.join('\n')).toContain('无名氏');
      await expect(runCli(['export', 'daily', '--date', DAY, '--out', join(dir, 'y.xlsx'), '--data-dir', day.store.dataDir, '--flow', 'sales'])).rejects.toThrow(/flow/);
    } finally {
      err.mockRestore();
    }
    expect(existsSync(join(dir, 'y.xlsx'))).toBe(false);
  });

  it('says how to use it when the date is missing or wrong', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(runCli(['export', 'daily', '--out', 'x.xlsx', '--data-dir', day.store.dataDir])).rejects.toThrow(/Usage: callcard export daily/);
      await expect(runCli(['export', 'daily', '--date', '2026-02-30', '--out', 'x.xlsx', '--data-dir', day.store.dataDir])).rejects.toThrow(/YYYY-MM-DD/);
      await expect(runCli(['export', 'daily', '--date', DAY, '--format', 'pdf', '--out', 'x', '--data-dir', day.store.dataDir])).rejects.toThrow(/Usage/);
    } finally {
      err.mockRestore();
    }
  });
});
