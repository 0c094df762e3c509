/**
 * Test helpers for the five call flows. Imports only create verify tasks so far, so a matter of
 * another flow is set up by importing the order and then putting it in the flow's order status
 * with a task row of that flow, written directly in the store.
 */
import type { TaskRow } from '../../electron/services/orders';
import { expect } from 'vitest';
import type { ArgsIn, NextCardResult, QueueStatus } from '../../shared/contract';
import type { Flow, OrderStatus } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { setMeta } from '../../electron/services/settings';
import { importFile, ordersCsv, sampleOrder, type TestStore } from './store';

export type OutcomeArgs = Omit<ArgsIn<'recordOutcome'>, 'taskId'>;

/** The order status a task of each flow is normally found in. */
export const STATUS_FOR_FLOW: Record<Flow, OrderStatus> = {
  verify: 'pending_verify',
  upsell: 'verified',
  recover: 'cancelled',
  track: 'shipped',
  revisit: 'signed',
};

export interface MatterSpec {
  orderNo: string;
  flow: Flow;
  /** Default: the flow's usual status (STATUS_FOR_FLOW). */
  status?: OrderStatus;
  phone?: string;
  /** ISO instant the order was placed (default: 2026-11-20 09:15 Shanghai). */
  orderedAt?: string;
  /** Default: the store clock's now. */
  dueAt?: string;
  /** When the task was created (default: the store clock's now). */
  createdAt?: string;
  isCallback?: boolean;
}

export interface Seeded {
  orderId: string;
  taskId: string;
}

/** Imports the orders and gives each exactly one open task of its flow; returns ids by order number. */
export async function seedMatters(store: TestStore, specs: MatterSpec[]): Promise<Record<string, Seeded>> {
  const orders = specs.map((s, i) =>
    sampleOrder({
      orderNo: s.orderNo,
      phone: s.phone ?? `1390000${String(1000 + i).padStart(4, '0')}`,
      orderedAt: s.orderedAt ?? '2026-11-20T01:15:00.000Z',
    }),
  );
  const summary = await importFile(store, 'seed.csv', ordersCsv(orders));
  expect(summary.created).toBe(specs.length);
  const now = store.clock.iso();
  const out: Record<string, Seeded> = {};
  for (const s of specs) {
    const { id: orderId } = store.db.prepare('SELECT id FROM orders WHERE order_no = ?').get(s.orderNo) as { id: string };
    store.db.prepare('DELETE FROM call_tasks WHERE order_id = ?').run(orderId);
    store.db.prepare('UPDATE orders SET status = ? WHERE id = ?').run(s.status ?? STATUS_FOR_FLOW[s.flow], orderId);
    const taskId = `task-${s.orderNo}`;
    store.db
      .prepare(
        `INSERT INTO call_tasks (id, order_id, flow, state, due_at, is_callback, created_at)
         VALUES (?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(taskId, orderId, s.flow, s.dueAt ?? now, s.isCallback ? 1 : 0, s.createdAt ?? now);
    out[s.orderNo] = { orderId, taskId };
  }
  return out;
}

/** Makes an already set-up agent the workstation's current one (a shift change on one desk). */
export function signInAs(store: TestStore, agentId: string): void {
  setMeta(store.db, 'currentAgentId', agentId, store.clock.now);
}

export async function currentAgentId(store: TestStore): Promise<string> {
  return (await store.call('getSession', {})).agent!.id;
}

/** A full queue status: what a test does not name is empty (and calls are allowed). */
export function queue(p: Partial<QueueStatus> = {}): QueueStatus {
  return {
    dueNow: 0,
    dueNowCapped: false,
    dueByFlow: {},
    later: 0,
    nextDueAt: null,
    callbacksLaterToday: 0,
    overdueCallbacks: 0,
    outsideCallingHours: false,
    callingHours: DEFAULT_SETTINGS.callingHours,
    heldByOthers: 0,
    ...p,
  };
}

export async function takeCard(store: TestStore, flow?: Flow) {
  const { card } = await store.call('nextCard', flow ? { flow } : {});
  if (!card) throw new Error('expected a card');
  return card;
}

export async function record(store: TestStore, taskId: string, args: OutcomeArgs): Promise<NextCardResult & { outcomeId: string }> {
  return store.call('recordOutcome', { taskId, ...args });
}

/** A call_tasks row as the store holds it. */
export type TaskDbRow = TaskRow;

export function taskRow(store: TestStore, taskId: string): TaskDbRow {
  return store.db.prepare('SELECT * FROM call_tasks WHERE id = ?').get(taskId) as TaskDbRow;
}

export function tasksOf(store: TestStore, orderId: string): TaskDbRow[] {
  return store.db.prepare('SELECT * FROM call_tasks WHERE order_id = ? ORDER BY created_at, rowid').all(orderId) as TaskDbRow[];
}

export interface OutcomeDbRow {
  id: string;
  task_id: string;
  order_id: string;
  flow: Flow;
  outcome: string;
  reached: number;
  note: string;
  agent_id: string;
  attempt: number;
  created_at: string;
  callback_at: string | null;
  reason_code: string | null;
  amount_fen: number | null;
  details: string;
}

export function outcomesOf(store: TestStore, orderId: string): OutcomeDbRow[] {
  return store.db.prepare('SELECT * FROM call_outcomes WHERE order_id = ? ORDER BY rowid').all(orderId) as OutcomeDbRow[];
}
