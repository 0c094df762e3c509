/**
 * A worked day for the report tests, on a real store: orders written directly (each in the status
 * its flow serves, with a task of that flow), calls recorded through the real outcome path by two
 * agents on a moving clock, then shipments and a refusal moved in the store as courier files would.
 * The expected numbers of this day are worked out by hand in the tests that use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { ArgsIn } from '../../shared/contract';
import { openCore } from '../../electron/services/core';
import type { Flow, OrderStatus } from '../../shared/domain';
import { orderStatements } from '../../electron/services/orders';
import { outcomeStatements, recordOutcome } from '../../electron/services/outcomes';
import { queueStatements } from '../../electron/services/queue';
import { recordNewOrderMilestone } from '../../electron/services/reports/milestones';
import { completeSetup, storeOf, TestClock, type TestStore } from './store';
import { SHIPPED_DEFAULT_VERSION } from './packs';

export const DAY = '2026-11-20';
export const PREVIOUS_DAY = '2026-11-19';
/** Shanghai wall clock on the report day -> ISO instant. */
export const at = (hhmm: string, day = DAY) => {
  const [h, m] = hhmm.split(':').map(Number);
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h - 8, m)).toISOString();
};

export interface SeedOrder {
  orderNo: string;
  status: OrderStatus;
  amountFen: number;
  product?: string;
  source?: string;
  customerName?: string;
  phone?: string;
  orderedAt?: string;
  flow?: Flow;
}

export interface Seeded {
  orderId: string;
  taskId: string | null;
}

let phones = 0;

/**
 * An order (with its line, and a task of `flow` due in three days so no queue hands it out). Each
 * order has its own buyer's phone: a call hands the same customer's other matters to the caller.
 */
export function seedOrder(store: TestStore, o: SeedOrder): Seeded {
  phones++;
  const id = uuidv7();
  const now = store.clock.iso();
  store.db
    .prepare(
      `INSERT INTO orders (id, order_no, status, customer_name, phone, province, city, district, address, amount_fen,
         payment_method, ordered_at, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '河南省', '郑州市', '金水区', '花园路38号3单元502', ?, 'cod', ?, ?, ?, ?)`,
    )
    .run(id, o.orderNo, o.status, o.customerName ?? '张秀英', o.phone ?? `1380013${String(8000 + phones)}`, o.amountFen, o.orderedAt ?? at('09:15'), o.source ?? '抖音', now, now);
  recordNewOrderMilestone(store.db, id, o.status);
  store.db
    .prepare("INSERT INTO order_lines (id, order_id, position, product, package, quantity, amount_fen) VALUES (?, ?, 0, ?, '5盒装', 1, ?)")
    .run(uuidv7(), id, o.product ?? '晚安冻膜', o.amountFen);
  let taskId: string | null = null;
  if (o.flow) {
    taskId = uuidv7();
    const due = new Date(store.clock.now.getTime() + 3 * 86_400_000).toISOString();
    store.db
      .prepare("INSERT INTO call_tasks (id, order_id, flow, state, due_at, created_at) VALUES (?, ?, ?, 'open', ?, ?)")
      .run(taskId, id, o.flow, due, now);
  }
  return { orderId: id, taskId };
}

export function addAgent(store: TestStore, name: string, roles: string[] = ['agent'], id = uuidv7()): string {
  store.db.prepare('INSERT INTO agents (id, name, roles, created_at) VALUES (?, ?, ?, ?)').run(id, name, JSON.stringify(roles), store.clock.iso());
  return id;
}

type Outcome = Omit<ArgsIn<'recordOutcome'>, 'taskId'>;

