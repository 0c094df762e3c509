/**
 * A worked day of calls over the loaded orders, so reports and the order history can be tried
 * without a team: three demo agents take cards through the real queue (verify first, then the
 * upsell calls the confirmations open and the cancelled orders to win back) and record outcomes
 * through the real outcome path, with the script pack's upsell offers, on a stepped clock.
 */
import { uuidv7 } from '../ids';
import type { CallCard, Corrections } from '../../../shared/contract';
import type { Flow, Locale, VerifyOutcome } from '../../../shared/domain';
import type { OutcomeCode } from '../../../shared/outcomes';
import { offersForOrder } from '../../../shared/scriptpack';
import { businessDay, zonedParts, zonedTimeToUtc } from '../../../shared/time';
import type { CoreContext } from '../context';
import { orderStatements } from '../orders';
import { outcomeStatements, recordOutcome, type RecordOutcomeInput } from '../outcomes';
import { enqueueOutbox } from '../outbox';
import { nextCard, queueStatements } from '../queue';
import { cardScript } from '../packs/store';
import { getMeta, loadSettings } from '../settings';
import { detailedAddress, DEMO_SEED, randomMobile, Rng } from './generate';
import { PLACES } from './pools';

export const DEMO_AGENT_NAMES = ['王婷', '李娜', '张伟'] as const;
/** Stands in for a demo name the workstation's own agent already has, so reports tell them apart. */
export const SPARE_DEMO_AGENT_NAME = '陈静';

export interface SimulatedDay {
  calls: number;
  agents: string[];
  /** The business day (YYYY-MM-DD) that was worked. */
  day: string;
}

const DAY_START = [9, 0] as const;
const DAY_END = [18, 0] as const;
/** Before this hour there is too little of today to show: the previous day is worked instead. */
const LATEST_START_HOUR = 11;
const MINUTE = 60_000;

/** Outcome mix of a first or retried verify call (percent). */
const FIRST_CALL: readonly { outcome: VerifyOutcome; weight: number }[] = [
  { outcome: 'confirmed', weight: 55 },
  { outcome: 'corrected', weight: 8 },
  { outcome: 'not_ordered', weight: 5 },
  { outcome: 'wants_cancel', weight: 5 },
  { outcome: 'no_answer', weight: 8 },
  { outcome: 'busy', weight: 4 },
  { outcome: 'powered_off', weight: 4 },
  { outcome: 'empty_number', weight: 3 },
  { outcome: 'wrong_person', weight: 2 },
  { outcome: 'callback', weight: 6 },
];

/** A customer who asked to be called back has usually made up their mind. */
const CALLBACK_CALL: readonly { outcome: VerifyOutcome; weight: number }[] = [
  { outcome: 'confirmed', weight: 75 },
  { outcome: 'corrected', weight: 5 },
  { outcome: 'wants_cancel', weight: 8 },
  { outcome: 'no_answer', weight: 12 },
];

const NOTES: Partial<Record<VerifyOutcome, readonly string[]>> = {
  confirmed: ['收货时先验货再付款', '要求发顺丰', '白天上班，放快递驿站', '老客户，很爽快', '提醒签收时点清数量', '已加微信', '问了用法，已讲解'],
  not_ordered: ['说没买过，疑似恶意下单', '家里小孩乱点的', '不认这个单'],
  no_answer: ['响铃无人接'],
  busy: ['占线'],
  powered_off: ['关机'],
  empty_number: ['提示空号'],
  wrong_person: ['接电话的说不认识收货人', '号码是别人在用'],
  callback: ['在开车，晚点再打', '在上班，约了回拨时间', '在忙，让下午联系'],
};

interface AgentRow {
  id: string;
  name: string;
}

