/**
 * Order intake vocabulary: the fields an import understands, the platform and courier statuses
 * it recognises, and the intake settings. Pure data, shared by the core and the import screen.
 */
import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from './domain';

/** What a file is: a shop/ad-platform order export, or a courier's status file. */
export const IMPORT_KINDS = ['orders', 'courier'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ORDER_FIELDS = [
  'orderNo',
  'customerName',
  'phone',
  'province',
  'city',
  'district',
  'address',
  'product',
  'package',
  'quantity',
  'amount',
  'paymentMethod',
  'orderedAt',
  'ip',
  'buyerAccount',
  'platformStatus',
  'statusAt',
  'source',
  'waybillNo',
  'courier',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const COURIER_FIELDS = ['waybillNo', 'orderNo', 'courierStatus', 'courierAt', 'courierReason', 'courier', 'courierStation'] as const;
export type CourierField = (typeof COURIER_FIELDS)[number];

export type ImportField = OrderField | CourierField;
export const IMPORT_FIELDS = [...new Set<ImportField>([...ORDER_FIELDS, ...COURIER_FIELDS])] as [ImportField, ...ImportField[]];

export const FIELDS_BY_KIND: Record<ImportKind, readonly ImportField[]> = { orders: ORDER_FIELDS, courier: COURIER_FIELDS };

/** Columns an order export must have. */
export const REQUIRED_ORDER_FIELDS: readonly OrderField[] = ['orderNo', 'customerName', 'phone', 'address', 'amount'];

/** A courier file must name the status and one way to find the order. */
export function missingRequiredFields(kind: ImportKind, mapped: ReadonlySet<ImportField>): ImportField[] {
  if (kind === 'orders') return REQUIRED_ORDER_FIELDS.filter((f) => !mapped.has(f));
  const missing: ImportField[] = [];
  if (!mapped.has('waybillNo') && !mapped.has('orderNo')) missing.push('waybillNo');
  if (!mapped.has('courierStatus')) missing.push('courierStatus');
  return missing;
}

/**
 * What a courier status line means for the order.
 * - in_transit: collected / on the way / out for delivery.
 * - signed: delivered and signed for: the order closes as signed and a revisit call is scheduled.
 * - not_delivered, returned_to_station, awaiting_pickup, refused, exception: a delivery exception
 *   that needs a track call (get a final result, try to save it).
 * - returned: on its way back to the seller: final.
 */
export const COURIER_EVENTS = [
  'in_transit',
  'signed',
  'not_delivered',
  'returned_to_station',
  'awaiting_pickup',
  'refused',
  'exception',
  'returned',
] as const;
export type CourierEvent = (typeof COURIER_EVENTS)[number];

export const COURIER_EXCEPTIONS: ReadonlySet<CourierEvent> = new Set([
  'not_delivered',
  'returned_to_station',
  'awaiting_pickup',
  'refused',
  'exception',
]);

/** Platform statuses an export may carry, and the lifecycle status each means. */
export const PLATFORM_STATUS_TARGETS = [
  'unpaid',
  'pending_verify',
  'shipped',
  'delivery_exception',
  'signed',
  'refused',
  'returned',
  'cancelled',
  'closed',
  'refunded',
] as const satisfies readonly OrderStatus[];
export type PlatformStatusTarget = (typeof PLATFORM_STATUS_TARGETS)[number];

/** Built-in platform status words (抖音小店, 快手, 淘宝/天猫, 拼多多, 有赞, ad landing pages). Users add more in settings. */
export const BUILTIN_PLATFORM_STATUSES: Readonly<Record<string, PlatformStatusTarget>> = {
  未付款: 'unpaid',
  待付款: 'unpaid',
  待支付: 'unpaid',
  未支付: 'unpaid',
  等待买家付款: 'unpaid',
  wait_buyer_pay: 'unpaid',
  unpaid: 'unpaid',
  待审核: 'pending_verify',
  待确认: 'pending_verify',
  待发货: 'pending_verify',
  待处理: 'pending_verify',
  已付款: 'pending_verify',
  已支付: 'pending_verify',
  新订单: 'pending_verify',
  备货中: 'pending_verify',
  已审核: 'pending_verify',
  wait_seller_send_goods: 'pending_verify',
  pending: 'pending_verify',
  已发货: 'shipped',
  待收货: 'shipped',
  运输中: 'shipped',
  配送中: 'shipped',
  派送中: 'shipped',
  已揽收: 'shipped',
  wait_buyer_confirm_goods: 'shipped',
  shipped: 'shipped',
  物流异常: 'delivery_exception',
  派送异常: 'delivery_exception',
  已签收: 'signed',
  已收货: 'signed',
  已完成: 'signed',
  交易成功: 'signed',
  交易完成: 'signed',
  trade_finished: 'signed',
  signed: 'signed',
  delivered: 'signed',
  拒收: 'refused',
  已拒收: 'refused',
  拒签: 'refused',
  refused: 'refused',
  退回: 'returned',
  已退回: 'returned',
  退货: 'returned',
  已退货: 'returned',
  退货退款: 'returned',
  returned: 'returned',
  已取消: 'cancelled',
  取消: 'cancelled',
  订单取消: 'cancelled',
  买家取消: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  已关闭: 'closed',
  交易关闭: 'closed',
  订单关闭: 'closed',
  trade_closed: 'closed',
  trade_closed_by_taobao: 'closed',
  closed: 'closed',
  已退款: 'refunded',
  退款成功: 'refunded',
  退款完成: 'refunded',
  refunded: 'refunded',
};

/** Built-in courier status words (中通, 圆通, 申通, 韵达, 极兔, 顺丰, 邮政, EMS). */
export const BUILTIN_COURIER_STATUSES: Readonly<Record<string, CourierEvent>> = {
  已揽收: 'in_transit',
  揽收: 'in_transit',
  已发出: 'in_transit',
  运输中: 'in_transit',
  在途: 'in_transit',
  在途中: 'in_transit',
  到达: 'in_transit',
  派送中: 'in_transit',
  派件中: 'in_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'in_transit',
  已签收: 'signed',
  签收: 'signed',
  妥投: 'signed',
  已妥投: 'signed',
  本人签收: 'signed',
  他人代签: 'signed',
  代签收: 'signed',
  已送达: 'signed',
  delivered: 'signed',
  signed: 'signed',
  派送失败: 'not_delivered',
  投递失败: 'not_delivered',
  未妥投: 'not_delivered',
  无法派送: 'not_delivered',
  客户不在: 'not_delivered',
  联系不上: 'not_delivered',
  地址错误: 'not_delivered',
  not_delivered: 'not_delivered',
  退回站点: 'returned_to_station',
  返回网点: 'returned_to_station',
  站点滞留: 'returned_to_station',
  滞留: 'returned_to_station',
  滞留件: 'returned_to_station',
  returned_to_station: 'returned_to_station',
  待自提: 'awaiting_pickup',
  待取件: 'awaiting_pickup',
  已到驿站: 'awaiting_pickup',
  已入柜: 'awaiting_pickup',
  快递柜: 'awaiting_pickup',
  驿站: 'awaiting_pickup',
  awaiting_pickup: 'awaiting_pickup',
  拒收: 'refused',
  已拒收: 'refused',
  拒签: 'refused',
  refused: 'refused',
  问题件: 'exception',
  疑难件: 'exception',
  异常: 'exception',
  派送异常: 'exception',
  exception: 'exception',
  退回: 'returned',
  已退回: 'returned',
  退件: 'returned',
  退回中: 'returned',
  退回寄件人: 'returned',
  returned: 'returned',
};

/** A status word as it is compared: half-width, lower case, without spaces, brackets or underscores' variants. */
export function statusKey(label: string): string {
  return label
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/-/g, '_')
    .toLowerCase();
}

/**
 * A status-word lookup: the user's words first, then the built-in ones exactly, then a built-in
 * Chinese word inside the label (longest first, so "已取消（超时未付）" is cancelled and "退回站点"
 * is not "退回"). Answers are cached: an export repeats a handful of words thousands of times.
 */
function resolver<T>(builtin: Readonly<Record<string, T>>, user: Readonly<Record<string, T>>): (label: string) => T | null {
  const exact = new Map<string, T>();
  for (const [w, v] of Object.entries(builtin)) exact.set(statusKey(w), v);
  // User words override built-in ones.
  for (const [w, v] of Object.entries(user)) exact.set(statusKey(w), v);
  const words = Object.keys(builtin)
    .filter((w) => /[\u0080-\uffff]/.test(w))
    .map((w) => [statusKey(w), builtin[w]] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, T | null>();
  /** The known word that starts earliest in the label (the status comes first, a qualifier after it). */
  const scan = (key: string): T | null => {
    let best: { at: number; value: T } | null = null;
    for (const [w, v] of words) {
      const at = key.indexOf(w);
      if (at >= 0 && (best === null || at < best.at)) best = { at, value: v };
    }
    return best?.value ?? null;
  };
  return (label) => {
    let hit = cache.get(label);
    if (hit !== undefined) return hit;
    const key = statusKey(label);
    // A qualifier in brackets ("已取消（超时未付款）") does not change the status.
    const bare = statusKey(label.replace(/[（(【[][^）)】\]]*[）)】\]]/g, ''));
    hit = key === '' ? null : (exact.get(key) ?? exact.get(bare) ?? scan(key));
    if (cache.size < 10_000) cache.set(label, hit);
    return hit;
  };
}

