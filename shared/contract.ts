/**
 * The API contract: one map of method name -> zod schema of its single argument object, and the
 * result type. The Electron preload, the IPC registration, the web host and the CLI all derive
 * from this map; a contract test keeps them identical.
 */
import { z } from 'zod';
import {
  CORRECTABLE_FIELDS,
  FLOWS,
  LOCALES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  ROLES,
  type Flow,
  type Locale,
  type OrderStatus,
  type PaymentMethod,
  type Role,
} from './domain';
import { ALSO_ON_REVISIT, OUTCOME_CODES, type OutcomeCode } from './outcomes';
import { method, NoArgs } from './contract-kit';
import { flowMethods } from './contracts/flows';
import { riskMethods } from './contracts/risk';
import { packMethods } from './contracts/packs';
import { intakeMethods } from './contracts/intake';
import { reportMethods } from './contracts/reports';
import type { OrderRiskView } from './risk/view';
import { RISK_LEVELS } from './risk/rules';

/** The orders list's risk filter: a level, or the orders held from shipping. */
export const RISK_FILTERS = [...RISK_LEVELS, 'held'] as const;
export type RiskFilter = (typeof RISK_FILTERS)[number];
import { SettingsPatch, type Settings } from './settings';

// ---------- result types ----------

export interface AgentView {
  id: string;
  name: string;
  roles: Role[];
}

export interface SessionView {
  setupDone: boolean;
  agent: AgentView | null;
  settings: Settings;
  /**
   * May set the team's settings and roles: a lead, or anyone on a store where nobody holds the lead
   * role any more (its only user dropped it before only leads could give it): they take it back.
   */
  actsAsLead: boolean;
}

export interface OrderLineView {
  product: string;
  package: string;
  quantity: number;
  amountFen: number;
}

export interface OrderSummary {
  id: string;
  orderNo: string;
  status: OrderStatus;
  customerName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  address: string;
  amountFen: number;
  paymentMethod: PaymentMethod;
  orderedAt: string | null;
  source: string;
  packageText: string;
}

/** What the courier said about a shipped order (from logistics imports). */
export interface CourierView {
  company: string | null;
  waybillNo: string | null;
  /** The courier's latest status text and reason, as they wrote it. */
  status: string | null;
  reason: string | null;
  statusAt: string | null;
  /** Where the parcel waits to be collected (驿站, locker, branch), when the courier said. */
  station: string | null;
  events: { at: string; status: string; reason: string | null }[];
}

export interface OrderView extends OrderSummary {
  /** Present once the order has shipped. */
  courier?: CourierView;
  ip: string | null;
  buyerAccount: string | null;
  lines: OrderLineView[];
  createdAt: string;
  updatedAt: string;
}

export interface OutcomeView {
  id: string;
  orderId: string;
  orderNo: string;
  flow: Flow;
  outcome: OutcomeCode;
  reached: boolean;
  note: string;
  reasonCode: string | null;
  /** Upsell revenue added, compensation or refund given (fen). */
  amountFen: number | null;
  agentName: string;
  createdAt: string;
  callbackAt: string | null;
}

export interface HistoryEntry {
  at: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  agentName: string | null;
}

export interface TaskView {
  id: string;
  flow: Flow;
  state: 'open' | 'done';
  dueAt: string;
  attempts: number;
  unanswered: number;
  lastOutcome: string | null;
}

export interface CallCard {
  taskId: string;
  flow: Flow;
  dueAt: string;
  attempts: number;
  unanswered: number;
  /** The card was due as a customer-requested callback. */
  isCallback: boolean;
  order: OrderView;
  /** This customer's other orders (same phone), newest first. */
  otherOrders: OrderSummary[];
  /** Past call outcomes with this customer, newest first. */
  pastOutcomes: OutcomeView[];
  history: HistoryEntry[];
  /** Every open matter of this customer (same phone), this card's first: one call settles them all. */
  matters: MatterView[];
  /** Risk screening: level, facts in plain words, looked-up regions, whether the order is held. */
  risk?: OrderRiskView;
}

export interface MatterView {
  taskId: string;
  flow: Flow;
  orderNo: string;
  orderStatus: OrderStatus;
  packageText: string;
  dueAt: string;
  isCallback: boolean;
  unanswered: number;
}

/**
 * Counts shown beside the queue stop here ("99+") so that a huge backlog never slows the next
 * card: the count is read with every card, and costs one index entry per task counted.
 */
export const QUEUE_COUNT_CAP = 99;

