/**
 * The facts of one call, gathered from a call card (or a sample order in the trainer's preview).
 * Risk screening and shipment tracking are other features' data: read here defensively, so a card
 * without them (or with more than we know) still gives a script, with placeholders where needed.
 */
import { z } from 'zod';
import { PAYMENT_METHODS, type Flow, type OrderStatus } from '../domain';
import { riskFactText } from '../risk/view';
import { RISK_LEVELS, type RiskFacts, type ScriptContext, type ScriptOrder, type ShipmentFacts, type Translate } from './variables';

/** Risk as a card may carry it: a level, whether the order is held, and the rules that fired. */
const RiskInput = z
  .object({
    level: z.enum(RISK_LEVELS).optional().catch(undefined),
    held: z.boolean().optional().catch(undefined),
    // Why it is held (OrderRiskView.holdReason): online_only is said to packs as a flag.
    holdReason: z.string().nullable().optional().catch(undefined),
    flags: z.array(z.string()).optional().catch(undefined),
    // Risk screening's facts: rule codes for branches, words (or translation keys) for the agent.
    facts: z
      .array(
        z.union([
          z.string(),
          z
            .object({
              rule: z.string().optional(),
              kind: z.string().optional().catch(undefined),
              onlineOnly: z.boolean().optional().catch(undefined),
              text: z.string().optional(),
              messageKey: z.string().optional(),
              params: z.record(z.string(), z.union([z.string(), z.number()])).optional().catch(undefined),
            })
            .loose(),
        ]),
      )
      .optional()
      .catch(undefined),
  })
  .loose();

const ShipmentInput = z
  .object({
    courier: z.string().optional().catch(undefined),
    waybill: z.string().optional().catch(undefined),
    eta: z.string().optional().catch(undefined),
    reason: z.string().optional().catch(undefined),
    station: z.string().optional().catch(undefined),
  })
  .loose();

/**
 * Flags a pack may test besides the rules that fired (risk.flags has …):
 * - cod_restricted: the buyer is restricted to online payment (buyer_history's cod_restricted
 *   fact; the rule's plain "refusals" fact restricts nothing);
 * - online_only: the order is held until it is converted to online payment (the card's hold
 *   reason; a risk without one, such as a sample's, says it by its facts as screening does).
 */
function derivedFlags(data: z.infer<typeof RiskInput>): string[] {
  const facts = (data.facts ?? []).filter((f) => typeof f !== 'string');
  const out: string[] = [];
  if (facts.some((f) => f.rule === 'buyer_history' && f.kind === 'cod_restricted')) out.push('cod_restricted');
  const onlineOnly =
    data.holdReason !== undefined
      ? data.holdReason === 'online_only'
      : (data.held ?? false) && facts.some((f) => f.onlineOnly || f.rule === 'remote_area' || f.kind === 'cod_restricted');
  if (onlineOnly) out.push('online_only');
  return out;
}

export function readRisk(raw: unknown, t?: Translate): RiskFacts | undefined {
  const r = RiskInput.safeParse(raw);
  if (!r.success || raw == null) return undefined;
  const facts = r.data.facts ?? [];
  const flags = [
    ...new Set([...(r.data.flags ?? []), ...facts.flatMap((f) => (typeof f !== 'string' && f.rule ? [f.rule] : [])), ...derivedFlags(r.data)]),
  ];
  const words = facts.flatMap((f) => {
    if (typeof f === 'string') return [f];
    if (f.text) return [f.text];
    if (f.messageKey && t) return [riskFactText(t, { messageKey: f.messageKey, params: f.params })];
    return [];
  });
  return { level: r.data.level ?? (flags.length ? 'medium' : 'none'), held: r.data.held ?? false, flags, facts: words };
}

export function readShipment(raw: unknown): ShipmentFacts | undefined {
  const r = ShipmentInput.safeParse(raw);
  if (!r.success || raw == null) return undefined;
  const { courier, waybill, eta, reason, station } = r.data;
  return { courier, waybill, eta, reason, station };
}

/** The order's courier data as logistics imports keep it (OrderView.courier). */
const CourierInput = z
  .object({
    company: z.string().nullish().catch(undefined),
    waybillNo: z.string().nullish().catch(undefined),
    status: z.string().nullish().catch(undefined),
    reason: z.string().nullish().catch(undefined),
    station: z.string().nullish().catch(undefined),
  })
  .loose();