/** Resolves platform status words to the lifecycle status each means. */
export function platformStatusResolver(user: Readonly<Record<string, PlatformStatusTarget>> = {}): (label: string) => PlatformStatusTarget | null {
  return resolver(BUILTIN_PLATFORM_STATUSES, user);
}

/** Resolves courier status words to what each means for the order. */
export function courierEventResolver(user: Readonly<Record<string, CourierEvent>> = {}): (label: string) => CourierEvent | null {
  return resolver(BUILTIN_COURIER_STATUSES, user);
}

const statusLabel = z.string().trim().min(1).max(40);

/** Intake settings (stored apart from the workstation settings, under their own key). */
export const IntakeSettings = z
  .object({
    /** A revisit call is due this many days after the order was signed for. */
    revisitDelayDays: z.number().int().min(0).max(60),
    /** No new recover, track or revisit card for an event older than this (an old export re-imported). */
    staleAfterDays: z.number().int().min(1).max(365),
    /** Online-paid orders get a verify call too (a shop may keep verify calls for cash on delivery only). */
    verifyOnlinePaid: z.boolean(),
    /** Platform status words the user added, and the lifecycle status each means. */
    platformStatuses: z.record(statusLabel, z.enum(PLATFORM_STATUS_TARGETS)),
    /** Courier status words the user added, and what each means. */
    courierStatuses: z.record(statusLabel, z.enum(COURIER_EVENTS)),
  })
  .strict();
export type IntakeSettings = z.infer<typeof IntakeSettings>;

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  revisitDelayDays: 3,
  staleAfterDays: 7,
  verifyOnlinePaid: true,
  platformStatuses: {},
  courierStatuses: {},
};

export const IntakeSettingsPatch = IntakeSettings.partial().strict();
export type IntakeSettingsPatch = z.infer<typeof IntakeSettingsPatch>;

/** The lifecycle statuses, re-exported for the import screen's status table. */
export { ORDER_STATUSES };