/** What the queue holds, so an empty screen can say why it is empty. */
export interface QueueStatus {
  /** Cards due now (capped at QUEUE_COUNT_CAP; `dueNowCapped` says when there are more). */
  dueNow: number;
  dueNowCapped: boolean;
  /** Due now, per flow: QUEUE_COUNT_CAP + 1 means more than the cap. Only filled when no card could be handed out. */
  dueByFlow: Partial<Record<Flow, number>>;
  later: number;
  nextDueAt: string | null;
  callbacksLaterToday: number;
  overdueCallbacks: number;
  /** Calls are not allowed now (business clock outside calling hours). */
  outsideCallingHours: boolean;
  callingHours: { start: string; end: string };
  /** Cards another agent is working on now. */
  heldByOthers: number;
}

export interface NextCardResult {
  card: CallCard | null;
  queue: QueueStatus;
}

export interface RecordOutcomeResult extends NextCardResult {
  outcomeId: string;
  /** When the matter comes back (not reached, or a callback); absent when it is settled. */
  nextAttemptAt?: string;
}

export interface ImportRejection {
  row: number;
  field: string;
  code: string;
  reason: string;
}

export interface ImportSummary {
  fileName: string;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

export interface OrderDetail {
  order: OrderView;
  tasks: TaskView[];
  outcomes: OutcomeView[];
  history: HistoryEntry[];
}

export interface OrderList {
  total: number;
  orders: OrderSummary[];
}

// ---------- argument schemas ----------

const text = (max: number) => z.string().trim().max(max);
const isoInstant = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(64);

export const Corrections = z
  .object({
    customerName: text(60).min(1),
    phone: text(30).min(3),
    province: text(30),
    city: text(30),
    district: text(30),
    address: text(300).min(1),
    package: text(120),
    quantity: z.number().int().min(1).max(999),
    amountFen: z.number().int().min(0).max(100_000_000),
  })
  .partial()
  .strict();
export type Corrections = z.infer<typeof Corrections>;

/** An order a caller places on the phone. */
export const PhoneOrderArgs = z
  .object({
    customerName: text(60).min(1),
    phone: text(30).min(3),
    province: text(30).min(1),
    city: text(30).min(1),
    district: text(30).optional(),
    address: text(300).min(1),
    product: text(120).min(1),
    package: text(120).optional(),
    quantity: z.number().int().min(1).max(999),
    amountFen: z.number().int().min(1).max(100_000_000),
    paymentMethod: z.enum(PAYMENT_METHODS).default('cod'),
  })
  .strict();
export type PhoneOrderArgs = z.infer<typeof PhoneOrderArgs>;


export const OfferLine = z
  .object({
    product: text(120).min(1),
    package: text(120),
    quantity: z.number().int().min(1).max(999),
    amountFen: z.number().int().min(0).max(100_000_000),
  })
  .strict();

/** An upsell offer as the card showed it: the lines it adds and the order's new total. */
export const AcceptedOffer = z
  .object({
    id: text(80).min(1),
    title: text(120).min(1),
    addLines: z.array(OfferLine).min(1).max(20),
    newTotalFen: z.number().int().min(0).max(100_000_000),
  })
  .strict();
export type AcceptedOffer = z.infer<typeof AcceptedOffer>;

const reasonCode = text(40).min(1);
const fen = z.number().int().min(0).max(10_000_000);

export const RecordOutcomeArgs = z
  .object({
    taskId: id,
    outcome: z.enum(OUTCOME_CODES),
    /**
     * The task's attempts as the card showed them. An outcome sent from a stale screen (a second
     * window, a bounced key) finds more and is refused instead of being recorded a second time.
     */
    attempts: z.number().int().min(0).max(1000).optional(),
    /**
     * The order's version (updatedAt) the card showed. Changed since (a new export, a lead), the
     * outcome is refused so the agent reads the order again before confirming what they did not check.
     */
    orderUpdatedAt: isoInstant.optional(),
    note: text(1000).optional(),
    /** Required when the outcome has a reason list (loss, refusal, upsell decline, complaint). */
    reasonCode: reasonCode.optional(),
    corrections: Corrections.optional(),
    callbackAt: isoInstant.optional(),
    offer: AcceptedOffer.optional(),
    /** Self-pickup station (track). */
    station: text(120).min(1).optional(),
    compensationFen: fen.optional(),
    refundFen: fen.optional(),
    /** An upsell made inside a verify call, right after the order was confirmed. */
    inCallUpsell: z
      .object({
        outcome: z.enum(['upsell_accepted', 'upsell_declined']),
        offer: AcceptedOffer.optional(),
        reasonCode: reasonCode.optional(),
      })
      .strict()
      .optional(),
    /**
     * What else the same revisit call achieved beside its outcome (a satisfied customer who also
     * joined WeChat and wants to buy again): each is recorded as its own result of this call.
     */
    alsoOutcomes: z.array(z.enum(ALSO_ON_REVISIT)).max(ALSO_ON_REVISIT.length).optional(),
    startedAt: isoInstant.optional(),
    dialedAt: isoInstant.optional(),
    /** The script pack the card followed and the steps taken (reports: which step loses customers). */
    scriptPackId: text(64).min(1).optional(),
    scriptVersion: text(64).min(1).optional(),
    scriptPath: z
      .array(z.object({ step: text(64).min(1), at: isoInstant, objection: text(64).min(1).optional() }).strict())
      .max(500)
      .optional(),
    /** The flow to take the next card from (default: any flow). */
    nextFlow: z.enum(FLOWS).optional(),
    /** The customer called in (the agent took their card for a caller): kept with the call. */
    inbound: z.boolean().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.outcome === 'callback' && !a.callbackAt) {
      ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'callback_time_required' });
    }
    if ((a.outcome === 'corrected' || a.outcome === 'address_corrected') && (!a.corrections || Object.keys(a.corrections).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['corrections'], message: 'corrections_required' });
    }
  });

