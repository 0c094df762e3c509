/**
 * The five call flows on a real store, driven by the outcome catalogue itself: every outcome of
 * every flow is recorded on an order in a status that fits the flow, and what it does to the
 * order, the task, the outcome record, the history, the outbox and the follow-up tasks is checked
 * against the expectations written out below. A new outcome without an expectation fails.
 */
import { describe, expect, test } from 'vitest';
import type { AcceptedOffer, OrderStatus } from '../../shared/contract';
import type { Flow } from '../../shared/domain';
import { OUTCOMES, REASON_LISTS, outcomeDef, type OutcomeCode, type OutcomeDef } from '../../shared/outcomes';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  currentAgentId,
  outcomesOf,
  queue,
  record,
  seedMatters,
  takeCard,
  taskRow,
  tasksOf,
  type OutcomeArgs,
} from '../helpers/flows';
import { callcardError, countRows, dumpStore, openReadyStore, outboxRows, sentPayload, TEST_AGENT, type TestStore } from '../helpers/store';

/** 12:00 on Friday 2026-11-20 in Shanghai. */
const NOW = '2026-11-20T04:00:00.000Z';
const plusMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

const OFFER: AcceptedOffer = {
  id: 'gift-8-cans',
  title: '加69元再得8罐装',
  addLines: [{ product: '晚安冻膜', package: '8罐装', quantity: 1, amountFen: 7000 }],
  newTotalFen: 9900 + 7000,
};
const NEW_ADDRESS = '花园路街道农业路38号3单元502（放门卫）';
const STATION = '菜鸟驿站（农业路38号店）';

interface Expected {
  args?: Partial<OutcomeArgs>;
  /** The order's status afterwards; absent: unchanged. */
  status?: OrderStatus;
  task: 'close' | 'retry' | 'schedule';
  reached: boolean;
  reasonCode?: string;
  amountFen?: number;
  details?: Record<string, unknown>;
  /** Order fields (besides the status) the outcome changes, as the history names them. */
  changes?: string[];
  /** A confirmed order gets an upsell call of its own. */
  upsellTask?: boolean;
}

const EXPECTED: Record<OutcomeCode, Expected> = {
  confirmed: { status: 'verified', task: 'close', reached: true, upsellTask: true },
  corrected: {
    args: { corrections: { address: NEW_ADDRESS } },
    status: 'verified',
    task: 'close',
    reached: true,
    details: { corrections: { address: NEW_ADDRESS } },
    changes: ['address'],
    upsellTask: true,
  },
  not_ordered: { status: 'rejected', task: 'close', reached: true },
  wants_cancel: { args: { reasonCode: 'found_cheaper' }, status: 'cancelled', task: 'close', reached: true, reasonCode: 'found_cheaper' },
  wrong_person: { status: 'unreachable', task: 'close', reached: true },

  upsell_accepted: { args: { offer: OFFER }, task: 'close', reached: true, amountFen: 7000, details: { offer: OFFER }, changes: ['amountFen', 'lines'] },
  upsell_declined: { args: { reasonCode: 'too_expensive' }, task: 'close', reached: true, reasonCode: 'too_expensive' },

  recovered: { status: 'verified', task: 'close', reached: true },
  not_recovered: { args: { reasonCode: 'found_cheaper' }, task: 'close', reached: true, reasonCode: 'found_cheaper' },

  will_sign: { status: 'shipped', task: 'close', reached: true },
  self_pickup: { args: { station: STATION }, status: 'shipped', task: 'close', reached: true, details: { station: STATION } },
  address_corrected: {
    args: { corrections: { address: NEW_ADDRESS } },
    status: 'shipped',
    task: 'close',
    reached: true,
    details: { corrections: { address: NEW_ADDRESS } },
    changes: ['address'],
  },
  compensation_accepted: { args: { compensationFen: 500 }, status: 'shipped', task: 'close', reached: true, amountFen: 500 },
  refused: { args: { reasonCode: 'courier_attitude' }, status: 'refused', task: 'close', reached: true, reasonCode: 'courier_attitude' },

  satisfied: { task: 'close', reached: true },
  wechat_invited: { task: 'close', reached: true },
  complaint: { args: { reasonCode: 'no_effect' }, task: 'close', reached: true, reasonCode: 'no_effect' },
  bad_review_settled: { args: { refundFen: 1000 }, task: 'close', reached: true, amountFen: 1000 },
  repurchase_interest: { task: 'close', reached: true },

  no_answer: { task: 'retry', reached: false },
  busy: { task: 'retry', reached: false },
  powered_off: { task: 'retry', reached: false },
  empty_number: { status: 'unreachable', task: 'close', reached: false },
  callback: { args: { callbackAt: plusMinutes(NOW, 180) }, task: 'schedule', reached: true },
};