/** The demo agents, created on first use. The workstation's current agent is never one of them. */
function ensureDemoAgents(ctx: CoreContext, at: Date): AgentRow[] {
  const currentId = getMeta(ctx.db, 'currentAgentId');
  const current = currentId
    ? ctx.db.prepare<[string], AgentRow>('SELECT id, name FROM agents WHERE id = ?').get(currentId)
    : undefined;
  const names = DEMO_AGENT_NAMES.map((n) => (n === current?.name ? SPARE_DEMO_AGENT_NAME : n));
  const find = ctx.db.prepare<[string, string | null], AgentRow>(
    'SELECT id, name FROM agents WHERE name = ? AND id IS NOT ? ORDER BY created_at LIMIT 1',
  );
  const insert = ctx.db.prepare('INSERT INTO agents (id, name, roles, created_at) VALUES (?, ?, ?, ?)');
  return ctx.db.transaction(() =>
    names.map((name) => {
      const found = find.get(name, current?.id ?? null);
      if (found) return found;
      const agent = { id: uuidv7(), name, roles: ['agent' as const] };
      insert.run(agent.id, name, JSON.stringify(agent.roles), at.toISOString());
      enqueueOutbox(ctx.db, 'agent', agent.id, 'upsert', agent, at);
      return { id: agent.id, name };
    }),
  )();
}

/** A plausible correction: the address firmed up (vague ones made precise) or a new number. */
function correction(rng: Rng, card: CallCard): { corrections: Corrections; note: string } {
  const o = card.order;
  if (rng.chance(0.3)) return { corrections: { phone: randomMobile(rng) }, note: '客户换了号码，新号码已核实' };
  const place = PLACES.find((p) => p.province === o.province && p.city === o.city && p.district === o.district);
  if (!/\d/.test(o.address) && place) return { corrections: { address: detailedAddress(rng, place) }, note: '地址只写了地标，已问清门牌号' };
  // The number at the end (room, house, floor) is what buyers most often get wrong.
  const room = `${rng.int(2, 26)}0${rng.int(1, 4)}`;
  const address = /\d+室$/.test(o.address)
    ? o.address.replace(/\d+室$/, `${room}室`)
    : /\d+$/.test(o.address)
      ? o.address.replace(/\d+$/, room)
      : /\d+号$/.test(o.address)
        ? o.address.replace(/\d+号$/, `${rng.int(1, 99)}号`)
        : /\d+楼前台$/.test(o.address)
          ? o.address.replace(/\d+楼前台$/, `${rng.int(2, 26)}楼前台`)
          : `${o.address}旁边${rng.int(1, 60)}号`;
  return { corrections: { address }, note: address.endsWith('前台') ? '楼层说错了，已改正' : '门牌号读错了，已改正' };
}

/** Outcome mixes of the other flows' calls (percent), with the reasons agents pick. */
const UPSELL_CALL: readonly { outcome: OutcomeCode; weight: number }[] = [
  { outcome: 'upsell_accepted', weight: 30 },
  { outcome: 'upsell_declined', weight: 55 },
  { outcome: 'no_answer', weight: 15 },
];
const RECOVER_CALL: readonly { outcome: OutcomeCode; weight: number }[] = [
  { outcome: 'recovered', weight: 30 },
  { outcome: 'not_recovered', weight: 45 },
  { outcome: 'no_answer', weight: 15 },
  { outcome: 'busy', weight: 10 },
];
const UPSELL_DECLINE = [
  { reason: 'too_expensive', weight: 40 },
  { reason: 'enough_for_now', weight: 30 },
  { reason: 'try_first', weight: 20 },
  { reason: 'not_interested', weight: 10 },
] as const;
const LOSS = [
  { reason: 'impulse', weight: 35 },
  { reason: 'found_cheaper', weight: 20 },
  { reason: 'low_balance', weight: 15 },
  { reason: 'distrust', weight: 15 },
  { reason: 'price_disagreed', weight: 15 },
] as const;
/** Why a buyer cancels on the verify call, with the note an agent leaves. */
const CANCEL = [
  { reason: 'impulse', note: '考虑一下，先不要了', weight: 35 },
  { reason: 'price_disagreed', note: '嫌贵，不要了', weight: 25 },
  { reason: 'found_cheaper', note: '已经在别家买了', weight: 20 },
  { reason: 'other', note: '家里人不让买', weight: 20 },
] as const;
const SIMULATED_FLOWS = ['verify', 'upsell', 'recover'] as const satisfies readonly Flow[];
/** The team's third agent works the upsell calls first, as many teams split the work. */
const UPSELL_FIRST = ['upsell', 'recover', 'verify'] as const satisfies readonly Flow[];
/** Share of confirmed verify calls on which the agent also offers the pack's upsell. */
const IN_CALL_UPSELL = 0.35;

