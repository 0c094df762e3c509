/**
 * Shared helpers for tests that run the real core on a real SQLite file in a temp folder.
 * Nothing here mocks the core: a test opens the same `openCore` every door opens, with a clock it
 * controls, and calls it through the same `dispatch` (so arguments are validated as at a door).
 */
import { readOutbox } from '../../electron/services/outbox';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import type { ArgsIn, MethodName, ResultOf, SessionView } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { CallcardError } from '../../shared/errors';
import { openCore, type Core } from '../../electron/services/core';
import type { Db } from '../../electron/services/db/open';
import { uuidv7 } from '../../electron/services/ids';
import { saveAgent } from '../../electron/services/session';
import { setMeta } from '../../electron/services/settings';
import { ROLES, type Role } from '../../shared/domain';

/** A fresh, empty data folder under the OS temp dir, removed when the current test ends. */
/**
 * A temporary folder shared by a file's (or a describe block's) tests: call it at module or describe
 * level, not inside a hook or a test; it is removed after the block's last test.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempDataDir(prefix = 'callcard-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock the test moves by hand. The core reads it through `now: () => clock.now`. */
export class TestClock {
  now: Date;
  constructor(iso: string) {
    this.now = new Date(iso);
  }
  set(iso: string): void {
    this.now = new Date(iso);
  }
  advanceMinutes(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }
  iso(): string {
    return this.now.toISOString();
  }
}

/** 2026-11-20 12:00 in Asia/Shanghai: a working Friday noon. */
export const DEFAULT_NOW = '2026-11-20T04:00:00.000Z';

export interface TestStore {
  core: Core;
  clock: TestClock;
  dataDir: string;
  db: Db;
  /** Calls a contract method the way a door does: validated by the contract, then the core. */
  call<K extends MethodName>(name: K, args: ArgsIn<K>): Promise<ResultOf<K>>;
  /** Closes and reopens the core on the same data folder (an app restart / page reload). */
  reopen(): TestStore;
}

/** Opens the real core on a (new or given) data folder with a controllable clock; closed when the test ends. */
export function openTestStore(
  opts: { dataDir?: string; now?: string; clock?: TestClock; importInlineMaxBytes?: number; resourcesDir?: string } = {},
): TestStore {
  const dataDir = opts.dataDir ?? tempDataDir();
  const clock = opts.clock ?? new TestClock(opts.now ?? DEFAULT_NOW);
  const core = openCore({ dataDir, now: () => clock.now, importInlineMaxBytes: opts.importInlineMaxBytes, resourcesDir: opts.resourcesDir });
  onTestFinished(() => core.close());
  return storeOf(core, clock, dataDir, () => {
    core.close();
    // Reopened as the current app: its own resources (a test that opened an older release updates it).
    return openTestStore({ dataDir, clock, importInlineMaxBytes: opts.importInlineMaxBytes });
  });
}

/** An open core as a TestStore: calls go through the contract the way a door sends them. */
export function storeOf(core: Core, clock: TestClock, dataDir: string, reopen: () => TestStore): TestStore {
  return {
    core,
    clock,
    dataDir,
    db: core.ctx.db,
    call: async (name, args) => (await dispatch(core.handlers, name, args)) as never,
    reopen,
  };
}

export const TEST_AGENT = '王小丽';
export const TEST_SHOP = '好物优选旗舰店';

/**
 * Completes first-run setup (agent, shop, language) so that queue and outcome calls are allowed.
 * On a store already set up, signs another agent in instead (setup runs once): a second agent
 * on the same store, as another workstation's agent works on the same orders.
 */
export async function completeSetup(store: TestStore, agentName = TEST_AGENT): Promise<SessionView> {
  if (!(await store.call('getSession', {})).setupDone) return store.call('completeSetup', { agentName, shopName: TEST_SHOP, language: 'zh-CN' });
  return signInAs(store, agentName);
}

/** Signs a new agent (every role unless told) in on this store. */
export async function signInAs(store: TestStore, agentName: string, roles: Role[] = [...ROLES]): Promise<SessionView> {
  const id = uuidv7();
  store.db.prepare('INSERT INTO agents (id, name, roles, created_at) VALUES (?, ?, ?, ?)').run(id, agentName, JSON.stringify(roles), store.clock.iso());
  setMeta(store.db, 'currentAgentId', id, store.clock.now);
  return store.call('getSession', {});
}

/**
 * Gives the signed-in agent these roles, as a lead (or the server) would: the test is about what a
 * session with them may see and do. (Changing one's own roles is a lead's call: see session tests.)
 */
export async function setRoles(store: TestStore, roles: Role[]): Promise<SessionView> {
  const me = (await store.call('getSession', {})).agent;
  if (!me) throw new Error('setRoles: nobody is signed in');
  saveAgent(store.core.ctx, { ...me, roles }, store.clock.now);
  return store.call('getSession', {});
}