/**
 * The workstation's own methods. Each later feature defines its methods in
 * shared/contracts/<feature>.ts with `method()` and is spread into `contract` below.
 */
export const coreMethods = {
  getSession: method<SessionView>()(NoArgs),
  completeSetup: method<SessionView>()(
    z
      .object({
        agentName: text(40).min(1),
        shopName: text(80).min(1),
        language: z.enum(LOCALES),
        roles: z.array(z.enum(ROLES)).min(1).optional(),
      })
      .strict(),
  ),
  updateSettings: method<SessionView>()(
    z
      .object({
        settings: SettingsPatch.optional(),
        agentName: text(40).min(1).optional(),
        roles: z.array(z.enum(ROLES)).min(1).optional(),
      })
      .strict(),
  ),
  nextCard: method<NextCardResult>()(z.object({ flow: z.enum(FLOWS).optional() }).strict()),
  /**
   * A customer on the line (called in, or called back): their card now, out of queue order, found
   * by phone number (as people write it) or order number.
   */
  takeCall: method<NextCardResult>()(z.object({ query: text(40).min(1) }).strict()),
  /** An order taken on the phone from a caller not in the store: created, screened, and its verify card handed over. */
  createPhoneOrder: method<NextCardResult & { orderNo: string }>()(PhoneOrderArgs),
  /** What recent orders were for (product, package, price), most common first: the phone-order form offers them. */
  phoneOrderChoices: method<{ choices: { product: string; package: string; amountFen: number }[] }>()(NoArgs),
  recordOutcome: method<RecordOutcomeResult>()(RecordOutcomeArgs),
  listOrders: method<OrderList>()(
    z
      .object({
        status: z.enum(ORDER_STATUSES).optional(),
        /** Only orders of this risk level, or only those held from shipping. */
        risk: z.enum(RISK_FILTERS).optional(),
        query: text(100).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  getOrder: method<OrderDetail>()(z.object({ orderNo: text(64).min(1) }).strict()),
  importOrders: method<ImportSummary>()(
    z
      .object({
        fileName: text(255).min(1),
        /** File bytes, base64. 64 MB of base64 at most through a door; the CLI reads files directly. */
        contentBase64: z.string().max(90_000_000),
      })
      .strict(),
  ),
  loadDemo: method<ImportSummary>()(NoArgs),
} as const;

export const contract = {
  ...coreMethods,
  ...flowMethods,
  ...riskMethods,
  ...packMethods,
  ...intakeMethods,
  ...reportMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export type ArgsIn<K extends MethodName> = z.input<Contract[K]['args']>;
export type ArgsOut<K extends MethodName> = z.output<Contract[K]['args']>;
export type ResultOf<K extends MethodName> = NonNullable<Contract[K]['result']>;

/** What the renderer calls: every method, async, taking the schema's input type. */
export type CallcardApi = { [K in MethodName]: (args: ArgsIn<K>) => Promise<ResultOf<K>> };

/** What the core implements: parsed arguments in, result (or promise of it) out. */
export type Handlers = { [K in MethodName]: (args: ArgsOut<K>) => ResultOf<K> | Promise<ResultOf<K>> };

export type { Flow, Locale, OrderStatus, OutcomeCode, PaymentMethod, Role };
export { CORRECTABLE_FIELDS };

/**
 * What crosses a door: errors travel as data, because Electron's IPC and contextBridge keep only
 * an Error's message and HTTP has no exceptions.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: import('./errors').SerializedError };

/** What the preload exposes on window.callcard and what the web client emulates. */
export type CallcardBridge = { [K in MethodName]: (args: ArgsIn<K>) => Promise<Envelope<ResultOf<K>>> };
