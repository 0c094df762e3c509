/**
 * The labelled order set (test/fixtures/risk-orders.json): realistic COD orders, imported through
 * the real import into a real store, screened by the real screener with the bundled region data,
 * must get exactly the facts, level and hold they are labelled with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { screenOrders } from '../../electron/services/risk/screen';
import { buildCsv, importFile, openReadyStore, ordersCsv, sampleOrder, type SampleOrder, type TestStore } from '../helpers/store';

interface FixtureOrder extends Omit<SampleOrder, 'status'> {
  setStatus?: string;
  note: string;
  expect: { level: 'low' | 'medium' | 'high'; facts: string[]; held?: string };
}
interface Fixture {
  now: string;
  prefixes: [string, string, string][];
  blacklist: ({ kind: 'phone' | 'account'; value: string } | { kind: 'name_address'; name: string; province: string; city: string; district: string; address: string })[] &
    { reason: 'professional_complainer' | 'abusive' | 'repeat_refuser' | 'fraud' | 'fake_orders' | 'other'; note?: string; expiresAt?: string }[];
  deadCalls: { orderNo: string; outcome: string; at: string }[];
  orders: FixtureOrder[];
}

export const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/risk-orders.json'), 'utf8')) as Fixture;

/** A store holding the fixture: prefixes, orders, their past (statuses, dead-number calls), the blacklist. */
export async function loadFixture(): Promise<TestStore> {
  const store = await openReadyStore({ now: fixture.now });
  const csv = buildCsv([['prefix', 'province', 'city'], ...fixture.prefixes]);
  expect(await store.call('importPhonePrefixes', { fileName: 'prefixes.csv', contentBase64: Buffer.from(csv).toString('base64') })).toMatchObject({
    imported: fixture.prefixes.length,
    rejected: [],
  });
  const summary = await importFile(store, 'orders.csv', ordersCsv(fixture.orders.map((o) => ({ ...o, status: '待发货' }))));
  expect(summary.rejected).toEqual([]);
  expect(summary.created).toBe(fixture.orders.length);
  const db = store.db;
  for (const o of fixture.orders.filter((x) => x.setStatus)) {
    db.prepare('UPDATE orders SET status = ? WHERE order_no = ?').run(o.setStatus, o.orderNo);
  }
  const agentId = (db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").get() as { value: string }).value;
  for (const d of fixture.deadCalls) {
    const task = db.prepare('SELECT t.id, t.order_id FROM call_tasks t JOIN orders o ON o.id = t.order_id WHERE o.order_no = ?').get(d.orderNo) as { id: string; order_id: string };
    db.prepare(
      `INSERT INTO call_outcomes (id, task_id, order_id, flow, outcome, reached, note, agent_id, attempt, created_at, details)
       VALUES (?, ?, ?, 'verify', ?, 0, '', ?, 1, ?, '{}')`,
    ).run(uuidv7(), task.id, task.order_id, d.outcome, agentId, d.at);
  }
  for (const b of fixture.blacklist) await addFixtureEntry(store, b);
  return store;
}

/**
 * One blacklist entry of the fixture. An entry that has already expired (it must not count) cannot
 * be added today (the core refuses a past expiry date): it is added the day before it ran out, as
 * it was in its day, and the clock comes back.
 */
async function addFixtureEntry(store: TestStore, b: Fixture['blacklist'][number]): Promise<void> {
  const { reason, note, expiresAt, ...entry } = b as typeof b & { reason: Fixture['blacklist'][number]['reason']; note?: string; expiresAt?: string };
  const now = store.clock.iso();
  if (expiresAt && expiresAt <= now) store.clock.set(new Date(Date.parse(expiresAt) - 86_400_000).toISOString());
  try {
    await store.call('addBlacklist', { entry, reason, note: note ?? '', expiresAt: expiresAt ?? null });
  } finally {
    store.clock.set(now);
  }
}

type Got = Record<string, { level: string; facts: string[]; held: string | null }>;

async function everyOrdersRisk(store: TestStore): Promise<Got> {
  const got: Got = {};
  for (const o of fixture.orders) {
    const r = await store.call('getOrderRisk', { orderNo: o.orderNo });
    got[o.orderNo] = { level: r.level, facts: r.facts.map((f) => `${f.rule}.${f.kind}`).sort(), held: r.holdReason };
  }
  return got;
}

describe('the labelled risk set', () => {
  it('has at least 50 realistic orders, each with its expected facts', () => {
    expect(fixture.orders.length).toBeGreaterThanOrEqual(50);
    const rules = new Set(fixture.orders.flatMap((o) => o.expect.facts.map((f) => f.split('.')[0])));
    expect([...rules].sort()).toEqual([
      'blacklist_hit', 'buyer_history', 'duplicate_order', 'invalid_contact', 'ip_region_mismatch', 'multi_account',
      'phone_region_mismatch', 'remote_area', 'vague_address',
    ]);
  });

  it('gets exactly the labelled facts, level and hold from the real screener', async () => {
    const store = await loadFixture();
    await store.call('rescreen', { all: true });
    const got = await everyOrdersRisk(store);
    const want: Got = Object.fromEntries(
      fixture.orders.map((o) => [o.orderNo, { level: o.expect.level, facts: [...o.expect.facts].sort(), held: o.expect.held ?? null }]),
    );
    expect(got).toEqual(want);
  });

  it('screening order by order (as imports and calls do) gives what a full rescreen gives', async () => {
    const store = await loadFixture();
    await store.call('rescreen', { all: true });
    const full = await everyOrdersRisk(store);
    store.db.prepare('DELETE FROM order_risk').run();
    const ids = store.db.prepare('SELECT id FROM orders ORDER BY ordered_at').all() as { id: string }[];
    for (const { id } of ids) screenOrders(store.db, [id], store.clock.now);
    expect(await everyOrdersRisk(store)).toEqual(full);
  });
});

/** Every stored assessment, by order number (what a card, a hold and the reports read). */
function storedRisks(store: TestStore): Record<string, unknown> {
  const rows = store.db
    .prepare('SELECT o.order_no, r.score, r.level, r.facts, r.held, r.hold_reason FROM order_risk r JOIN orders o ON o.id = r.order_id ORDER BY o.order_no')
    .all() as { order_no: string }[];
  return Object.fromEntries(rows.map(({ order_no, ...r }) => [order_no, r]));
}

/** The store with the region prefixes and the blacklist, and no orders yet. */
async function storeBeforeOrders(): Promise<TestStore> {
  const store = await openReadyStore({ now: fixture.now });
  const csv = buildCsv([['prefix', 'province', 'city'], ...fixture.prefixes]);
  await store.call('importPhonePrefixes', { fileName: 'prefixes.csv', contentBase64: Buffer.from(csv).toString('base64') });
  for (const b of fixture.blacklist) await addFixtureEntry(store, b);
  return store;
}

describe('screening on import gives what a full rescreen gives', () => {
  const asPending = (orders: FixtureOrder[]) => ordersCsv(orders.map((o) => ({ ...o, status: '待发货' })));

  it('one file into an empty store (its new orders screened from memory)', async () => {
    const store = await storeBeforeOrders();
    expect((await importFile(store, 'orders.csv', asPending(fixture.orders))).created).toBe(fixture.orders.length);
    const onImport = storedRisks(store);
    expect(Object.keys(onImport)).toHaveLength(fixture.orders.length);
    expect(Object.values(onImport).some((r) => (r as { level: string }).level === 'high')).toBe(true);
    await store.call('rescreen', { all: true });
    expect(storedRisks(store)).toEqual(onImport);
  });

  it('a small second file into a store that holds the rest (keyed lookups of the neighbours)', async () => {
    const store = await storeBeforeOrders();
    const byTime = [...fixture.orders].sort((a, b) => String(a.orderedAt).localeCompare(String(b.orderedAt)));
    const last = byTime.slice(-6);
    await importFile(store, 'first.csv', asPending(byTime.slice(0, -6)));
    await importFile(store, 'second.csv', asPending(last));
    const onImport = storedRisks(store);
    await store.call('rescreen', { all: true });
    expect(storedRisks(store)).toEqual(onImport);
  });

  it('an order a file lists twice is screened as its last row left it', async () => {
    const store = await storeBeforeOrders();
    const o = fixture.orders.find((x) => x.expect.facts.some((f) => f.startsWith('vague_address')))!;
    const fixed = { ...o, address: `${o.address}88号3栋2单元501室` };
    await importFile(store, 'twice.csv', asPending([...fixture.orders.filter((x) => x !== o), o, fixed]));
    const onImport = storedRisks(store);
    await store.call('rescreen', { all: true });
    expect(storedRisks(store)).toEqual(onImport);
    const facts = JSON.parse((onImport[o.orderNo] as { facts: string }).facts) as { rule: string }[];
    expect(facts.map((f) => f.rule)).not.toContain('vague_address');
  });
});

describe('an address that changes is screened at its new address', () => {
  const X = '花园路街道农业路38号3单元502';
  /** The store's view of each order: its address key and its facts. */
  const risks = (store: TestStore) =>
    Object.fromEntries(
      (store.db
        .prepare('SELECT o.order_no, o.address_key, r.facts FROM order_risk r JOIN orders o ON o.id = r.order_id ORDER BY o.order_no')
        .all() as { order_no: string; address_key: string; facts: string }[]).map((r) => [r.order_no, { key: r.address_key, rules: (JSON.parse(r.facts) as { rule: string }[]).map((f) => f.rule) }]),
    );
  /** Two buyers at X already; then a third buyer's order moves to X (the address converges). */
  async function converging(keyed: boolean, files: 'one' | 'two') {
    const store = await openReadyStore();
    // Enough other orders that a small second file is screened by keyed lookups, not a scan.
    const filler = keyed
      ? Array.from({ length: 40 }, (_, i) => sampleOrder({ orderNo: `F${i}`, phone: `1390013${1000 + i}`, buyerAccount: `f${i}`, address: `建设路${i}号1单元10${i % 9}`, orderedAt: '2026-11-10 09:00' }))
      : [];
    await importFile(store, 'a.csv', ordersCsv([
      ...filler,
      sampleOrder({ orderNo: 'O1', phone: '13800138001', buyerAccount: 'a1', name: '王一', address: X }),
      sampleOrder({ orderNo: 'O2', phone: '13800138002', buyerAccount: 'a2', name: '王二', address: X }),
    ]));
    const before = sampleOrder({ orderNo: 'C', phone: '13800138003', buyerAccount: 'a3', name: '王三', address: '文化路100号7单元301', orderedAt: '2026-11-20 10:00' });
    const moved = { ...before, address: X };
    if (files === 'one') await importFile(store, 'b.csv', ordersCsv([before, moved]));
    else {
      await importFile(store, 'b0.csv', ordersCsv([before]));
      await importFile(store, 'b.csv', ordersCsv([moved]));
    }
    return store;
  }

  for (const keyed of [true, false]) {
    for (const files of ['one', 'two'] as const) {
      it(`${files === 'one' ? 'listed twice in one file' : 'changed by a later file'} (${keyed ? 'keyed lookups' : 'one scan'})`, async () => {
        const store = await converging(keyed, files);
        const onImport = risks(store);
        // Three buyers now converge on X: each of them is a multi-account fact.
        for (const no of ['O1', 'O2', 'C']) expect(onImport[no].rules, no).toContain('multi_account');
        expect(onImport.C.key).toBe(onImport.O1.key);
        await store.call('rescreen', { all: true });
        expect(risks(store)).toEqual(onImport);
      });
    }
  }

  for (const keyed of [true, false]) {
    it(`a later file moves one of the three away: the two left lose the fact (${keyed ? 'keyed lookups' : 'one scan'})`, async () => {
      const store = await converging(keyed, 'two');
      await importFile(store, 'c.csv', ordersCsv([sampleOrder({ orderNo: 'C', phone: '13800138003', buyerAccount: 'a3', name: '王三', address: '文化路100号7单元301', orderedAt: '2026-11-20 10:00' })]));
      const onImport = risks(store);
      for (const no of ['O1', 'O2', 'C']) expect(onImport[no].rules, no).not.toContain('multi_account');
      await store.call('rescreen', { all: true });
      expect(risks(store)).toEqual(onImport);
    });
  }

  it('a call that corrects the address moves the order to its new address group', async () => {
    const store = await converging(true, 'one');
    const card = (await store.call('getOrder', { orderNo: 'C' })).tasks[0];
    store.db.prepare('UPDATE call_tasks SET due_at = ? WHERE id = ?').run('2026-01-01T00:00:00.000Z', card.id);
    const { card: c } = await store.call('nextCard', {});
    expect(c?.order.orderNo).toBe('C');
    await store.call('recordOutcome', { taskId: c!.taskId, outcome: 'corrected', corrections: { address: '文化路100号7单元301' } });
    const after = risks(store);
    expect(after.C.key).not.toBe(after.O1.key);
    expect(after.C.rules).not.toContain('multi_account');
    await store.call('rescreen', { all: true });
    expect(risks(store)).toEqual(after);
  });
});
