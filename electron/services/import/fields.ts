/**
 * The order fields an import understands, and the column headers that mean them in seller
 * exports (canonical English names and the common Chinese headers of shop back-ends).
 */
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
  'source',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const REQUIRED_FIELDS: OrderField[] = ['orderNo', 'customerName', 'phone', 'address', 'amount'];

const ALIASES: Record<OrderField, string[]> = {
  orderNo: ['order_no', 'orderno', 'order_id', 'order number', '订单编号', '订单号', '订单id', '主订单编号', '子订单编号'],
  customerName: ['name', 'customer_name', 'customer', 'consignee', '收货人', '收货人姓名', '收件人', '姓名', '客户姓名'],
  phone: ['phone', 'mobile', 'tel', 'phone_number', '联系电话', '手机号', '手机号码', '收货人手机号', '收货人电话', '手机', '电话', '联系方式'],
  province: ['province', '省份', '省', '收货省份'],
  city: ['city', '城市', '市', '收货城市'],
  district: ['district', 'county', '区县', '区/县', '区', '县'],
  address: ['address', 'detail_address', '详细地址', '收货地址', '地址', '街道地址'],
  product: ['product', 'product_name', 'item', '商品名称', '商品', '产品', '产品名称', '商品标题'],
  package: ['package', 'sku', 'spec', '套餐', '规格', '商品规格', '套餐名称'],
  quantity: ['quantity', 'qty', 'count', '数量', '商品数量', '购买数量'],
  amount: ['amount', 'amount_yuan', 'total', 'price', '订单金额', '金额', '应付金额', '实付金额', '订单总额', '应收金额'],
  paymentMethod: ['payment_method', 'payment', 'pay_type', '支付方式', '付款方式'],
  orderedAt: ['ordered_at', 'order_time', 'created_at', '下单时间', '创建时间', '订单创建时间', '提交时间'],
  ip: ['ip', 'order_ip', '下单ip', 'ip地址'],
  buyerAccount: ['buyer_account', 'buyer', 'account', '买家账号', '买家昵称', '用户id', '买家id'],
  platformStatus: ['platform_status', 'status', 'order_status', '订单状态'],
  source: ['source', 'channel', '来源', '渠道', '流量来源', '订单来源'],
};

function normaliseHeader(h: string): string {
  return (
    h
      .replace(/^\uFEFF/, '')
      // A unit in brackets after a name ("订单金额(元)", "数量（件）", "amount (yuan)") does not change the field.
      .replace(/\s*[（(][^（()）]*[)）]\s*$/, '')
      .replace(/[\s*（）()：:]/g, '')
      .toLowerCase()
  );
}

const LOOKUP = new Map<string, OrderField>();
for (const field of ORDER_FIELDS) {
  for (const alias of ALIASES[field]) LOOKUP.set(normaliseHeader(alias), field);
}

/** Column index of each recognised field (the first column wins when two mean the same). */
export function mapHeader(header: string[]): Partial<Record<OrderField, number>> {
  const map: Partial<Record<OrderField, number>> = {};
  header.forEach((h, i) => {
    const field = LOOKUP.get(normaliseHeader(h));
    if (field && map[field] === undefined) map[field] = i;
  });
  return map;
}
