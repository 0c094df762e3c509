/**
 * Reports at season scale. A store of 100,000 orders and 300,000 call outcomes over 30 business
 * days, one of which is a very busy day of 100,000 calls (all five flows, in-call upsells, reasons,
 * money, shipments).
 * - Export: the busy day's daily sheet (five sheets, every number, 100,000 call rows) to XLSX with
 *   exceljs's streaming writer and to CSV, beside a raw write of the same call rows in the same run
 *   (a plain SELECT of the same rows and joins, written as they come: exceljs without styles, CSV
 *   without escaping, masking or formats). Target: <= 1.5x raw. Peak memory (JS heap + buffers) above the start of each run.
 * - Dashboard: p95 of a day's dashboard over the ordinary days (about 6,900 calls each, with the
 *   previous day and a 14-day sign-rate chart). Target: <= 200 ms.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { Flow, OrderStatus } from '../shared/domain';
import { addDays, periodBounds } from '../shared/kpi/period';
import { outcomeDef, OUTCOMES, REASON_LISTS, type OutcomeCode } from '../shared/outcomes';
import type { CoreContext } from '../electron/services/context';
import { openCore } from '../electron/services/core';
import type { Db } from '../electron/services/db/open';
import { detailedAddress, randomMobile, randomName, Rng } from '../electron/services/demo/generate';
import { PLACES, PRODUCTS, SOURCES } from '../electron/services/demo/pools';
import { csvTables, prepareDailySheet, writeCsv, writeXlsx } from '../electron/services/reports/export';
import type { BenchFigure } from './run';
import { recordNewOrderMilestone } from '../electron/services/reports/milestones';

const ORDERS = 100_000;
const CALLS = 300_000;
const BUSY_DAY_CALLS = 100_000;
const DAYS = 30;
const TZ = 'Asia/Shanghai';
const LAST_DAY = '2026-11-20';
const BUSY_DAY = LAST_DAY;
const FIRST_DAY = addDays(LAST_DAY, -(DAYS - 1));
const AGENTS = 40;
const DASHBOARD_RUNS = 60;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Flow of a call, and the statuses its order is in. */
const FLOW_MIX: { flow: Flow; weight: number }[] = [
  { flow: 'verify', weight: 60 },
  { flow: 'upsell', weight: 8 },
  { flow: 'recover', weight: 12 },
  { flow: 'track', weight: 12 },
  { flow: 'revisit', weight: 8 },
];
const STATUS_MIX: { status: OrderStatus; weight: number }[] = [
  { status: 'unpaid', weight: 3 },
  { status: 'pending_verify', weight: 6 },
  { status: 'verified', weight: 10 },
  { status: 'shipped', weight: 15 },
  { status: 'delivery_exception', weight: 4 },
  { status: 'signed', weight: 40 },
  { status: 'refused', weight: 6 },
  { status: 'returned', weight: 3 },
  { status: 'cancelled', weight: 5 },
  { status: 'rejected', weight: 3 },
  { status: 'closed', weight: 2 },
  { status: 'unreachable', weight: 2 },
  { status: 'refunded', weight: 1 },
];
const OUTCOMES_OF: Record<Flow, OutcomeCode[]> = Object.fromEntries(
  (['verify', 'upsell', 'recover', 'track', 'revisit'] as Flow[]).map((f) => [f, OUTCOMES.filter((o) => o.flows.includes(f)).map((o) => o.code)]),
) as Record<Flow, OutcomeCode[]>;