/** The pack's upsell offer for this order (as the card proposes it), if the pack has one. */
function packOffer(ctx: CoreContext, card: CallCard): ReturnType<typeof offersForOrder>[number] | undefined {
  const script = cardScript(ctx.db, card.order.lines[0]?.product, 'upsell');
  const locale = loadSettings(ctx.db).language as Locale;
  return script ? offersForOrder(script.pack, card.order, locale)[0] : undefined;
}

/** An upsell or recover call: the outcome, a reason where one is required, the offer taken. */
function decideOther(ctx: CoreContext, rng: Rng, card: CallCard, input: RecordOutcomeInput): RecordOutcomeInput {
  const mix = card.flow === 'upsell' ? UPSELL_CALL : RECOVER_CALL;
  let outcome = rng.weighted(mix).outcome;
  const offer = card.flow === 'upsell' ? packOffer(ctx, card) : undefined;
  if (outcome === 'upsell_accepted' && !offer) outcome = 'upsell_declined';
  input.outcome = outcome;
  if (outcome === 'upsell_accepted') input.offer = offer;
  if (outcome === 'upsell_declined') input.reasonCode = rng.weighted(UPSELL_DECLINE).reason;
  if (outcome === 'not_recovered') input.reasonCode = rng.weighted(LOSS).reason;
  if (outcome === 'recovered' && rng.chance(0.5)) input.note = rng.pick(['客户说刚才误点了取消', '讲清楚货到付款后同意', '改成了小一点的套餐']);
  return input;
}

/** What the customer said on this call, with the note an agent would leave. */
function decide(ctx: CoreContext, rng: Rng, card: CallCard, at: number, close: number): RecordOutcomeInput {
  if (card.flow !== 'verify') {
    const talk = rng.int(30, 180);
    return decideOther(ctx, rng, card, { taskId: card.taskId, outcome: 'no_answer', startedAt: new Date(at - talk * 1000).toISOString() });
  }
  let outcome = rng.weighted(card.isCallback ? CALLBACK_CALL : FIRST_CALL).outcome;
  // A landmark-only address is the first thing an agent fixes on a call that gets through.
  if (outcome === 'confirmed' && !/\d/.test(card.order.address) && rng.chance(0.7)) outcome = 'corrected';
  const reached = outcome !== 'no_answer' && outcome !== 'busy' && outcome !== 'powered_off' && outcome !== 'empty_number';
  const talkSeconds = reached ? rng.int(45, 240) : rng.int(15, 45);
  const input: RecordOutcomeInput = {
    taskId: card.taskId,
    outcome,
    startedAt: new Date(at - talkSeconds * 1000).toISOString(),
  };
  if (outcome === 'confirmed' && rng.chance(IN_CALL_UPSELL)) {
    // The script moves into the upsell once the order is confirmed.
    const offer = packOffer(ctx, card);
    if (offer && rng.chance(0.35)) input.inCallUpsell = { outcome: 'upsell_accepted', offer };
    else if (offer) input.inCallUpsell = { outcome: 'upsell_declined', reasonCode: rng.weighted(UPSELL_DECLINE).reason };
  }
  if (outcome === 'corrected') {
    const c = correction(rng, card);
    input.corrections = c.corrections;
    input.note = c.note;
    return input;
  }
  if (outcome === 'wants_cancel') {
    const why = rng.weighted(CANCEL);
    input.reasonCode = why.reason;
    if (rng.chance(0.45)) input.note = why.note;
    return input;
  }
  if (outcome === 'callback') {
    // Later the same day, on a five-minute mark; near closing time, shortly after the call.
    const wanted = at + rng.int(45, 240) * MINUTE;
    const latest = Math.max(close - 15 * MINUTE, at + 15 * MINUTE);
    input.callbackAt = new Date(Math.ceil(Math.min(wanted, latest) / (5 * MINUTE)) * 5 * MINUTE).toISOString();
  }
  const notes = NOTES[outcome];
  const noteChance = reached ? 0.45 : 0.25;
  if (notes && rng.chance(outcome === 'callback' ? 1 : noteChance)) input.note = rng.pick(notes);
  return input;
}

