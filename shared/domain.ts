/** Business vocabulary shared by every layer. Pure data, no I/O. */

export const FLOWS = ['verify', 'upsell', 'recover', 'track', 'revisit'] as const;
export type Flow = (typeof FLOWS)[number];

/**
 * Order lifecycle.
 * - unpaid: a lead who left details but never completed or paid (recover / 催付).
 * - pending_verify -> verified (may ship) | rejected (fake / high risk) | cancelled | unreachable.
 * - shipped -> delivery_exception (not delivered, returned to station, awaiting pickup) -> signed | refused | returned.
 * - closed: closed before payment on the platform. refunded: money returned after payment.
 */
export const ORDER_STATUSES = [
  'unpaid',
  'pending_verify',
  'verified',
  'shipped',
  'delivery_exception',
  'signed',
  'refused',
  'returned',
  'rejected',
  'cancelled',
  'closed',
  'refunded',
  'unreachable',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ROLES = ['agent', 'lead', 'trainer'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const PAYMENT_METHODS = ['cod', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const VERIFY_OUTCOMES = [
  'confirmed',
  'corrected',
  'not_ordered',
  'wants_cancel',
  'no_answer',
  'busy',
  'powered_off',
  'empty_number',
  'wrong_person',
  'callback',
] as const;
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number];

/**
 * What each verify outcome means. The core acts on `effect`; the card shows `key`.
 * - verify: the order is confirmed and may ship.
 * - reject: the customer did not order it (fake / prank): do not ship.
 * - cancel: the customer asked to cancel.
 * - retry: unanswered; the task is rescheduled on the retry ladder.
 * - unreachable: the number cannot reach the buyer; the order is closed as unreachable.
 * - callback: the customer asked to be called at a chosen time.
 */
export type OutcomeEffect = 'verify' | 'reject' | 'cancel' | 'retry' | 'unreachable' | 'callback';

export interface OutcomeRule {
  key: string;
  reached: boolean;
  effect: OutcomeEffect;
}

export const VERIFY_OUTCOME_RULES: Record<VerifyOutcome, OutcomeRule> = {
  confirmed: { key: '1', reached: true, effect: 'verify' },
  corrected: { key: '2', reached: true, effect: 'verify' },
  not_ordered: { key: '3', reached: true, effect: 'reject' },
  wants_cancel: { key: '4', reached: true, effect: 'cancel' },
  no_answer: { key: 'q', reached: false, effect: 'retry' },
  busy: { key: 'w', reached: false, effect: 'retry' },
  powered_off: { key: 'e', reached: false, effect: 'retry' },
  empty_number: { key: 'r', reached: false, effect: 'unreachable' },
  wrong_person: { key: 't', reached: true, effect: 'unreachable' },
  callback: { key: 'c', reached: true, effect: 'callback' },
};

/** Order status an outcome effect leads to (null: unchanged). */
export const STATUS_AFTER_EFFECT: Record<OutcomeEffect, OrderStatus | null> = {
  verify: 'verified',
  reject: 'rejected',
  cancel: 'cancelled',
  unreachable: 'unreachable',
  retry: null,
  callback: null,
};

/** Fields an agent may correct on a verify call ("confirmed with corrections"). */
export const CORRECTABLE_FIELDS = [
  'customerName',
  'phone',
  'province',
  'city',
  'district',
  'address',
  'package',
  'quantity',
  'amountFen',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Money is kept in integer fen (1 yuan = 100 fen). */
export type Fen = number;

/** How many orders the demo data set holds (the Orders screen says so before adding them to a store in use). */
export const DEMO_ORDER_COUNT = 120;