/** Records an outcome as `agentId` at a wall-clock time, the card opened `handleSeconds` before. */
export function callAt(store: TestStore, agentId: string, taskId: string, hhmm: string, o: Outcome, handleSeconds = 60, day = DAY): void {
  store.clock.set(at(hhmm, day));
  const st = { orders: orderStatements(store.db), queue: queueStatements(store.db), outcomes: outcomeStatements(store.db) };
  const started = new Date(store.clock.now.getTime() - handleSeconds * 1000).toISOString();
  recordOutcome(store.core.ctx, st, agentId, { ...o, taskId, startedAt: o.startedAt ?? started } as Parameters<typeof recordOutcome>[3]);
}

/** The lead rejected a held high-risk order (what the risk screen writes). */
export function riskRejection(store: TestStore, orderId: string, agentId: string, when: string): void {
  store.db
    .prepare("INSERT INTO order_history (id, order_id, at, agent_id, source, field, old_value, new_value) VALUES (?, ?, ?, ?, 'risk', 'risk_reject', NULL, '虚假地址')")
    .run(uuidv7(), orderId, when, agentId);
}

/** The courier's lines moving an order, as a courier file import writes them. */
export function courier(store: TestStore, orderId: string, status: OrderStatus, when: string, firstLineAt?: string): void {
  const events = firstLineAt ? JSON.stringify([{ at: firstLineAt, status: '已揽收', reason: null }]) : null;
  store.db
    .prepare('UPDATE orders SET status = ?, courier_at = ?, courier_events = COALESCE(?, courier_events), updated_at = ? WHERE id = ?')
    .run(status, when, events, when, orderId);
}

export interface ReportDay {
  store: TestStore;
  /** Closes the store and removes its folder (the day is shared by a file's tests: call in afterAll). */
  close(): void;
  leadId: string;
  agentId: string;
  orders: Record<string, Seeded>;
}

export const HYPERLINK_NAME = '=HYPERLINK("http://evil.example","点我")';

/**
 * The day (Asia/Shanghai, 2026-11-20), worked by the lead 王小丽 (every role) and the agent 李娜:
 * - 10:00 V1 confirmed by the lead, with an upsell accepted in the same call (+¥70.00);
 *   handling 120 s, talk 90 s
 * - 10:05 V2 (土蜂蜜, 快手; customer name that looks like a formula) confirmed with a corrected address by 李娜
 * - 10:10–10:13 V3 no answer four times by the lead: the fourth uses up the verify ladder
 * - 11:00 U1 upsell declined (too expensive) by 李娜
 * - 11:10 R1 recovered (¥169.00) by 李娜; 11:20 R2 not recovered (found cheaper) by the lead
 * - 14:00 T1 refused at the door (courier attitude) by the lead; 14:10 T2 saved with ¥5.00 compensation by 李娜
 * - 15:00 S1 bad review settled with a ¥10.00 refund by 李娜
 * - 12:00 the lead rejected a held high-risk order (RR, placed two days before)
 * - couriers: V1 picked up 16:00 and signed; V2 picked up 17:00 and refused
 * - the day before: P1 confirmed by the lead at 10:00
 */