function readCourier(raw: unknown): ShipmentFacts | undefined {
  const r = CourierInput.safeParse(raw);
  if (!r.success || raw == null) return undefined;
  return {
    courier: r.data.company ?? undefined,
    waybill: r.data.waybillNo ?? undefined,
    reason: r.data.reason ?? r.data.status ?? undefined,
    station: r.data.station ?? undefined,
  };
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Who is calling: the agent and shop (from Settings), and the business time zone. */
export interface CallerInfo {
  agentName?: string;
  shopName?: string;
  timeZone?: string;
}

/** The parts of a call card a script reads (CallCard fits; risk and shipment when a card has them). */
export interface CardLike {
  order: ScriptOrder & { courier?: unknown };
  isCallback: boolean;
  unanswered: number;
  /** The customer called in (the card was taken for a caller). */
  inbound?: boolean;
  risk?: unknown;
  shipment?: unknown;
}

export function cardScriptContext(card: CardLike, who: CallerInfo, t?: Translate): ScriptContext {
  const fromCourier = readCourier(card.order.courier);
  const fromCard = readShipment(card.shipment);
  return {
    order: card.order,
    risk: readRisk(card.risk, t),
    shipment: fromCourier || fromCard ? { ...defined(fromCourier), ...defined(fromCard) } : undefined,
    agentName: who.agentName,
    shopName: who.shopName,
    call: { isCallback: card.isCallback, unanswered: card.unanswered, inbound: card.inbound ?? false },
    timeZone: who.timeZone,
  };
}

/** A made-up order for previews, editable by the trainer. */
export const SampleOrder = z
  .object({
    orderNo: z.string().max(64).default('DD2026112000001'),
    customerName: z.string().max(60).default(''),
    gender: z.enum(['male', 'female']).optional(),
    phone: z.string().max(30).default(''),
    province: z.string().max(30).default(''),
    city: z.string().max(30).default(''),
    district: z.string().max(30).default(''),
    address: z.string().max(300).default(''),
    product: z.string().max(120).default(''),
    package: z.string().max(120).default(''),
    quantity: z.number().int().min(1).max(999).default(1),
    amountFen: z.number().int().min(0).max(100_000_000).default(0),
    paymentMethod: z.enum(PAYMENT_METHODS).default('cod'),
    orderedAt: z.string().max(40).optional(),
    source: z.string().max(40).default(''),
    risk: z
      .object({
        level: z.enum(RISK_LEVELS).default('none'),
        held: z.boolean().default(false),
        flags: z.array(z.string().max(40)).max(20).default([]),
        // Words, or risk screening's message key (risk.facts.<rule>.<kind>) said in the preview's language.
        facts: z
          .array(
            z.union([
              z.string().max(200),
              z
                .object({
                  messageKey: z.string().regex(/^risk\.facts\.[a-z_]+\.[a-z_]+$/),
                  params: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
                })
                .strict(),
            ]),
          )
          .max(20)
          .default([]),
      })
      .strict()
      .optional(),
    shipment: z
      .object({
        courier: z.string().max(40).optional(),
        waybill: z.string().max(40).optional(),
        eta: z.string().max(40).optional(),
        reason: z.string().max(120).optional(),
        station: z.string().max(120).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SampleOrder = z.infer<typeof SampleOrder>;

export function sampleScriptOrder(s: SampleOrder): ScriptOrder {
  const pkg = [s.product, s.package].filter(Boolean).join(' ') + (s.quantity > 1 ? ` ×${s.quantity}` : '');
  return {
    orderNo: s.orderNo,
    customerName: s.customerName,
    phone: s.phone,
    province: s.province,
    city: s.city,
    district: s.district,
    address: s.address,
    packageText: pkg,
    amountFen: s.amountFen,
    paymentMethod: s.paymentMethod,
    orderedAt: s.orderedAt ?? null,
    source: s.source,
    lines: s.product ? [{ product: s.product, package: s.package, quantity: s.quantity, amountFen: s.amountFen }] : [],
  };
}

/**
 * The status a made-up order has on each flow's call: a sample fits whichever flow is previewed
 * (a track call's sample has shipped; a recover call's was cancelled).
 */
export const SAMPLE_STATUS: Record<Flow, OrderStatus> = {
  verify: 'pending_verify',
  upsell: 'verified',
  recover: 'cancelled',
  track: 'delivery_exception',
  revisit: 'signed',
};

export function sampleScriptContext(s: SampleOrder, who: CallerInfo, flow?: Flow): ScriptContext {
  return {
    order: { ...sampleScriptOrder(s), ...(flow ? { status: SAMPLE_STATUS[flow] } : {}) },
    customerGender: s.gender,
    risk: s.risk,
    shipment: s.shipment,
    agentName: who.agentName,
    shopName: who.shopName,
    call: { isCallback: false, unanswered: 0 },
    timeZone: who.timeZone,
  };
}

/** The built-in sample: a held high-risk order is one click away in the preview. */
export const BUILTIN_SAMPLE: SampleOrder = SampleOrder.parse({
  orderNo: 'DD2026112000001',
  customerName: '陈秀英',
  gender: 'female',
  phone: '13800138000',
  province: '河南省',
  city: '郑州市',
  district: '金水区',
  address: '农业路38号3单元502',
  product: '鲍鱼罐头',
  package: '4罐',
  quantity: 1,
  amountFen: 9900,
  paymentMethod: 'cod',
  orderedAt: '2026-11-20T01:15:00.000Z',
  source: '抖音',
});

/**
 * The built-in sample as a held high-risk order, for previewing a pack's careful opening. Its risk
 * fact is risk screening's own (a repeat order from the same phone), said in the preview's language.
 */
/**
 * A made-up order for previewing a pack: one written for some products speaks of the first of them
 * (a pack for 阿胶糕 said "您订的鲍鱼罐头 4罐" on the built-in sample).
 */
export function sampleForPack(sample: SampleOrder, products: readonly string[] | undefined): SampleOrder {
  return products && products.length > 0 && !products.includes(sample.product) ? { ...sample, product: products[0] } : sample;
}

export const HELD_SAMPLE: SampleOrder = {
  ...BUILTIN_SAMPLE,
  risk: {
    level: 'high',
    held: true,
    flags: ['duplicate_order'],
    facts: [{ messageKey: 'risk.facts.duplicate_order.phone', params: { hours: 24, count: 1, orders: 'DD2026111923015' } }],
  },
};

/** A made-up shipment for previewing track and revisit scripts. */
export const SAMPLE_SHIPMENT: NonNullable<SampleOrder['shipment']> = {
  courier: '顺丰速运',
  waybill: 'SF1234567890123',
  eta: '2026-11-23',
  reason: '客户不在家',
  station: '农业路菜鸟驿站',
};