/** The order statuses each flow's matters are tried from. */
const START: Record<Flow, OrderStatus[]> = {
  verify: ['pending_verify'],
  upsell: ['verified'],
  recover: ['cancelled', 'unpaid'],
  // No courier data is stored yet: a delivery exception is its order status alone.
  track: ['delivery_exception', 'shipped'],
  revisit: ['signed'],
};

/** When the first unanswered call of each flow is tried again, called at 12:00 (default ladders). */
const FIRST_RETRY: Record<Flow, string> = {
  verify: '2026-11-20T04:30:00.000Z', // +30 min
  upsell: '2026-11-20T06:00:00.000Z', // +2 h
  recover: '2026-11-20T05:00:00.000Z', // +1 h
  track: '2026-11-20T06:00:00.000Z', // +2 h
  revisit: '2026-11-21T06:00:00.000Z', // next day 14:00
};

const CASES = OUTCOMES.flatMap((def) => def.flows.flatMap((flow) => START[flow].map((status) => ({ code: def.code, flow, status }))));

async function storeWithMatter(flow: Flow, status?: OrderStatus, now = NOW) {
  const store = await openReadyStore({ now });
  const seeded = await seedMatters(store, [{ orderNo: 'F1', flow, status }]);
  return { store, ...seeded.F1 };
}

function historyRows(store: TestStore, orderId: string) {
  return store.db
    .prepare('SELECT field, old_value, new_value, source, agent_id, at FROM order_history WHERE order_id = ? ORDER BY field, rowid')
    .all(orderId) as { field: string; old_value: string | null; new_value: string | null; source: string; agent_id: string; at: string }[];
}

describe('the catalogue', () => {
  test('every outcome has an expectation and the catalogue agrees with it', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(OUTCOMES.map((o) => o.code).sort());
    for (const def of OUTCOMES) {
      const exp = EXPECTED[def.code];
      expect({ code: def.code, task: def.task, status: def.orderStatus, reached: def.reached }).toEqual({
        code: def.code,
        task: exp.task,
        status: exp.status,
        reached: exp.reached,
      });
    }
  });

  test('every flow offers outcomes on unique keys, and a way to record an unanswered call and a callback', () => {
    for (const flow of Object.keys(START) as Flow[]) {
      const defs = OUTCOMES.filter((o) => o.flows.includes(flow));
      expect(new Set(defs.map((d) => d.key)).size).toBe(defs.length);
      expect(defs.map((d) => d.code)).toEqual(expect.arrayContaining(['no_answer', 'busy', 'powered_off', 'callback']));
    }
  });
});

describe('outcome keys a lead changes', () => {
  test('a new key is kept; one that clashes with another outcome of the flow or with the card\'s own keys is refused', async () => {
    const store = await openReadyStore();
    const session = await store.call('updateSettings', { settings: { outcomeOverrides: { 'zh-CN': { confirmed: { key: 'y', label: '没问题' } } } } });
    expect(session.settings.outcomeOverrides['zh-CN']?.confirmed).toEqual({ key: 'y', label: '没问题' });
    // 2 is "confirmed with corrections" in the verify call.
    const clash = await callcardError(() => store.call('updateSettings', { settings: { outcomeOverrides: { en: { confirmed: { key: '2' } } } } }), 'duplicate_outcome_key');
    expect(clash.params).toEqual({ key: '2', flow: 'verify' });
    // Dial, flows, a customer calling in, script steps, objections.
    for (const key of ['d', 'f', 'i', 'j', 'k', 'o']) {
      const e = await callcardError(() => store.call('updateSettings', { settings: { outcomeOverrides: { en: { busy: { key } } } } }), 'reserved_key');
      expect(store.core.t(`errors.${e.code}`, e.params)).toContain(`按键 ${key.toUpperCase()} 已被呼叫卡占用`);
    }
    expect((await store.call('getSession', {})).settings.outcomeOverrides).toEqual({ 'zh-CN': { confirmed: { key: 'y', label: '没问题' } } });
  });
});