export async function seedReportDay(): Promise<ReportDay> {
  // Opened by hand, not with openTestStore: the day is built once in beforeAll for a file's tests.
  const dataDir = mkdtempSync(join(tmpdir(), 'callcard-reports-'));
  const clock = new TestClock(at('08:00'));
  const core = openCore({ dataDir, now: () => clock.now });
  const store = storeOf(core, clock, dataDir, () => {
    throw new Error('not used');
  });
  const close = () => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  await completeSetup(store);
  const leadId = store.core.ctx.db.prepare("SELECT value FROM settings WHERE key = 'meta:currentAgentId'").pluck().get() as string;
  const agentId = addAgent(store, '李娜');
  const o: Record<string, Seeded> = {};
  o.P1 = seedOrder(store, { orderNo: 'P1', status: 'pending_verify', amountFen: 9900, flow: 'verify', orderedAt: at('09:00', PREVIOUS_DAY) });
  o.RR = seedOrder(store, { orderNo: 'RR', status: 'pending_verify', amountFen: 9900, orderedAt: at('09:00', '2026-11-18') });
  o.V1 = seedOrder(store, { orderNo: 'V1', status: 'pending_verify', amountFen: 9900, flow: 'verify' });
  o.V2 = seedOrder(store, { orderNo: 'V2', status: 'pending_verify', amountFen: 12_900, flow: 'verify', product: '土蜂蜜', source: '快手', customerName: HYPERLINK_NAME, phone: '13912345678' });
  o.V3 = seedOrder(store, { orderNo: 'V3', status: 'pending_verify', amountFen: 9900, flow: 'verify' });
  o.U1 = seedOrder(store, { orderNo: 'U1', status: 'verified', amountFen: 9900, flow: 'upsell' });
  o.R1 = seedOrder(store, { orderNo: 'R1', status: 'cancelled', amountFen: 16_900, flow: 'recover' });
  o.R2 = seedOrder(store, { orderNo: 'R2', status: 'unpaid', amountFen: 5900, flow: 'recover' });
  o.T1 = seedOrder(store, { orderNo: 'T1', status: 'shipped', amountFen: 9900, flow: 'track' });
  o.T2 = seedOrder(store, { orderNo: 'T2', status: 'delivery_exception', amountFen: 9900, flow: 'track' });
  o.S1 = seedOrder(store, { orderNo: 'S1', status: 'signed', amountFen: 9900, flow: 'revisit' });

  callAt(store, leadId, o.P1.taskId!, '10:00', { outcome: 'confirmed' }, 60, PREVIOUS_DAY);
  const offer = { id: 'gift', title: '加购一盒', addLines: [{ product: '晚安冻膜', package: '加购1盒', quantity: 1, amountFen: 7000 }], newTotalFen: 16_900 };
  callAt(store, leadId, o.V1.taskId!, '10:00', {
    outcome: 'confirmed',
    dialedAt: new Date(Date.parse(at('10:00')) - 90_000).toISOString(),
    inCallUpsell: { outcome: 'upsell_accepted', offer },
    scriptPackId: 'default',
    scriptVersion: SHIPPED_DEFAULT_VERSION,
    scriptPath: [
      { step: 'greet', at: at('09:58') },
      { step: 'read_address', at: at('09:59') },
      // A step the pack version does not have (recorded against another version): shown by its id.
      { step: 'confirm_address', at: at('09:59') },
    ],
  }, 120);
  // The customer called back (the agent took the card for a caller).
  callAt(store, agentId, o.V2.taskId!, '10:05', { outcome: 'corrected', corrections: { address: '花园路38号3单元602' }, inbound: true }, 120);
  for (const m of ['10:10', '10:11', '10:12', '10:13']) callAt(store, leadId, o.V3.taskId!, m, { outcome: 'no_answer' }, 30);
  callAt(store, agentId, o.U1.taskId!, '11:00', { outcome: 'upsell_declined', reasonCode: 'too_expensive' });
  callAt(store, agentId, o.R1.taskId!, '11:10', { outcome: 'recovered' });
  callAt(store, leadId, o.R2.taskId!, '11:20', { outcome: 'not_recovered', reasonCode: 'found_cheaper' });
  riskRejection(store, o.RR.orderId, leadId, at('12:00'));
  callAt(store, leadId, o.T1.taskId!, '14:00', { outcome: 'refused', reasonCode: 'courier_attitude' });
  callAt(store, agentId, o.T2.taskId!, '14:10', { outcome: 'compensation_accepted', compensationFen: 500 });
  callAt(store, agentId, o.S1.taskId!, '15:00', { outcome: 'bad_review_settled', refundFen: 1000 });
  courier(store, o.V1.orderId, 'shipped', at('16:00'), at('16:00'));
  courier(store, o.V1.orderId, 'signed', at('18:00'));
  courier(store, o.V2.orderId, 'shipped', at('17:00'), at('17:00'));
  courier(store, o.V2.orderId, 'refused', at('19:00'));
  store.clock.set(at('20:00'));
  return { store, close, leadId, agentId, orders: o };
}
