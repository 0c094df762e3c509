/**
 * The column headers that mean each import field in seller exports (canonical English names, the
 * common Chinese headers of shop back-ends and ad platforms) and in courier status files.
 */
import { createHash } from 'node:crypto';
import { LOCALES } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';
import {
  COURIER_FIELDS,
  missingRequiredFields,
  ORDER_FIELDS,
  REQUIRED_ORDER_FIELDS,
  type CourierField,
  type ImportField,
  type ImportKind,
  type OrderField,
} from '../../../shared/intake';

export { ORDER_FIELDS, REQUIRED_ORDER_FIELDS as REQUIRED_FIELDS, type OrderField };

const ORDER_ALIASES: Record<OrderField, string[]> = {
  orderNo: ['order_no', 'orderno', 'order_id', 'order number', '订单编号', '订单号', '订单id', '主订单编号', '子订单编号', '平台订单号', '外部订单号'],
  customerName: ['name', 'customer_name', 'customer', 'consignee', '收货人', '收货人姓名', '收件人', '收件人姓名', '姓名', '客户姓名', '联系人', '买家姓名'],
  // A mobile column before a general one: Taobao exports have 联系电话 (mostly empty) and 联系手机.
  phone: [
    'mobile', '手机号', '手机号码', '收货人手机号', '收货人手机', '收件人手机', '收件人手机号', '联系手机', '手机',
    'phone', 'tel', 'phone_number', '联系电话', '收货人电话', '收件人电话', '电话', '联系方式',
  ],
  province: ['province', '省份', '省', '收货省份', '收件省份', '所在省'],
  city: ['city', '城市', '市', '收货城市', '收件城市', '所在市'],
  district: ['district', 'county', '区县', '区/县', '区', '县', '收货区县', '收件区县', '所在区'],
  address: ['address', 'detail_address', '详细地址', '收货地址', '收件地址', '地址', '街道地址', '收货人地址', '收货详细地址', '街道'],
  product: ['product', 'product_name', 'item', '商品名称', '商品', '产品', '产品名称', '商品标题', '宝贝标题', '选购商品'],
  package: ['package', 'sku', 'spec', '套餐', '规格', '商品规格', '套餐名称', '商品属性', 'sku名称'],
  quantity: ['quantity', 'qty', 'count', '数量', '商品数量', '购买数量', '件数'],
  // What the buyer pays for the order before an item's price: 代收金额 is what the courier collects.
  amount: [
    'amount', 'amount_yuan', 'total', '代收金额', '订单金额', '应付金额', '订单应付金额', '实付金额', '订单实付金额', '实付款',
    '买家实际支付金额', '用户实付金额', '应收金额', '订单总额', '金额', '货款金额', '支付金额', 'price', '商品金额',
  ],
  paymentMethod: ['payment_method', 'payment', 'pay_type', '支付方式', '付款方式', '支付类型', '付款类型'],
  orderedAt: ['ordered_at', 'order_time', 'created_at', '下单时间', '创建时间', '订单创建时间', '提交时间', '订单提交时间', '下单日期', '订单成交时间', '成交时间'],
  ip: ['ip', 'order_ip', '下单ip', 'ip地址', '用户ip'],
  buyerAccount: ['buyer_account', 'buyer', 'account', '买家账号', '买家昵称', '用户id', '买家id', '用户昵称', '下单账号', '买家会员名'],
  platformStatus: ['platform_status', 'status', 'order_status', '订单状态', '状态', '交易状态'],
  statusAt: ['status_at', 'status_time', 'updated_at', '更新时间', '状态时间', '订单更新时间', '状态更新时间', '最后更新时间'],
  source: ['source', 'channel', '来源', '渠道', '流量来源', '订单来源', '广告渠道', '推广渠道'],
  waybillNo: ['waybill_no', 'waybill', 'tracking_no', 'tracking number', '运单号', '快递单号', '物流单号', '运单编号'],
  courier: ['courier', 'carrier', 'express', '快递公司', '物流公司', '承运商', '快递'],
};

const COURIER_ALIASES: Record<CourierField, string[]> = {
  waybillNo: ORDER_ALIASES.waybillNo,
  orderNo: ORDER_ALIASES.orderNo,
  courierStatus: ['courier_status', 'status', 'delivery_status', '物流状态', '快递状态', '派送状态', '签收状态', '运单状态', '状态', '最新状态'],
  courierAt: ['status_time', 'status_at', 'updated_at', 'time', '状态时间', '更新时间', '物流更新时间', '签收时间', '时间', '操作时间', '最新时间'],
  courierReason: ['reason', 'remark', 'note', '原因', '异常原因', '问题原因', '派送失败原因', '拒收原因', '备注', '异常描述', '问题描述'],
  courier: ORDER_ALIASES.courier,
  courierStation: ['station', 'pickup_point', 'pickup_station', 'pickup point', '自提点', '自提点名称', '自提地址', '驿站', '驿站名称', '代收点', '取件点', '取件地址', '自取點', '取貨點'],
};