/** A core on a fresh store with setup done: the usual starting point of an integration test. */
export async function openReadyStore(opts: { now?: string; agentName?: string; importInlineMaxBytes?: number } = {}): Promise<TestStore> {
  const store = openTestStore({ now: opts.now, importInlineMaxBytes: opts.importInlineMaxBytes });
  await completeSetup(store, opts.agentName);
  return store;
}

// ---------- files ----------

/** One CSV cell, quoted the way Excel quotes it when it contains a delimiter, a quote or a line break. */
export function csvCell(v: string | number | null | undefined, delimiter = ','): string {
  const s = v == null ? '' : String(v);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Builds CSV text from rows of cells (CRLF line ends, as Excel writes them). */
export function buildCsv(rows: (string | number | null | undefined)[][], opts: { delimiter?: string; eol?: string } = {}): string {
  const d = opts.delimiter ?? ',';
  return rows.map((r) => r.map((c) => csvCell(c, d)).join(d)).join(opts.eol ?? '\r\n') + (opts.eol ?? '\r\n');
}

export const CANONICAL_HEADER = [
  'order_no',
  'name',
  'phone',
  'province',
  'city',
  'district',
  'address',
  'product',
  'package',
  'quantity',
  'amount',
  'payment_method',
  'ordered_at',
  'ip',
  'buyer_account',
  'status',
] as const;

export const CHINESE_HEADER = [
  '订单编号',
  '收货人',
  '联系电话',
  '省份',
  '城市',
  '区县',
  '详细地址',
  '商品名称',
  '套餐',
  '数量',
  '订单金额',
  '支付方式',
  '下单时间',
  '下单IP',
  '买家账号',
  '订单状态',
] as const;

export interface SampleOrder {
  orderNo: string;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  product: string;
  package: string;
  quantity: string | number;
  amount: string;
  paymentMethod: string;
  orderedAt: string;
  ip: string;
  buyerAccount: string;
  status: string;
}

/** A realistic COD order row; override what the test is about. */
export function sampleOrder(overrides: Partial<SampleOrder> = {}): SampleOrder {
  return {
    orderNo: 'DD20261120001',
    name: '张秀英',
    phone: '13800138000',
    province: '河南省',
    city: '郑州市',
    district: '金水区',
    address: '花园路街道农业路38号3单元502',
    product: '晚安冻膜',
    package: '5盒装',
    quantity: 1,
    amount: '99.00',
    paymentMethod: '货到付款',
    orderedAt: '2026-11-20 09:15',
    ip: '1.192.0.1',
    buyerAccount: 'zxy_8888',
    status: '待发货',
    ...overrides,
  };
}

export function orderCells(o: SampleOrder): (string | number)[] {
  return [
    o.orderNo,
    o.name,
    o.phone,
    o.province,
    o.city,
    o.district,
    o.address,
    o.product,
    o.package,
    o.quantity,
    o.amount,
    o.paymentMethod,
    o.orderedAt,
    o.ip,
    o.buyerAccount,
    o.status,
  ];
}

/** CSV text of orders under a header (canonical English names by default). */
export function ordersCsv(orders: SampleOrder[], header: readonly string[] = CANONICAL_HEADER): string {
  return buildCsv([[...header], ...orders.map(orderCells)]);
}

/** Imports file bytes (or UTF-8 text) through the contract, as the renderer does. */
export async function importFile(store: TestStore, fileName: string, content: string | Uint8Array) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return store.call('importOrders', { fileName, contentBase64: bytes.toString('base64') });
}

// ---------- store inspection ----------

export const TABLES = [
  'orders',
  'order_lines',
  'order_history',
  'call_tasks',
  'call_outcomes',
  'outbox',
  'agents',
  'settings',
  '_migrations',
] as const;

export function countRows(db: Db, table: (typeof TABLES)[number]): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every row of every table, in a stable order: equal dumps mean an untouched store. */
export function dumpStore(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  return out;
}

export interface OutboxRow {
  seq: number;
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  payload: string;
  created_at: string;
  sent_at: string | null;
}

export function outboxRows(db: Db): OutboxRow[] {
  return db.prepare('SELECT * FROM outbox ORDER BY seq').all() as OutboxRow[];
}

/** What the server receives for this entry (an order entry: the order as it stands now). */
export function sentPayload(db: Db, row: Pick<OutboxRow, 'seq'>): unknown {
  return readOutbox(db, 1_000_000).find((e) => e.seq === row.seq)?.payload;
}

/** Runs `fn` and returns what it threw (or rejected with); fails the test when nothing was thrown. */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the call succeeded');
}

/** Runs `fn`, expects a CallcardError and returns it for further assertions on code and params. */
export async function callcardError(fn: () => unknown, code: string): Promise<CallcardError> {
  const e = await thrown(fn);
  if (!(e instanceof CallcardError)) throw new Error(`expected CallcardError '${code}', got: ${String(e)}`);
  if (e.code !== code) throw new Error(`expected CallcardError '${code}', got '${e.code}' ${JSON.stringify(e.params)}`);
  return e;
}