describe('each flow’s outcomes', () => {
  test.each(CASES)('$flow ($status) → $code', async ({ code, flow, status: startStatus }) => {
    const exp = EXPECTED[code];
    const { store, orderId, taskId } = await storeWithMatter(flow, startStatus);
    const agentId = await currentAgentId(store);
    const card = await takeCard(store);
    expect(card).toMatchObject({ taskId, flow, order: { status: startStatus } });
    const outboxBefore = outboxRows(store.db).length;
    expect(historyRows(store, orderId)).toEqual([]);

    const result = await record(store, taskId, { outcome: code, note: `记录 ${code}`, ...exp.args });

    // The order.
    const endStatus = exp.status ?? startStatus;
    const detail = await store.call('getOrder', { orderNo: 'F1' });
    expect(detail.order.status).toBe(endStatus);
    if (exp.args?.offer) {
      expect(detail.order.amountFen).toBe(OFFER.newTotalFen);
      expect(detail.order.lines).toEqual([
        { product: '晚安冻膜', package: '5盒装', quantity: 1, amountFen: 9900 },
        { product: '晚安冻膜', package: '8罐装', quantity: 1, amountFen: 7000 },
      ]);
    } else {
      expect(detail.order.amountFen).toBe(9900);
      expect(detail.order.lines).toHaveLength(1);
    }
    if (exp.args?.corrections) expect(detail.order.address).toBe(NEW_ADDRESS);

    // The task.
    const task = taskRow(store, taskId);
    const base = { id: taskId, flow, attempts: 1, claimed_by: null, claimed_at: null, last_outcome: code };
    if (exp.task === 'close') {
      expect(task).toMatchObject({ ...base, state: 'done', unanswered: 0, is_callback: 0, closed_at: NOW });
    } else if (exp.task === 'retry') {
      expect(task).toMatchObject({ ...base, state: 'open', unanswered: 1, is_callback: 0, due_at: FIRST_RETRY[flow], closed_at: null });
    } else {
      expect(task).toMatchObject({ ...base, state: 'open', unanswered: 0, is_callback: 1, due_at: exp.args!.callbackAt, closed_at: null });
    }

    // The outcome record.
    expect(outcomesOf(store, orderId)).toEqual([
      expect.objectContaining({
        id: result.outcomeId,
        task_id: taskId,
        flow,
        outcome: code,
        reached: exp.reached ? 1 : 0,
        note: `记录 ${code}`,
        agent_id: agentId,
        attempt: 1,
        created_at: NOW,
        callback_at: exp.task === 'schedule' ? exp.args!.callbackAt : null,
        reason_code: exp.reasonCode ?? null,
        amount_fen: exp.amountFen ?? null,
      }),
    ]);
    expect(JSON.parse(outcomesOf(store, orderId)[0].details)).toEqual(exp.details ?? {});
    expect(detail.outcomes[0]).toMatchObject({ flow, outcome: code, reasonCode: exp.reasonCode ?? null, amountFen: exp.amountFen ?? null, agentName: TEST_AGENT });

    // The history: every changed field with its old value, by this agent on a call.
    const changed = [...(exp.changes ?? []), ...(endStatus !== startStatus ? ['status'] : [])].sort();
    const history = historyRows(store, orderId);
    expect(history.map((h) => h.field)).toEqual(changed);
    for (const h of history) expect(h).toMatchObject({ source: 'call', agent_id: agentId, at: NOW });
    if (endStatus !== startStatus) expect(history.find((h) => h.field === 'status')).toMatchObject({ old_value: startStatus, new_value: endStatus });
    if (exp.args?.offer) {
      expect(history.find((h) => h.field === 'amountFen')).toMatchObject({ old_value: '9900', new_value: '16900' });
      expect(history.find((h) => h.field === 'lines')).toMatchObject({ old_value: null, new_value: '晚安冻膜 8罐装 ×1' });
    }

    // Follow-up tasks: only a confirmed verify call opens one (the upsell call an hour later).
    const tasks = tasksOf(store, orderId);
    expect(tasks.map((t) => [t.flow, t.state])).toEqual([[flow, task.state], ...(exp.upsellTask ? [['upsell', 'open']] : [])]);
    if (exp.upsellTask) expect(tasks[1]).toMatchObject({ due_at: plusMinutes(NOW, 60), attempts: 0, claimed_by: null });

    // The outbox: the outcome, the task, the order when it changed, then any follow-up task.
    const added = outboxRows(store.db).slice(outboxBefore);
    const orderChanged = changed.length > 0;
    expect(added.map((r) => [r.entity, r.entity_id, r.op])).toEqual([
      ['call_outcome', result.outcomeId, 'append'],
      ['call_task', taskId, 'upsert'],
      ...(orderChanged ? [['order', orderId, 'upsert']] : []),
      ...(exp.upsellTask ? [['call_task', tasks[1].id, 'upsert']] : []),
    ]);
    expect(JSON.parse(added[0].payload)).toMatchObject({
      id: result.outcomeId,
      taskId,
      orderNo: 'F1',
      flow,
      outcome: code,
      reached: exp.reached,
      reasonCode: exp.reasonCode ?? null,
      amountFen: exp.amountFen ?? null,
      agentId,
      details: exp.details ?? {},
    });
    expect(JSON.parse(added[1].payload)).toMatchObject({ id: taskId, flow, state: task.state, dueAt: task.due_at, attempts: 1 });
    if (orderChanged) expect(sentPayload(store.db, added[2])).toMatchObject({ orderNo: 'F1', status: endStatus, amountFen: detail.order.amountFen });

    // Nothing else is due now.
    expect(result.card).toBeNull();
    expect(result.queue.dueNow).toBe(0);
  });
});