/** A header as it is compared: no BOM, no unit in brackets, no spaces or colons, lower case. */
export function normaliseHeader(h: string): string {
  return (
    h
      .replace(/^\uFEFF/, '')
      // A unit in brackets after a name ("订单金额(元)", "数量（件）", "amount (yuan)") does not change the field.
      .replace(/\s*[（(][^（()）]*[)）]\s*$/, '')
      .replace(/[\s*（）()：:]/g, '')
      .toLowerCase()
  );
}

/** A header's field, and its rank among the field's names (earlier names are preferred). */
function lookup<F extends ImportField>(aliases: Partial<Record<F, string[]>>): Map<string, { field: ImportField; rank: number }> {
  const map = new Map<string, { field: ImportField; rank: number }>();
  for (const field of Object.keys(aliases) as F[]) {
    (aliases[field] ?? []).forEach((alias, rank) => {
      if (!map.has(normaliseHeader(alias))) map.set(normaliseHeader(alias), { field, rank });
    });
  }
  return map;
}

const LOOKUP: Record<ImportKind, Map<string, { field: ImportField; rank: number }>> = {
  orders: lookup(ORDER_ALIASES),
  courier: lookup(COURIER_ALIASES),
};

export type ColumnMapping = Partial<Record<ImportField, number>>;

/**
 * Column index of each recognised field. When two columns mean the same field, the one whose name
 * comes first in the field's list wins (联系手机 over 联系电话, 实付金额 over 商品金额), then the
 * first column.
 */
export function mapHeader(header: string[]): Partial<Record<OrderField, number>>;
export function mapHeader(header: string[], kind: ImportKind): ColumnMapping;
export function mapHeader(header: string[], kind: ImportKind = 'orders'): ColumnMapping {
  const map: ColumnMapping = {};
  const ranks: Partial<Record<ImportField, number>> = {};
  header.forEach((h, i) => {
    const hit = LOOKUP[kind].get(normaliseHeader(h));
    if (!hit) return;
    const held = ranks[hit.field];
    if (held === undefined || hit.rank < held) {
      map[hit.field] = i;
      ranks[hit.field] = hit.rank;
    }
  });
  return map;
}

/** The field a single header suggests, for the mapping screen. */
export function fieldForHeader(header: string, kind: ImportKind): ImportField | null {
  return LOOKUP[kind].get(normaliseHeader(header))?.field ?? null;
}

/**
 * Whether a header row looks like a courier status file rather than an order export: it names a
 * status and a waybill, and lacks what an order export must have.
 */
export function detectKind(header: string[]): ImportKind {
  const asCourier = mapHeader(header, 'courier');
  const asOrders = mapHeader(header, 'orders');
  const courierComplete = missingRequiredFields('courier', new Set(Object.keys(asCourier) as ImportField[])).length === 0;
  const ordersMissing = missingRequiredFields('orders', new Set(Object.keys(asOrders) as ImportField[])).length;
  return courierComplete && asCourier.waybillNo !== undefined && ordersMissing > 0 ? 'courier' : 'orders';
}

/** How many fields a header row names: the header is the row among the first few that names most. */
export function headerScore(header: string[], kind: ImportKind): number {
  return Object.keys(mapHeader(header, kind)).length;
}

let annotations: Set<string> | null = null;
/** The two columns our "rejected rows" file adds (row number, reason), in every language. */
function isAnnotation(h: string): boolean {
  annotations ??= new Set(LOCALES.flatMap((l) => [translator(l)('intake.csv.row'), translator(l)('intake.csv.reason')]).map(normaliseHeader));
  return annotations.has(h);
}

/**
 * Identifies a header set regardless of column order, so a saved profile is found again (also for
 * a fixed "rejected rows" file, whose two added columns do not count).
 */
export function headerKey(header: string[]): string {
  const names = header.map(normaliseHeader).filter((h) => h !== '' && !isAnnotation(h));
  return createHash('sha256').update([...new Set(names)].sort().join('\u0001')).digest('hex').slice(0, 32);
}

export const FIELD_LISTS: Record<ImportKind, readonly ImportField[]> = { orders: ORDER_FIELDS, courier: COURIER_FIELDS };
