import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_FILES_BASE_TIME, DEMO_ORDER_COUNT, generateDemoOrders } from '../../electron/services/demo/generate';
import { DEMO_AGENT_NAMES, SPARE_DEMO_AGENT_NAME, simulateDay } from '../../electron/services/demo/simulate';
import { decodeText } from '../../electron/services/import/decode';
import type { Db } from '../../electron/services/db/open';
import { countRows, importFile, openReadyStore, ordersCsv, sampleOrder } from '../helpers/store';

const DEMO_DIR = resolve(import.meta.dirname, '../../resources/demo');
/** 16:30 in Shanghai on Friday 2026-11-20. */
const AFTERNOON = '2026-11-20T08:30:00.000Z';

function ordersForComparison(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT o.order_no, o.status, o.customer_name, o.phone, o.province, o.city, o.district, o.address, o.amount_fen,
         o.payment_method, o.ordered_at, o.source, o.ip, o.buyer_account, o.platform_status,
         l.product, l.package, l.quantity, l.amount_fen AS line_amount
       FROM orders o JOIN order_lines l ON l.order_id = o.id ORDER BY o.order_no`,
    )
    .all();
}

describe('demo order generator', () => {
  const now = new Date(AFTERNOON);

  test('is deterministic for a seed; order numbers do not depend on the time', () => {
    const a = generateDemoOrders(now);
    expect(a).toHaveLength(DEMO_ORDER_COUNT);
    expect(generateDemoOrders(now)).toEqual(a);
    const later = generateDemoOrders(new Date(now.getTime() + 5 * 3_600_000));
    expect(later.map((o) => o.orderNo)).toEqual(a.map((o) => o.orderNo));
    expect(later.map((o) => o.phone)).toEqual(a.map((o) => o.phone));
    expect(generateDemoOrders(now, { seed: 7 }).map((o) => o.orderNo)).not.toEqual(a.map((o) => o.orderNo));
    expect(new Set(a.map((o) => o.orderNo)).size).toBe(a.length);
  });

  test('orders look like a real COD export', () => {
    const orders = generateDemoOrders(now);
    for (const o of orders) {
      expect(o.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(o.orderNo).toMatch(/^DD2026112\d{6}$/);
      expect(o.amountFen).toBeGreaterThan(0);
      expect(o.ip).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
      expect(o.province && o.city && o.district && o.address && o.product && o.package && o.source).toBeTruthy();
    }
    // Placed over the previous ~36 hours, oldest first, the newest about ten minutes ago.
    const times = orders.map((o) => Date.parse(o.orderedAt!));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(now.getTime() - times[times.length - 1]).toBe(10 * 60_000);
    expect(now.getTime() - times[0]).toBeLessThanOrEqual(36 * 3_600_000);
    // Some customers ordered twice; a couple of orders arrive cancelled; most are cash on delivery.
    const perPhone = new Map<string, number>();
    for (const o of orders) perPhone.set(o.phone, (perPhone.get(o.phone) ?? 0) + 1);
    expect([...perPhone.values()].filter((n) => n === 2)).toHaveLength(8);
    expect(orders.filter((o) => o.platformStatus === '已取消').length).toBeGreaterThanOrEqual(2);
    expect(orders.filter((o) => o.paymentMethod === 'cod').length).toBeGreaterThan(orders.length * 0.8);
    expect(orders.some((o) => !/\d/.test(o.address))).toBe(true); // a landmark-only address
  });
});

describe('loadDemo', () => {
  test('a second load changes nothing; a later load updates instead of duplicating', async () => {
    const store = await openReadyStore({ now: AFTERNOON });
    const first = await store.call('loadDemo', {});
    expect(first).toMatchObject({ fileName: '演示数据', totalRows: DEMO_ORDER_COUNT, created: DEMO_ORDER_COUNT, updated: 0, rejected: [] });
    const second = await store.call('loadDemo', {});
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: DEMO_ORDER_COUNT });
    store.clock.advanceMinutes(90);
    const later = await store.call('loadDemo', {});
    expect(later.created).toBe(0);
    expect(countRows(store.db, 'orders')).toBe(DEMO_ORDER_COUNT);
  });

  test('a cancelled order gets a recover task, not a verify task', async () => {
    const store = await openReadyStore({ now: AFTERNOON });
    await store.call('loadDemo', {});
    const cancelled = generateDemoOrders(store.clock.now).filter((o) => o.platformStatus === '已取消');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const o of cancelled) {
      const detail = await store.call('getOrder', { orderNo: o.orderNo });
      expect(detail.order.status).toBe('cancelled');
      expect(detail.tasks).toEqual([expect.objectContaining({ flow: 'recover', state: 'open' })]);
    }
    const open = store.db.prepare("SELECT flow, count(*) AS n FROM call_tasks WHERE state = 'open' GROUP BY flow ORDER BY flow").all();
    expect(open).toEqual([
      { flow: 'recover', n: cancelled.length },
      { flow: 'verify', n: DEMO_ORDER_COUNT - cancelled.length },
    ]);
  });
});

describe('demo orders as risk screening sees them', () => {
  test('most buyers are local; a few orders are worth a look; two of the newest are held as high risk', async () => {
    const store = await openReadyStore({ now: AFTERNOON });
    await store.call('loadDemo', {});
    const rows = store.db
      .prepare('SELECT o.ordered_at, r.level, r.held, r.facts FROM order_risk r JOIN orders o ON o.id = r.order_id ORDER BY o.ordered_at DESC')
      .all() as { ordered_at: string; level: string; held: number; facts: string }[];
    expect(rows).toHaveLength(DEMO_ORDER_COUNT);
    const mismatched = rows.filter((r) => r.facts.includes('phone_region_mismatch')).length;
    // About one buyer in six has a number issued in another province (migrant workers, old numbers).
    expect(mismatched).toBeGreaterThan(DEMO_ORDER_COUNT * 0.05);
    expect(mismatched).toBeLessThan(DEMO_ORDER_COUNT * 0.3);
    const flagged = rows.filter((r) => r.level !== 'low').length;
    expect(flagged).toBeGreaterThan(3);
    expect(flagged).toBeLessThan(DEMO_ORDER_COUNT * 0.15);
    const held = rows.slice(0, 12).filter((r) => r.level === 'high' && r.held === 1);
    expect(held).toHaveLength(2);
    for (const r of held) expect(JSON.parse(r.facts).map((f: { rule: string }) => f.rule).sort()).toEqual(['ip_region_mismatch', 'phone_region_mismatch', 'vague_address']);
  });
});

describe('simulateDay', () => {
  async function simulated(now: string, seed = 1, agentName?: string) {
    const store = await openReadyStore({ now, agentName });
    await store.call('loadDemo', {});
    const before = await store.call('getSession', {});
    const result = simulateDay(store.core.ctx, { seed });
    return { store, before, result };
  }

  function calls(db: Db) {
    return db
      .prepare(
        // One row per call: an upsell offered inside a verify call is recorded beside it, same call.
        `SELECT o.order_no, c.flow, c.outcome, c.note, c.created_at, c.started_at, a.name FROM call_outcomes c
         JOIN orders o ON o.id = c.order_id JOIN agents a ON a.id = c.agent_id JOIN call_tasks t ON t.id = c.task_id
         WHERE NOT (c.flow = 'upsell' AND t.flow = 'verify') ORDER BY c.created_at, c.rowid`,
      )
      .all() as { order_no: string; flow: string; outcome: string; note: string; created_at: string; started_at: string | null; name: string }[];
  }

  test('records a worked day by the three demo agents, leaving the current agent alone', async () => {
    const { store, before, result } = await simulated(AFTERNOON);
    expect(result.day).toBe('2026-11-20');
    expect(result.agents).toEqual([...DEMO_AGENT_NAMES]);
    const rows = calls(store.db);
    expect(rows.length).toBe(result.calls);
    expect(result.calls).toBeGreaterThan(40);
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(DEMO_AGENT_NAMES));
    // Within the business day: from 09:00 Shanghai (01:00Z) to now (16:30).
    for (const r of rows) {
      expect(r.created_at >= '2026-11-20T01:00:00.000Z' && r.created_at <= AFTERNOON).toBe(true);
      expect(r.started_at! < r.created_at).toBe(true);
    }
    expect(rows.some((r) => r.note !== '')).toBe(true);
    // Confirmations open upsell calls later in the day, and some verify calls offer the pack's
    // upsell on the spot: both kinds are worked, with offers taken and reasons for declines.
    expect(rows.some((r) => r.flow === 'upsell')).toBe(true);
    const upsells = store.db.prepare("SELECT outcome, reason_code, amount_fen FROM call_outcomes WHERE flow = 'upsell'").all() as { outcome: string; reason_code: string | null; amount_fen: number | null }[];
    expect(upsells.some((u) => u.outcome === 'upsell_accepted' && (u.amount_fen ?? 0) > 0)).toBe(true);
    for (const u of upsells.filter((x) => x.outcome === 'upsell_declined')) expect(u.reason_code).toBeTruthy();

    const after = await store.call('getSession', {});
    expect(after.agent).toEqual(before.agent);
    expect(countRows(store.db, 'agents')).toBe(1 + DEMO_AGENT_NAMES.length);

    const statuses = store.db.prepare('SELECT status, count(*) AS n FROM orders GROUP BY status').all() as { status: string; n: number }[];
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(byStatus.verified).toBeGreaterThan(0);
    expect(byStatus.pending_verify).toBeGreaterThan(0);
    const rescheduled = store.db
      .prepare("SELECT count(*) AS n FROM call_tasks WHERE state = 'open' AND (unanswered > 0 OR is_callback = 1)")
      .get() as { n: number };
    expect(rescheduled.n).toBeGreaterThan(0);
    // Demo agents hold no cards at the end: the real agent's queue is not blocked.
    const held = store.db.prepare('SELECT count(*) AS n FROM call_tasks WHERE claimed_by IS NOT NULL').get() as { n: number };
    expect(held.n).toBe(0);
    expect((await store.call('nextCard', {})).card).not.toBeNull();
  });

  test('is deterministic for a seed and continues the day when run again', async () => {
    const a = await simulated(AFTERNOON, 42);
    const b = await simulated(AFTERNOON, 42);
    expect(calls(b.store.db)).toEqual(calls(a.store.db));

    const again = simulateDay(a.store.core.ctx, { seed: 42 });
    expect(countRows(a.store.db, 'agents')).toBe(1 + DEMO_AGENT_NAMES.length);
    const rows = calls(a.store.db);
    expect(rows.length).toBe(a.result.calls + again.calls);
    expect(rows.every((r) => r.created_at <= AFTERNOON)).toBe(true);
  });

  test('never records calls as the workstation agent, even one named like a demo agent', async () => {
    const { store, before, result } = await simulated(AFTERNOON, 1, DEMO_AGENT_NAMES[0]);
    expect(result.agents).toEqual([SPARE_DEMO_AGENT_NAME, ...DEMO_AGENT_NAMES.slice(1)]);
    const own = store.db.prepare('SELECT count(*) AS n FROM call_outcomes WHERE agent_id = ?').get(before.agent!.id) as { n: number };
    expect(own.n).toBe(0);
    expect((await store.call('getSession', {})).agent).toEqual(before.agent);
  });

  test('leaves the cards it cannot answer (courier follow-ups) to the real team', async () => {
    const store = await openReadyStore({ now: '2026-11-20T00:30:00.000Z' });
    await importFile(store, 'refused.csv', ordersCsv(Array.from({ length: 4 }, (_, i) => sampleOrder({ orderNo: `T${i}`, phone: `1380013800${i}`, status: '拒收', orderedAt: '2026-11-18 09:00' }))));
    await store.call('loadDemo', {});
    store.clock.set(AFTERNOON);
    const result = simulateDay(store.core.ctx, { seed: 3 });
    expect(result.calls).toBeGreaterThan(20);
    const track = store.db.prepare("SELECT count(*) AS n FROM call_outcomes WHERE flow = 'track'").get() as { n: number };
    expect(track.n).toBe(0);
    expect(store.db.prepare("SELECT count(*) AS n FROM call_tasks WHERE flow = 'track' AND state = 'open' AND claimed_by IS NULL").get()).toEqual({ n: 4 });
  });

  test('works the previous day when it is still morning', async () => {
    const { store, result } = await simulated('2026-11-20T02:00:00.000Z'); // 10:00 Shanghai
    expect(result.day).toBe('2026-11-19');
    const rows = calls(store.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.created_at >= '2026-11-19T01:00:00.000Z' && r.created_at <= '2026-11-19T10:00:00.000Z').toBe(true);
  });
});

describe('sample export files', () => {
  test('orders.csv imports with no rejection and the GBK copy yields identical orders', async () => {
    const utf8 = readFileSync(join(DEMO_DIR, 'orders.csv'));
    const gbk = readFileSync(join(DEMO_DIR, 'orders-gbk.csv'));
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(gbk).encoding).toBe('gb18030');

    const a = await openReadyStore({ now: AFTERNOON });
    const fromUtf8 = await importFile(a, 'orders.csv', utf8);
    expect(fromUtf8).toMatchObject({ created: DEMO_ORDER_COUNT, rejected: [] });
    const b = await openReadyStore({ now: AFTERNOON });
    const fromGbk = await importFile(b, 'orders-gbk.csv', gbk);
    expect(fromGbk).toMatchObject({ created: DEMO_ORDER_COUNT, rejected: [] });
    expect(ordersForComparison(b.db)).toEqual(ordersForComparison(a.db));

    // The files are the generator's output at their base time (run `npm run demo:files` after changing it).
    const expected = generateDemoOrders(new Date(DEMO_FILES_BASE_TIME));
    const imported = ordersForComparison(a.db) as { order_no: string; phone: string; address: string; amount_fen: number; ordered_at: string }[];
    const byNo = new Map(expected.map((o) => [o.orderNo, o]));
    for (const row of imported) {
      const o = byNo.get(row.order_no)!;
      expect(row).toMatchObject({ phone: o.phone, address: o.address, amount_fen: o.amountFen, ordered_at: o.orderedAt });
    }
  });
});
