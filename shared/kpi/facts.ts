/**
 * The plain rows the KPI formulas read. The store's queries fill them (electron/services/reports);
 * tests write them by hand. No SQL, no I/O: the dashboard, the exports and the tests all run the
 * same formulas over the same shapes.
 */
import type { Flow, OrderStatus } from '../domain';
import type { OutcomeCode } from '../outcomes';

/** One recorded call outcome (a row of call_outcomes) with what the formulas need of its order. */
export interface CallFact {
  id: string;
  /** When the outcome was recorded (UTC ISO). */
  at: string;
  agentId: string;
  orderId: string;
  taskId: string;
  /** The flow of the card the call was made on. An upsell row on a verify card is an in-call upsell. */
  taskFlow: Flow;
  flow: Flow;
  outcome: OutcomeCode;
  /**
   * Someone answered (接通: counts toward the connect rate). As call centres count a connect, any
   * answered call: a wrong person answering (非本人) and a callback agreed are connected too; no
   * answer, busy, phone off and an empty number are not (the outcome catalogue's `reached`).
   */
  reached: boolean;
  reasonCode: string | null;
  /** Upsell revenue added, compensation or refund given (fen). */
  amountFen: number | null;
  /** Card opened -> outcome recorded. */
  handleMs: number | null;
  /** Dialled -> outcome recorded. */
  talkMs: number | null;
  /** The last rung of the retry ladder was used up: the matter closed without a result. */
  exhausted: boolean;
  /**
   * Recorded beside the call's own outcome on the same call (what else a revisit call achieved): a
   * result, not another call. (An in-call upsell is told by its flow; see isInCallUpsell.)
   */
  alsoOnCall?: boolean;
  /** The order's amount and status now (recovered revenue; later refusals of verified orders). */
  orderAmountFen: number;
  orderStatus: OrderStatus;
}

/** An order placed in the period (money decomposition, loss rate). */
export interface OrderFact {
  id: string;
  status: OrderStatus;
  amountFen: number;
  /** The buyer talked to the team before ordering: a phone order, or an earlier call that got through to this number. */
  talkedToService: boolean;
  /** Somebody called about this order (any flow, any result, a missed attempt too). */
  called: boolean;
}

/** A shipped order, for the sign rate by ship date. */
export interface ShipmentFact {
  orderId: string;
  /** When it left (UTC ISO): the first courier line, else when its status moved past shipping. */
  shippedAt: string;
  /** When it was signed for; null while it was not. */
  signedAt: string | null;
  /** When it was refused at the door, returned or refunded without a signature; null otherwise. */
  refusedAt: string | null;
}

/** A lead rejected an order held as high risk (not a call: a decision in the risk screen). */
export interface RiskRejectionFact {
  orderId: string;
  at: string;
  agentId: string;
}