describe('what an outcome needs', () => {
  const FLOWS = Object.keys(START) as Flow[];

  test.each(FLOWS)('a %s card refuses every outcome of other flows, and nothing is written', async (flow) => {
    const { store, taskId } = await storeWithMatter(flow);
    await takeCard(store);
    const before = dumpStore(store.db);
    const foreign = OUTCOMES.filter((o) => !o.flows.includes(flow));
    expect(foreign.length).toBeGreaterThan(0);
    for (const def of foreign) {
      const err = await callcardError(() => record(store, taskId, { outcome: def.code, ...EXPECTED[def.code].args }), 'outcome_not_for_flow');
      expect(err.params).toEqual({ outcome: def.code, flow });
    }
    expect(dumpStore(store.db)).toEqual(before);
  });

  const WITH_REASONS = OUTCOMES.filter((o): o is OutcomeDef & { reasons: keyof typeof REASON_LISTS } => o.reasons !== undefined);

  test('the outcomes with a reason list', () => {
    expect(WITH_REASONS.map((o) => [o.code, o.reasons])).toEqual([
      ['wants_cancel', 'loss'],
      ['upsell_declined', 'upsellDecline'],
      ['not_recovered', 'loss'],
      ['refused', 'refusal'],
      ['complaint', 'complaint'],
    ]);
  });

  test.each(WITH_REASONS)('$code needs a reason from its list ($reasons); a reason the lead added is accepted', async (def) => {
    const { store, taskId, orderId } = await storeWithMatter(def.flows[0]);
    await takeCard(store);
    const before = dumpStore(store.db);
    await callcardError(() => record(store, taskId, { outcome: def.code }), 'reason_required');
    const err = await callcardError(() => record(store, taskId, { outcome: def.code, reasonCode: '家里人不同意' }), 'unknown_reason');
    expect(err.params).toEqual({ reason: '家里人不同意' });
    // Another list's reason is not this list's.
    const other = Object.entries(REASON_LISTS).find(([name]) => name !== def.reasons)![1];
    const foreignReason = other.find((r) => !(REASON_LISTS[def.reasons] as readonly string[]).includes(r))!;
    await callcardError(() => record(store, taskId, { outcome: def.code, reasonCode: foreignReason }), 'unknown_reason');
    expect(dumpStore(store.db)).toEqual(before);

    await store.call('updateSettings', { settings: { extraReasons: { [def.reasons]: ['家里人不同意'] } } });
    await record(store, taskId, { outcome: def.code, reasonCode: '家里人不同意', ...(def.requires?.includes('offer') ? { offer: OFFER } : {}) });
    expect(outcomesOf(store, orderId)).toEqual([expect.objectContaining({ outcome: def.code, reason_code: '家里人不同意' })]);
  });

  test('every built-in reason of each list is accepted', async () => {
    for (const def of WITH_REASONS) {
      for (const reasonCode of REASON_LISTS[def.reasons]) {
        const { store, taskId, orderId } = await storeWithMatter(def.flows[0]);
        await record(store, taskId, { outcome: def.code, reasonCode });
        expect(outcomesOf(store, orderId)[0].reason_code).toBe(reasonCode);
      }
    }
  });

  test('an outcome without a reason list takes no reason', async () => {
    const { store, taskId } = await storeWithMatter('revisit');
    const before = dumpStore(store.db);
    const err = await callcardError(() => record(store, taskId, { outcome: 'satisfied', reasonCode: 'quality' }), 'invalid_arguments');
    expect(err.params.details).toContain('reasonCode');
    expect(dumpStore(store.db)).toEqual(before);
  });

  test.each([
    ['upsell_accepted', 'upsell', 'offer'],
    ['self_pickup', 'track', 'station'],
    ['compensation_accepted', 'track', 'compensationFen'],
    ['bad_review_settled', 'revisit', 'refundFen'],
  ] as const)('%s needs its %s… input: refused naming %s, nothing written', async (code, flow, field) => {
    expect(outcomeDef(code).requires).toEqual([field]);
    const { store, taskId } = await storeWithMatter(flow);
    await takeCard(store);
    const before = dumpStore(store.db);
    const err = await callcardError(() => record(store, taskId, { outcome: code }), 'invalid_arguments');
    expect(err.params.details).toContain(field);
    expect(dumpStore(store.db)).toEqual(before);
  });

  test.each([
    ['confirmed', 'verify', { offer: OFFER }, 'offer'],
    ['will_sign', 'track', { station: STATION }, 'station'],
    ['will_sign', 'track', { compensationFen: 500 }, 'compensationFen'],
    ['satisfied', 'revisit', { refundFen: 1000 }, 'refundFen'],
    ['upsell_declined', 'upsell', { reasonCode: 'too_expensive', offer: OFFER }, 'offer'],
    ['confirmed', 'verify', { callbackAt: plusMinutes(NOW, 60) }, 'callbackAt'],
  ] as const)('%s (%s) refuses an input it does not take (%o), nothing written', async (code, flow, extra, field) => {
    const { store, taskId } = await storeWithMatter(flow);
    await takeCard(store);
    const before = dumpStore(store.db);
    const err = await callcardError(() => record(store, taskId, { outcome: code, ...extra }), 'invalid_arguments');
    expect(err.params.details).toContain(field);
    expect(dumpStore(store.db)).toEqual(before);
  });

  test.each([
    ['compensation_accepted', 'track', { compensationFen: 30_000 }],
    ['bad_review_settled', 'revisit', { refundFen: 30_000 }],
  ] as const)('%s: more money than the order is worth is refused as a typo, nothing written', async (code, flow, extra) => {
    const { store, taskId } = await storeWithMatter(flow);
    await takeCard(store);
    const before = dumpStore(store.db);
    const err = await callcardError(() => record(store, taskId, { outcome: code, ...extra }), 'money_over_order');
    expect(Number(err.params.amount)).toBe(300);
    expect(dumpStore(store.db)).toEqual(before);
  });

  test('an upsell accepted on an order paid online holds it until the balance is in; on a COD order it ships as usual', async () => {
    for (const [flow, paid] of [['upsell', 'online'], ['verify', 'online'], ['upsell', 'cod']] as const) {
      const { store, taskId } = await storeWithMatter(flow);
      store.db.prepare("UPDATE orders SET payment_method = ? WHERE order_no = 'F1'").run(paid);
      await takeCard(store);
      if (flow === 'upsell') await record(store, taskId, { outcome: 'upsell_accepted', offer: OFFER });
      else await record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_accepted', offer: OFFER } });
      const risk = await store.call('getOrderRisk', { orderNo: 'F1' });
      if (paid === 'cod') {
        expect(risk.held, `${flow} ${paid}`).toBe(false);
        continue;
      }
      // The added ¥70 is still to be paid: held, saying so, in the agent's name.
      expect(risk, `${flow} ${paid}`).toMatchObject({ held: true, holdReason: 'lead_hold', override: { decision: 'hold', by: TEST_AGENT } });
      expect(risk.override!.reason).toBe('加单后还需补款 ¥70.00（在线支付）：收到后再放行');
      // Paid: a lead releases it, and it may ship.
      const released = await store.call('overrideRisk', { orderNo: 'F1', decision: 'release', reason: '尾款已付' });
      expect(released.held).toBe(false);
    }
  });

  test('an offer whose new total does not add up is refused and nothing is written', async () => {
    const { store, taskId } = await storeWithMatter('upsell');
    await takeCard(store);
    const before = dumpStore(store.db);
    const err = await callcardError(
      () => record(store, taskId, { outcome: 'upsell_accepted', offer: { ...OFFER, newTotalFen: 16800 } }),
      'offer_total_mismatch',
    );
    expect(err.params).toEqual({ offer: OFFER.title, expected: 16900, given: 16800 });
    expect(dumpStore(store.db)).toEqual(before);
  });

  test('an accepted offer with several lines adds each line and moves the total; the old total stays in the history', async () => {
    const { store, taskId, orderId } = await storeWithMatter('upsell');
    const offer: AcceptedOffer = {
      id: 'family',
      title: '全家装',
      addLines: [
        { product: '晚安冻膜', package: '8罐装', quantity: 2, amountFen: 13800 },
        { product: '洁面乳', package: '', quantity: 1, amountFen: 0 },
      ],
      newTotalFen: 9900 + 13800,
    };
    await record(store, taskId, { outcome: 'upsell_accepted', offer });
    const { order } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order.amountFen).toBe(23700);
    expect(order.lines.map((l) => [l.product, l.package, l.quantity, l.amountFen])).toEqual([
      ['晚安冻膜', '5盒装', 1, 9900],
      ['晚安冻膜', '8罐装', 2, 13800],
      ['洁面乳', '', 1, 0],
    ]);
    expect(order.packageText).toBe('晚安冻膜 5盒装 + 晚安冻膜 8罐装 ×2 + 洁面乳');
    expect(historyRows(store, orderId).map((h) => [h.field, h.old_value, h.new_value])).toEqual([
      ['amountFen', '9900', '23700'],
      ['lines', null, '晚安冻膜 8罐装 ×2'],
      ['lines', null, expect.stringContaining('洁面乳')],
    ]);
    expect(outcomesOf(store, orderId)[0].amount_fen).toBe(13800);
  });
});