/**
 * Records a realistic business day of calls (09:00 until 18:00 or now, whichever is
 * earlier; the previous day when it is not yet 11:00). Each step of 2-7 minutes one of the three
 * demo agents takes the next due card and records an outcome. When nothing is due the team waits
 * for the next due card; the day ends when none is due before closing. Running it again the same
 * day continues after the last simulated call. Deterministic for a seed over the same store.
 */
export function simulateDay(ctx: CoreContext, opts: { seed?: number } = {}): SimulatedDay {
  const tz = loadSettings(ctx.db).businessTimeZone;
  const realNow = ctx.now();
  const p = zonedParts(realNow, tz);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day - (p.hour < LATEST_START_HOUR ? 1 : 0)));
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const open = zonedTimeToUtc(y, m, d, DAY_START[0], DAY_START[1], tz).getTime();
  const close = zonedTimeToUtc(y, m, d, DAY_END[0], DAY_END[1], tz).getTime();
  const end = Math.min(close, realNow.getTime());

  const agents = ensureDemoAgents(ctx, realNow);
  const agentIds = agents.map((a) => a.id);
  const rng = new Rng((opts.seed ?? DEMO_SEED) ^ 0x5f3759df);
  const st = { orders: orderStatements(ctx.db), queue: queueStatements(ctx.db), outcomes: outcomeStatements(ctx.db) };

  const marks = agentIds.map(() => '?').join(', ');
  const lastCall = ctx.db
    .prepare<string[], { at: string | null }>(
      `SELECT max(created_at) AS at FROM call_outcomes WHERE agent_id IN (${marks}) AND created_at >= ? AND created_at <= ?`,
    )
    .get(...agentIds, new Date(open).toISOString(), new Date(close).toISOString());
  let clock = lastCall?.at ? Date.parse(lastCall.at) + rng.int(120, 420) * 1000 : open;
  // The core reads the time from the context: a child context walks the simulated clock.
  const sim: CoreContext = { ...ctx, now: () => new Date(clock) };

  let calls = 0;
  let turn = rng.int(0, agents.length - 1);
  while (clock <= end) {
    let taken: { agentId: string; card: CallCard } | null = null;
    let nextDueAt: string | null = null;
    for (let k = 0; k < agents.length && !taken; k++) {
      const agentId = agentIds[(turn + k) % agents.length];
      // The flows the demo agents know how to answer; other cards (courier follow-ups, revisits of
      // imported orders) are left for the real team.
      for (const flow of (agentId === agentIds[agentIds.length - 1] ? UPSELL_FIRST : SIMULATED_FLOWS)) {
        const res = nextCard(sim, st.queue, st.orders, agentId, flow);
        if (res.card) {
          taken = { agentId, card: res.card };
          break;
        }
        if (res.queue.nextDueAt && (!nextDueAt || res.queue.nextDueAt < nextDueAt)) nextDueAt = res.queue.nextDueAt;
      }
    }
    if (!taken) {
      // Idle until the next card (a retry or a callback) falls due, if that is still today.
      if (!nextDueAt || Date.parse(nextDueAt) > end) break;
      clock = Date.parse(nextDueAt) + rng.int(0, 90) * 1000;
      continue;
    }
    recordOutcome(sim, st, taken.agentId, { ...decide(sim, rng, taken.card, clock, close), nextFlow: taken.card.flow });
    calls++;
    turn = (turn + 1 + (rng.chance(0.3) ? 1 : 0)) % agents.length;
    clock += rng.int(120, 420) * 1000;
  }

  // Recording an outcome claims the agent's next card; demo agents leave none held at day's end.
  ctx.db
    .prepare(`UPDATE call_tasks SET claimed_by = NULL, claimed_at = NULL WHERE state = 'open' AND claimed_by IN (${marks})`)
    .run(...agentIds);

  return { calls, agents: agents.map((a) => a.name), day: businessDay(new Date(open), tz) };
}