/** Shanghai has no DST: the offset is fixed, which keeps seeding cheap. */
const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** Orders, tasks and outcomes written with bare statements (the seeding is not what is measured). */
export function seed(db: Db, agentIds: string[]): void {
  const rng = new Rng(42);
  const insOrder = db.prepare(
    `INSERT INTO orders (id, order_no, status, customer_name, phone, province, city, district, address, amount_fen,
       payment_method, ordered_at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'cod', ?, ?, ?, ?)`,
  );
  const insLine = db.prepare('INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen) VALUES (?, ?, 0, ?, ?, 1, ?)');
  const insTask = db.prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at, closed_at) VALUES (?, ?, ?, 'done', ?, ?, ?)");
  const insOutcome = db.prepare(
    `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, note, agent_id, attempt, created_at, reason_code,
       handle_ms, talk_ms, amount_fen, details, script_pack_id, script_version, script_path)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const orders: { id: string; day: number }[] = [];
  db.transaction(() => {
    for (let i = 0; i < ORDERS; i++) {
      const day = Math.floor((i * DAYS) / ORDERS);
      const at = new Date(dayStartMs(addDays(FIRST_DAY, day)) + rng.int(8 * 3600, 22 * 3600) * 1000).toISOString();
      const place = PLACES[i % PLACES.length];
      const product = rng.weighted(PRODUCTS);
      const pkg = rng.pick(product.packages);
      const id = uuidv7();
      const status = rng.weighted(STATUS_MIX).status;
      insOrder.run(id, `B${String(i).padStart(9, '0')}`, status, randomName(rng), randomMobile(rng), place.province, place.city,
        place.district, detailedAddress(rng, place), pkg.amountFen, at, rng.weighted(SOURCES).name, at, at);
      recordNewOrderMilestone(db, id, status);
      insLine.run(uuidv7(), id, product.name, pkg.package, pkg.amountFen);
      orders.push({ id, day });
    }
  })();
  const path = JSON.stringify([{ step: 'greet', at: '2026-11-20T02:00:00.000Z' }, { step: 'confirm_address', at: '2026-11-20T02:01:00.000Z' }, { step: 'confirm_package', at: '2026-11-20T02:02:00.000Z' }]);
  const perOtherDay = (CALLS - BUSY_DAY_CALLS) / (DAYS - 1);
  let written = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(FIRST_DAY, d);
    const n = day === BUSY_DAY ? BUSY_DAY_CALLS : Math.round(perOtherDay);
    const start = dayStartMs(day) + 9 * 3_600_000;
    db.transaction(() => {
      for (let k = 0; k < n && written < CALLS; k++, written++) {
        const flow = rng.weighted(FLOW_MIX).flow;
        const code = rng.pick(OUTCOMES_OF[flow]);
        const def = outcomeDef(code);
        // Orders from the last few days before the call, as a real queue serves them.
        const order = orders[Math.min(orders.length - 1, Math.max(0, Math.floor(((d - rng.int(0, 3)) * ORDERS) / DAYS) + rng.int(0, ORDERS / DAYS - 1)))];
        const at = new Date(start + Math.floor((k * 12 * 3_600_000) / n)).toISOString();
        const taskId = uuidv7();
        insTask.run(taskId, order.id, flow, at, at, at);
        const reason = def.reasons ? rng.pick(REASON_LISTS[def.reasons]) : null;
        const amount = code === 'upsell_accepted' ? 7000 : code === 'compensation_accepted' ? 500 : code === 'bad_review_settled' ? 1000 : null;
        const exhausted = !def.reached && rng.chance(0.1);
        insOutcome.run(uuidv7(), taskId, order.id, flow, code, def.reached ? 1 : 0, rng.chance(0.3) ? '客户要求发顺丰' : '', agentIds[k % agentIds.length], at,
          reason, rng.int(20_000, 240_000), rng.chance(0.8) ? rng.int(10_000, 200_000) : null, amount, exhausted ? '{"exhausted":true}' : '{}',
          flow === 'verify' ? 'default' : null, flow === 'verify' ? '1.0.0' : null, flow === 'verify' ? path : null);
        // Some verify calls carry an upsell answered in the same call.
        if (flow === 'verify' && code === 'confirmed' && rng.chance(0.3) && written + 1 < CALLS && k + 1 < n) {
          const up = rng.chance(0.35) ? 'upsell_accepted' : 'upsell_declined';
          insOutcome.run(uuidv7(), taskId, order.id, 'upsell', up, 1, '', agentIds[k % agentIds.length], at, up === 'upsell_declined' ? 'too_expensive' : null,
            null, null, up === 'upsell_accepted' ? 7000 : null, '{}', null, null, null);
          written++;
          k++;
        }
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('optimize');
}

function finished(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
}

type RawRow = (string | number | null)[];

/** The busy day's call rows with the same joins as the calls sheet, as plain arrays. */
export function rawRows(db: Db): RawRow[] {
  const b = periodBounds({ from: BUSY_DAY, to: BUSY_DAY }, TZ);
  return db
    .prepare(
      `SELECT c.created_at, a.name, c.flow, o.order_no, o.customer_name, o.phone, o.province || o.city || o.district || o.address,
         (SELECT l.product FROM order_lines l WHERE l.order_id = o.id AND l.position = 0), o.source, c.outcome, c.reached, c.reason_code,
         c.amount_fen, c.talk_ms, c.handle_ms, c.attempt, c.details, c.script_path, c.note
       FROM call_outcomes c JOIN call_tasks t ON t.id = c.task_id JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id
       WHERE c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.rowid`,
    )
    .raw(true)
    .all(b.start, b.end) as RawRow[];
}

export async function rawXlsx(db: Db, file: string): Promise<number> {
  const rows = rawRows(db);
  const stream = createWriteStream(file);
  const done = finished(stream);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('calls');
  for (const r of rows) ws.addRow(r).commit();
  await ws.commit();
  await wb.commit();
  await done;
  return rows.length;
}

export async function rawCsv(db: Db, file: string): Promise<number> {
  const rows = rawRows(db);
  const stream = createWriteStream(file);
  const done = finished(stream);
  let buf = '';
  const field = (v: string | number | null) => {
    const t = v === null ? '' : String(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  for (const r of rows) {
    buf += r.map(field).join(',') + '\r\n';
    if (buf.length > 1 << 16) {
      if (!stream.write(buf)) await new Promise<void>((res) => stream.once('drain', () => res()));
      buf = '';
    }
  }
  stream.end(buf);
  await done;
  return rows.length;
}

export async function oursXlsx(ctx: CoreContext, file: string): Promise<number> {
  const p = prepareDailySheet(ctx, { from: BUSY_DAY }, 'zh-CN', true);
  const stream = createWriteStream(file);
  const done = finished(stream);
  await writeXlsx(p, stream);
  await done;
  return p.calls;
}

export async function oursCsv(ctx: CoreContext, dir: string): Promise<number> {
  const p = prepareDailySheet(ctx, { from: BUSY_DAY }, 'zh-CN', true);
  for (const table of csvTables(p)) {
    const stream = createWriteStream(join(dir, `daily-${table.key}.csv`));
    const done = finished(stream);
    await writeCsv(p, table, stream);
    await done;
  }
  return p.calls;
}

/** Peak memory of one export, in a process of its own (bench/export-memory.ts): RSS above where it started. */
function peakMemory(mode: string, dataDir: string, outDir: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'export-memory.ts'), mode, dataDir, outDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`export-memory ${mode}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { peakMb: number }).peakMb;
}

