/**
 * Writes the sample shop exports a user can import by hand: resources/demo/orders.csv (UTF-8 with
 * BOM, as Excel needs to show Chinese) and orders-gbk.csv (GB18030, what Chinese Excel saves by
 * default). Same generator as the in-app demo, at a fixed base time so the files are stable.
 */
import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_TIME_ZONE, zonedParts } from '../shared/time';
import { DEMO_FILES_BASE_TIME, generateDemoOrders } from '../electron/services/demo/generate';
import type { ImportedOrder } from '../electron/services/import/importOrders';

const COLUMNS: [string, (o: ImportedOrder) => string][] = [
  ['订单编号', (o) => o.orderNo],
  ['收货人', (o) => o.customerName],
  ['联系电话', (o) => o.phone],
  ['省份', (o) => o.province],
  ['城市', (o) => o.city],
  ['区县', (o) => o.district],
  ['详细地址', (o) => o.address],
  ['商品名称', (o) => o.product],
  ['套餐', (o) => o.package],
  ['数量', (o) => String(o.quantity)],
  ['订单金额', (o) => (o.amountFen / 100).toFixed(2)],
  ['支付方式', (o) => (o.paymentMethod === 'cod' ? '货到付款' : '在线支付')],
  ['下单时间', (o) => (o.orderedAt ? shopTime(new Date(o.orderedAt)) : '')],
  ['下单IP', (o) => o.ip ?? ''],
  ['买家账号', (o) => o.buyerAccount ?? ''],
  ['订单状态', (o) => o.platformStatus ?? ''],
  ['来源', (o) => o.source],
];

/** "2026/11/20 10:05" in the business zone, the way shop back-ends print it. */
function shopTime(d: Date): string {
  const p = zonedParts(d, DEFAULT_TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}/${two(p.month)}/${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function demoCsv(orders: ImportedOrder[]): string {
  const lines = [COLUMNS.map(([h]) => h), ...orders.map((o) => COLUMNS.map(([, get]) => get(o)))];
  // CRLF: what Excel writes and expects.
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const outDir = resolve(import.meta.dirname, '../resources/demo');
mkdirSync(outDir, { recursive: true });
const orders = generateDemoOrders(new Date(DEMO_FILES_BASE_TIME));
const text = demoCsv(orders);
writeFileSync(join(outDir, 'orders.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
writeFileSync(join(outDir, 'orders-gbk.csv'), iconv.encode(text, 'gb18030'));
console.log(`wrote ${orders.length} orders to ${join(outDir, 'orders.csv')} and orders-gbk.csv`);
