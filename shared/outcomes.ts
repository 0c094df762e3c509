/**
 * The outcome catalogue: every call outcome of every flow, and what the system does with it.
 * This table is the single place the meaning lives; the core, the card, the reports and the
 * script packs all read it. Trainers and leads may rename outcomes and change their keys per
 * locale in settings; the meanings below stay fixed.
 */
import type { Flow, OrderStatus } from './domain';

export const OUTCOME_CODES = [
  // verify
  'confirmed',
  'corrected',
  'not_ordered',
  'wants_cancel',
  'wrong_person',
  // upsell
  'upsell_accepted',
  'upsell_declined',
  // recover
  'recovered',
  'not_recovered',
  // track
  'will_sign',
  'self_pickup',
  'address_corrected',
  'compensation_accepted',
  'refused',
  // revisit
  'satisfied',
  'wechat_invited',
  'complaint',
  'bad_review_settled',
  'repurchase_interest',
  // every flow
  'no_answer',
  'busy',
  'powered_off',
  'empty_number',
  'callback',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Reason lists an outcome may require. Leads can add entries in settings; these are the built-ins. */
export const REASON_LISTS = {
  /** Why an order was lost: cancelled on its verify call, or a cancelled order or lead not won back (loss reasons). */
  loss: ['impulse', 'low_balance', 'found_cheaper', 'distrust', 'bad_service', 'price_disagreed', 'out_of_stock', 'slow_service', 'no_follow_up', 'other'],
  /** Why a shipped order was refused at the door. */
  refusal: ['product_doubt', 'ordered_by_mistake', 'no_longer_wanted', 'courier_attitude', 'not_allowed_to_inspect', 'too_slow', 'not_at_address', 'unreachable', 'other'],
  /** Why an upsell offer was declined. */
  upsellDecline: ['too_expensive', 'enough_for_now', 'try_first', 'not_interested', 'other'],
  /** What a revisit complaint is about. */
  complaint: ['quality', 'no_effect', 'delivery', 'service', 'wrong_item', 'other'],
} as const;
export type ReasonList = keyof typeof REASON_LISTS;

/** What an outcome counts as in the daily sheet. */
export type ReportCategory =
  | 'verified'
  | 'corrected'
  | 'rejected'
  | 'cancelled'
  | 'unreached'
  | 'unreachable'
  | 'callback'
  | 'upsold'
  | 'upsell_declined'
  | 'recovered'
  | 'lost'
  | 'saved'
  | 'refused'
  | 'satisfied'
  | 'invited'
  | 'complaint'
  | 'settled'
  | 'repurchase';

/** Extra input an outcome needs before it can be recorded. */
export type OutcomeInput = 'corrections' | 'callbackAt' | 'offer' | 'station' | 'compensationFen' | 'refundFen';

/**
 * What recording an outcome does to the task:
 * - close: the matter is settled.
 * - retry: unanswered; call again per the flow's retry ladder (closing when the ladder is used up).
 * - schedule: the customer asked to be called at a chosen time.
 */
export type TaskEffect = 'close' | 'retry' | 'schedule';

export interface OutcomeDef {
  code: OutcomeCode;
  flows: readonly Flow[];
  /** Default key on the call card (unique within each of its flows). */
  key: string;
  /** The customer was reached (counts toward the connect rate). */
  reached: boolean;
  task: TaskEffect;
  /** The order's status afterwards; absent: unchanged. */
  orderStatus?: OrderStatus;
  counts: ReportCategory;
  reasons?: ReasonList;
  requires?: readonly OutcomeInput[];
  /** Inputs the outcome takes when given (a lead won back may change its package or address). */
  accepts?: readonly OutcomeInput[];
}

const ALL: readonly Flow[] = ['verify', 'upsell', 'recover', 'track', 'revisit'];

export const OUTCOMES: readonly OutcomeDef[] = [
  { code: 'confirmed', flows: ['verify'], key: '1', reached: true, task: 'close', orderStatus: 'verified', counts: 'verified' },
  { code: 'corrected', flows: ['verify'], key: '2', reached: true, task: 'close', orderStatus: 'verified', counts: 'corrected', requires: ['corrections'] },
  { code: 'not_ordered', flows: ['verify'], key: '3', reached: true, task: 'close', orderStatus: 'rejected', counts: 'rejected' },
  { code: 'wants_cancel', flows: ['verify'], key: '4', reached: true, task: 'close', orderStatus: 'cancelled', counts: 'cancelled', reasons: 'loss' },
  { code: 'wrong_person', flows: ['verify', 'recover'], key: 't', reached: true, task: 'close', orderStatus: 'unreachable', counts: 'unreachable' },

  { code: 'upsell_accepted', flows: ['upsell'], key: '1', reached: true, task: 'close', counts: 'upsold', requires: ['offer'] },
  { code: 'upsell_declined', flows: ['upsell'], key: '2', reached: true, task: 'close', counts: 'upsell_declined', reasons: 'upsellDecline' },

  { code: 'recovered', flows: ['recover'], key: '1', reached: true, task: 'close', orderStatus: 'verified', counts: 'recovered', accepts: ['corrections'] },
  { code: 'not_recovered', flows: ['recover'], key: '2', reached: true, task: 'close', counts: 'lost', reasons: 'loss' },

  { code: 'will_sign', flows: ['track'], key: '1', reached: true, task: 'close', orderStatus: 'shipped', counts: 'saved' },
  { code: 'self_pickup', flows: ['track'], key: '2', reached: true, task: 'close', orderStatus: 'shipped', counts: 'saved', requires: ['station'] },
  { code: 'address_corrected', flows: ['track'], key: '3', reached: true, task: 'close', orderStatus: 'shipped', counts: 'saved', requires: ['corrections'] },
  { code: 'compensation_accepted', flows: ['track'], key: '4', reached: true, task: 'close', orderStatus: 'shipped', counts: 'saved', requires: ['compensationFen'] },
  { code: 'refused', flows: ['track'], key: '5', reached: true, task: 'close', orderStatus: 'refused', counts: 'refused', reasons: 'refusal' },

  { code: 'satisfied', flows: ['revisit'], key: '1', reached: true, task: 'close', counts: 'satisfied' },
  { code: 'wechat_invited', flows: ['revisit'], key: '2', reached: true, task: 'close', counts: 'invited' },
  { code: 'complaint', flows: ['revisit'], key: '3', reached: true, task: 'close', counts: 'complaint', reasons: 'complaint' },
  { code: 'bad_review_settled', flows: ['revisit'], key: '4', reached: true, task: 'close', counts: 'settled', requires: ['refundFen'] },
  { code: 'repurchase_interest', flows: ['revisit'], key: '5', reached: true, task: 'close', counts: 'repurchase' },

  { code: 'no_answer', flows: ALL, key: 'q', reached: false, task: 'retry', counts: 'unreached' },
  { code: 'busy', flows: ALL, key: 'w', reached: false, task: 'retry', counts: 'unreached' },
  { code: 'powered_off', flows: ALL, key: 'e', reached: false, task: 'retry', counts: 'unreached' },
  { code: 'empty_number', flows: ['verify', 'recover'], key: 'r', reached: false, task: 'close', orderStatus: 'unreachable', counts: 'unreachable' },
  { code: 'callback', flows: ALL, key: 'c', reached: true, task: 'schedule', counts: 'callback', requires: ['callbackAt'] },
];

export const OUTCOME_BY_CODE: ReadonlyMap<OutcomeCode, OutcomeDef> = new Map(OUTCOMES.map((o) => [o.code, o]));

/**
 * What one revisit call can achieve beside its outcome: a satisfied customer (or one whose complaint
 * was settled) who also joins WeChat and wants to buy again. Each is recorded as a result of that
 * same call (not another call), so the sheet counts the invitation and the repurchase interest.
 */
export const ALSO_ON_REVISIT = ['wechat_invited', 'repurchase_interest'] as const satisfies readonly OutcomeCode[];
export type AlsoOnRevisit = (typeof ALSO_ON_REVISIT)[number];

/** Whether an outcome is a revisit result that can carry the others of ALSO_ON_REVISIT alongside. */
export function takesAlsoOutcomes(code: OutcomeCode): boolean {
  const def = OUTCOME_BY_CODE.get(code);
  return !!def && def.reached && def.task === 'close' && def.flows.length === 1 && def.flows[0] === 'revisit';
}

export function outcomeDef(code: OutcomeCode): OutcomeDef {
  return OUTCOME_BY_CODE.get(code)!;
}

const KEY_ORDER = '123456789qwertc';

/** The outcomes a card of this flow offers, in key order: digits (reached), Q–T (not reached), C (callback). */
export function outcomesForFlow(flow: Flow): OutcomeDef[] {
  const rank = (o: OutcomeDef) => {
    const i = KEY_ORDER.indexOf(o.key);
    return i < 0 ? KEY_ORDER.length : i;
  };
  return OUTCOMES.filter((o) => o.flows.includes(flow)).sort((a, b) => rank(a) - rank(b));
}