export default async function exportBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'callcard-bench-reports-'));
  const core = openCore({ dataDir: dir, now: () => new Date(`${LAST_DAY}T12:00:00.000Z`) });
  try {
    const { handlers, ctx } = core;
    const db = ctx.db;
    await handlers.completeSetup({ agentName: '基准组长', shopName: '基准店铺', language: 'zh-CN' });
    const agentIds: string[] = [];
    const insAgent = db.prepare("INSERT INTO agents (id, name, roles, created_at) VALUES (?, ?, '[\"agent\"]', ?)");
    for (let i = 0; i < AGENTS; i++) {
      const id = uuidv7();
      insAgent.run(id, `坐席${String(i + 1).padStart(2, '0')}`, new Date().toISOString());
      agentIds.push(id);
    }
    const t0 = process.hrtime.bigint();
    seed(db, agentIds);
    const busy = (db.prepare('SELECT count(*) AS n FROM call_outcomes WHERE created_at >= ? AND created_at < ?').get(
      periodBounds({ from: BUSY_DAY, to: BUSY_DAY }, TZ).start,
      periodBounds({ from: BUSY_DAY, to: BUSY_DAY }, TZ).end,
    ) as { n: number }).n;
    process.stderr.write(`  seeded ${ORDERS} orders, ${CALLS} outcomes (${busy} on ${BUSY_DAY}) in ${(ms(t0) / 1000).toFixed(1)} s\n`);

    // ---- dashboard: ordinary days, newest first, each a few times ----
    const days = Array.from({ length: DAYS - 1 }, (_, i) => addDays(BUSY_DAY, -(i + 1)));
    for (let i = 0; i < 3; i++) await handlers.dashboard({ from: days[i] });
    const dash: number[] = [];
    for (let i = 0; i < DASHBOARD_RUNS; i++) {
      await new Promise<void>((r) => setImmediate(r));
      const start = process.hrtime.bigint();
      await handlers.dashboard({ from: days[i % days.length] });
      dash.push(ms(start));
    }
    dash.sort((a, b) => a - b);
    const p95 = dash[Math.floor(0.95 * (dash.length - 1))];
    const p50 = dash[Math.floor(0.5 * (dash.length - 1))];
    const agentStart = process.hrtime.bigint();
    await handlers.dashboard({ from: days[0], agentId: agentIds[0] });
    const agentMs = ms(agentStart);
    const busyStart = process.hrtime.bigint();
    await handlers.dashboard({ from: BUSY_DAY });
    const busyMs = ms(busyStart);
    const flowStart = process.hrtime.bigint();
    await handlers.dashboard({ from: days[0], flow: 'track' });
    const flowMs = ms(flowStart);
    const weekStart = process.hrtime.bigint();
    await handlers.dashboard({ from: days[6], to: days[0] });
    const weekMs = ms(weekStart);

    // ---- export: the busy day, ours and raw, alternating; the faster of two runs each ----
    const timed = async (fn: () => Promise<number>) => {
      await new Promise<void>((r) => setImmediate(r));
      const start = process.hrtime.bigint();
      const n = await fn();
      return { n, ms: ms(start) };
    };
    const ours = { xlsx: Infinity, csv: Infinity };
    const raw = { xlsx: Infinity, csv: Infinity };
    let rows = 0;
    for (let run = 0; run < 2; run++) {
      const r1 = await timed(() => rawXlsx(db, join(dir, 'raw.xlsx')));
      raw.xlsx = Math.min(raw.xlsx, r1.ms);
      rows = r1.n;
      const o1 = await timed(() => oursXlsx(ctx, join(dir, 'daily.xlsx')));
      ours.xlsx = Math.min(ours.xlsx, o1.ms);
      if (o1.n !== rows) throw new Error(`exported ${o1.n} calls, raw ${rows}`);
      const r2 = await timed(() => rawCsv(db, join(dir, 'raw.csv')));
      raw.csv = Math.min(raw.csv, r2.ms);
      const o2 = await timed(() => oursCsv(ctx, dir));
      ours.csv = Math.min(ours.csv, o2.ms);
    }
    const xlsxBytes = statSync(join(dir, 'daily.xlsx')).size;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mem = {
      oursXlsx: peakMemory('ours-xlsx', dir, dir),
      rawXlsx: peakMemory('raw-xlsx', dir, dir),
      oursCsv: peakMemory('ours-csv', dir, dir),
      rawCsv: peakMemory('raw-csv', dir, dir),
    };

    return [
      { name: 'dashboard_day_p95_ms', value: p95, unit: 'ms', note: `${DASHBOARD_RUNS} day dashboards (about ${Math.round((CALLS - BUSY_DAY_CALLS) / (DAYS - 1))} calls/day) on ${ORDERS} orders / ${CALLS} calls; target <= 200 ms` },
      { name: 'dashboard_day_p50_ms', value: p50, unit: 'ms' },
      { name: 'dashboard_day_agent_ms', value: agentMs, unit: 'ms', note: 'one agent filtered' },
      { name: 'dashboard_day_flow_ms', value: flowMs, unit: 'ms', note: 'one flow filtered (track)' },
      { name: 'dashboard_week_ms', value: weekMs, unit: 'ms', note: '7 ordinary days' },
      { name: 'dashboard_busy_day_ms', value: busyMs, unit: 'ms', note: `the ${BUSY_DAY_CALLS}-call day` },
      { name: 'export_xlsx_ms', value: ours.xlsx, unit: 'ms', baseline: raw.xlsx, ratio: ours.xlsx / raw.xlsx, note: `${rows} calls + 4 sheets, ${(xlsxBytes / 1_048_576).toFixed(1)} MB; raw: same rows, plain exceljs stream; target <= 1.5x` },
      { name: 'export_csv_ms', value: ours.csv, unit: 'ms', baseline: raw.csv, ratio: ours.csv / raw.csv, note: '5 files; raw: the same rows, quoted where needed; target <= 1.5x' },
      { name: 'export_xlsx_peak_mb', value: mem.oursXlsx, unit: 'MB', baseline: mem.rawXlsx, ratio: mem.oursXlsx / mem.rawXlsx, note: 'peak RSS above the start, each export alone in its own process' },
      { name: 'export_csv_peak_mb', value: mem.oursCsv, unit: 'MB', baseline: mem.rawCsv, ratio: mem.oursCsv / mem.rawCsv },
    ];
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