describe('an upsell inside the verify call', () => {
  test('accepted: a second outcome (flow upsell) on the same task, the order grows, and no upsell call is opened', async () => {
    const { store, taskId, orderId } = await storeWithMatter('verify');
    const agentId = await currentAgentId(store);
    await takeCard(store);
    const outboxBefore = countRows(store.db, 'outbox');
    const r = await record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_accepted', offer: OFFER } });

    const rows = outcomesOf(store, orderId);
    expect(rows).toEqual([
      expect.objectContaining({ id: r.outcomeId, task_id: taskId, flow: 'verify', outcome: 'confirmed', amount_fen: null, reached: 1, attempt: 1 }),
      expect.objectContaining({ task_id: taskId, flow: 'upsell', outcome: 'upsell_accepted', amount_fen: 7000, reached: 1, attempt: 1, agent_id: agentId, created_at: NOW }),
    ]);
    expect(JSON.parse(rows[1].details)).toEqual({ offer: OFFER });
    const detail = await store.call('getOrder', { orderNo: 'F1' });
    expect(detail.order).toMatchObject({ status: 'verified', amountFen: 16900 });
    expect(detail.order.lines).toHaveLength(2);
    expect(detail.tasks.map((t) => [t.flow, t.state, t.lastOutcome])).toEqual([['verify', 'done', 'confirmed']]);
    // Newest first, the call's own result above the upsell made on it.
    expect(detail.outcomes.map((o) => [o.flow, o.outcome, o.amountFen])).toEqual([
      ['verify', 'confirmed', null],
      ['upsell', 'upsell_accepted', 7000],
    ]);
    expect(outboxRows(store.db).slice(outboxBefore).map((e) => [e.entity, e.entity_id])).toEqual([
      ['call_outcome', r.outcomeId],
      ['call_outcome', rows[1].id],
      ['call_task', taskId],
      ['order', orderId],
    ]);
    expect(sentPayload(store.db, outboxRows(store.db).at(-1)!)).toMatchObject({ status: 'verified', amountFen: 16900 });
  });

  test('accepted after corrections: the offer adds to the corrected amount', async () => {
    const { store, taskId } = await storeWithMatter('verify');
    const offer = { ...OFFER, newTotalFen: 12900 + 7000 };
    await callcardError(
      () => record(store, taskId, { outcome: 'corrected', corrections: { amountFen: 12900 }, inCallUpsell: { outcome: 'upsell_accepted', offer: OFFER } }),
      'offer_total_mismatch',
    );
    await record(store, taskId, { outcome: 'corrected', corrections: { amountFen: 12900 }, inCallUpsell: { outcome: 'upsell_accepted', offer } });
    const { order, tasks } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order.amountFen).toBe(19900);
    expect(order.lines.map((l) => l.amountFen)).toEqual([12900, 7000]);
    expect(tasks.map((t) => t.flow)).toEqual(['verify']);
  });

  test('declined: its reason is required and recorded; no upsell call is opened', async () => {
    const { store, taskId, orderId } = await storeWithMatter('verify');
    await takeCard(store);
    const before = dumpStore(store.db);
    await callcardError(() => record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_declined' } }), 'reason_required');
    await callcardError(
      () => record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_declined', reasonCode: 'distrust' } }),
      'unknown_reason',
    );
    expect(dumpStore(store.db)).toEqual(before);
    await record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_declined', reasonCode: 'try_first' } });
    expect(outcomesOf(store, orderId).map((o) => [o.flow, o.outcome, o.reason_code, o.amount_fen, o.task_id])).toEqual([
      ['verify', 'confirmed', null, null, taskId],
      ['upsell', 'upsell_declined', 'try_first', null, taskId],
    ]);
    const { order, tasks } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order.amountFen).toBe(9900);
    expect(tasks.map((t) => t.flow)).toEqual(['verify']);
  });

  test('only after a confirmed order; an accepted one needs its offer, which must add up; nothing written when refused', async () => {
    const { store, taskId } = await storeWithMatter('verify');
    await takeCard(store);
    const before = dumpStore(store.db);
    await callcardError(
      () => record(store, taskId, { outcome: 'not_ordered', inCallUpsell: { outcome: 'upsell_accepted', offer: OFFER } }),
      'upsell_needs_confirmed_order',
    );
    await callcardError(
      () => record(store, taskId, { outcome: 'no_answer', inCallUpsell: { outcome: 'upsell_declined', reasonCode: 'try_first' } }),
      'upsell_needs_confirmed_order',
    );
    const err = await callcardError(() => record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_accepted' } }), 'invalid_arguments');
    expect(err.params.details).toContain('inCallUpsell.offer');
    await callcardError(
      () => record(store, taskId, { outcome: 'confirmed', inCallUpsell: { outcome: 'upsell_accepted', offer: { ...OFFER, newTotalFen: 1 } } }),
      'offer_total_mismatch',
    );
    expect(dumpStore(store.db)).toEqual(before);
  });
});

describe('unanswered calls run out', () => {
  test('track: no answer → a 2nd attempt 2 h later and a 3rd the next morning at 10:00, then the final result: the parcel goes back as refused', async () => {
    const { store, taskId, orderId } = await storeWithMatter('track', 'delivery_exception');
    await takeCard(store);
    let r = await record(store, taskId, { outcome: 'no_answer' });
    expect(r.queue).toEqual(queue({ later: 1, nextDueAt: '2026-11-20T06:00:00.000Z' }));

    store.clock.set('2026-11-20T05:59:00.000Z');
    expect((await store.call('nextCard', {})).card).toBeNull();
    store.clock.set('2026-11-20T06:00:00.000Z');
    expect(await takeCard(store)).toMatchObject({ taskId, flow: 'track', attempts: 1, unanswered: 1 });
    r = await record(store, taskId, { outcome: 'busy' });
    expect(r.queue.nextDueAt).toBe('2026-11-21T02:00:00.000Z');

    store.clock.set('2026-11-21T02:00:00.000Z');
    expect(await takeCard(store)).toMatchObject({ taskId, attempts: 2, unanswered: 2 });
    r = await record(store, taskId, { outcome: 'powered_off' });
    expect(r).toEqual({ outcomeId: expect.any(String), card: null, queue: queue() });

    expect(taskRow(store, taskId)).toMatchObject({ state: 'done', attempts: 3, unanswered: 3, last_outcome: 'exhausted', closed_at: '2026-11-21T02:00:00.000Z' });
    const rows = outcomesOf(store, orderId);
    expect(rows.map((o) => [o.outcome, o.flow, o.reached, JSON.parse(o.details)])).toEqual([
      ['no_answer', 'track', 0, {}],
      ['busy', 'track', 0, {}],
      ['powered_off', 'track', 0, { exhausted: true }],
    ]);
    const { order, history } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order.status).toBe('refused');
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.source])).toEqual([['status', 'delivery_exception', 'refused', 'call']]);
    const lastTask = outboxRows(store.db).findLast((e) => e.entity === 'call_task')!;
    expect(JSON.parse(lastTask.payload)).toMatchObject({ id: taskId, state: 'done', attempts: 3, unanswered: 3 });
    expect(outboxRows(store.db).filter((e) => e.entity === 'order' && e.created_at > NOW)).toHaveLength(1);
  });

  // With a one-rung ladder everywhere, the second unanswered call ends every flow's matter.
  const EXHAUSTED_STATUS: Record<Flow, [OrderStatus, OrderStatus]> = {
    verify: ['pending_verify', 'unreachable'],
    upsell: ['verified', 'verified'],
    recover: ['cancelled', 'cancelled'],
    track: ['shipped', 'refused'],
    revisit: ['signed', 'signed'],
  };
  test.each(Object.entries(EXHAUSTED_STATUS) as [Flow, [OrderStatus, OrderStatus]][])(
    '%s: when the ladder is used up the task closes as exhausted (order %j)',
    async (flow, [from, to]) => {
      const { store, taskId, orderId } = await storeWithMatter(flow);
      const ladders = Object.fromEntries(Object.keys(DEFAULT_SETTINGS.retryLadders).map((f) => [f, [{ minutes: 10 }]]));
      await store.call('updateSettings', { settings: { retryLadders: ladders as typeof DEFAULT_SETTINGS.retryLadders } });
      await record(store, taskId, { outcome: 'no_answer' });
      expect(taskRow(store, taskId)).toMatchObject({ state: 'open', due_at: plusMinutes(NOW, 10), last_outcome: 'no_answer' });
      store.clock.advanceMinutes(10);
      await record(store, taskId, { outcome: 'busy' });
      expect(taskRow(store, taskId)).toMatchObject({ state: 'done', unanswered: 2, last_outcome: 'exhausted' });
      const { order, history } = await store.call('getOrder', { orderNo: 'F1' });
      expect([order.status, history.map((h) => [h.field, h.oldValue, h.newValue])]).toEqual([to, from === to ? [] : [['status', from, to]]]);
      expect(outcomesOf(store, orderId).map((o) => o.outcome)).toEqual(['no_answer', 'busy']);
    },
  );

  test('an online lead won back is won back to cash on delivery; a COD one keeps its payment', async () => {
    for (const [status, payment] of [['unpaid', 'online'], ['cancelled', 'online'], ['cancelled', 'cod']] as const) {
      const { store, taskId, orderId } = await storeWithMatter('recover', status);
      store.db.prepare('UPDATE orders SET payment_method = ? WHERE id = ?').run(payment, orderId);
      await record(store, taskId, { outcome: 'recovered' });
      const { order, history } = await store.call('getOrder', { orderNo: 'F1' });
      expect([order.status, order.paymentMethod], `${status} ${payment}`).toEqual(['verified', 'cod']);
      expect(history.filter((h) => h.field === 'paymentMethod').map((h) => [h.oldValue, h.newValue])).toEqual(payment === 'online' ? [['online', 'cod']] : []);
      // The server learns the new payment with the order.
      expect(outboxRows(store.db).some((r) => r.entity === 'order' && r.entity_id === orderId)).toBe(true);
    }
  });

  test('a lead won back may change its package and address on the same call (old values in the history); a lost one may not', async () => {
    const { store, taskId } = await storeWithMatter('recover', 'cancelled');
    await record(store, taskId, { outcome: 'recovered', corrections: { package: '8罐装', amountFen: 16900, address: NEW_ADDRESS } });
    const { order, history } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order).toMatchObject({ status: 'verified', amountFen: 16900, address: NEW_ADDRESS });
    expect(order.lines[0].package).toBe('8罐装');
    expect(history.filter((h) => h.field !== 'status').map((h) => h.field).sort()).toEqual(['address', 'amountFen', 'package']);
    const lost = await storeWithMatter('recover', 'cancelled');
    await callcardError(() => record(lost.store, lost.taskId, { outcome: 'not_recovered', reasonCode: 'impulse', corrections: { address: NEW_ADDRESS } }), 'corrections_only_when_corrected');
  });

  test('a lead won back that screening holds waits for a verify call, which comes next on the same call; one not held ships', async () => {
    const { store, taskId, orderId } = await storeWithMatter('recover', 'cancelled');
    const { order: lead } = await store.call('getOrder', { orderNo: 'F1' });
    // A blacklisted number: won back, the order is high risk and held.
    await store.call('addBlacklist', { entry: { kind: 'phone', value: lead.phone }, reason: 'fraud' });
    const res = await record(store, taskId, { outcome: 'recovered' });
    const { order, history, tasks } = await store.call('getOrder', { orderNo: 'F1' });
    expect(order.status).toBe('pending_verify');
    expect(history.filter((h) => h.field === 'status').map((h) => [h.oldValue, h.newValue])).toEqual([['verified', 'pending_verify'], ['cancelled', 'verified']]);
    expect(tasks.filter((t) => t.state === 'open').map((t) => t.flow)).toEqual(['verify']);
    expect((await store.call('getOrderRisk', { orderNo: 'F1' })).held).toBe(true);
    // The same customer's verify card is the agent's next, and the server hears of the task.
    expect(res.card).toMatchObject({ flow: 'verify', order: { orderNo: 'F1' } });
    expect(outboxRows(store.db).some((r) => r.entity === 'call_task' && JSON.parse(r.payload).flow === 'verify' && JSON.parse(r.payload).orderNo === 'F1')).toBe(true);
    expect(orderId).toBe(order.id);

    const plain = await storeWithMatter('recover', 'cancelled');
    await record(plain.store, plain.taskId, { outcome: 'recovered' });
    const after = await plain.store.call('getOrder', { orderNo: 'F1' });
    expect(after.order.status).toBe('verified');
    expect(after.tasks.filter((t) => t.state === 'open')).toEqual([]);
  });

  test('an answered call after unanswered ones resets nothing but settles the matter', async () => {
    const { store, taskId } = await storeWithMatter('recover');
    await record(store, taskId, { outcome: 'busy' });
    store.clock.advanceMinutes(60);
    await record(store, taskId, { outcome: 'recovered' });
    expect(taskRow(store, taskId)).toMatchObject({ state: 'done', attempts: 2, unanswered: 1, last_outcome: 'recovered' });
    expect((await store.call('getOrder', { orderNo: 'F1' })).order.status).toBe('verified');
  });
});
