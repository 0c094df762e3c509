/**
 * Writes the sample exports in resources/samples (`npm run samples`), from the demo generator at
 * a fixed base time so the files are stable:
 * - douyin-orders-gbk.csv: a 抖音小店-style export in GBK, with its own header names, phones and
 *   money written the many ways exports write them, cancelled and unpaid orders, and one row a
 *   shop would have to fix (an amount of "面议").
 * - orders-with-title.xlsx: a shop back-end workbook with a title row above the header, Excel date
 *   cells, numeric phones and amounts, a notes sheet, and shipped orders with waybill numbers.
 * - courier-status.csv: the courier's status lines for those shipped orders (signed, not delivered,
 *   awaiting pickup, refused, returned to the station, in transit), by waybill number.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_TIME_ZONE, zonedParts } from '../shared/time';
import { DEMO_FILES_BASE_TIME, generateDemoOrders, Rng } from '../electron/services/demo/generate';
import type { ImportedOrder } from '../electron/services/import/importOrders';

const BASE = new Date(DEMO_FILES_BASE_TIME);
const two = (n: number) => String(n).padStart(2, '0');

/** "2026/11/20 10:05" in the business zone, the way shop back-ends print it. */
function shopTime(iso: string, sep = '/'): string {
  const p = zonedParts(new Date(iso), DEFAULT_TIME_ZONE);
  return `${p.year}${sep}${two(p.month)}${sep}${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** A Date whose UTC fields hold the business-zone wall clock: what Excel stores in a date cell. */
function excelDate(iso: string): Date {
  const p = zonedParts(new Date(iso), DEFAULT_TIME_ZONE);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The same mobile written the ways buyers and back-ends write it. */
function writtenPhone(phone: string, i: number): string {
  switch (i % 9) {
    case 1:
      return `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 4:
      return phone.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 6:
      return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    default:
      return phone;
  }
}

function writtenAmount(fen: number, i: number): string {
  const yuan = (fen / 100).toFixed(2);
  return i % 5 === 0 ? `${Number(yuan)}元` : `￥${yuan}`;
}

function douyinExport(): string {
  const orders = generateDemoOrders(BASE, { count: 60, seed: 70_601 });
  const header = ['订单号', '收件人姓名', '收件人手机', '省', '市', '区', '详细地址', '商品', '规格', '商品数量', '订单应付金额', '支付方式', '订单提交时间', '订单状态'];
  const rows = orders.map((o, i) => {
    // Leads who never paid, now and then; the generator already cancels a few.
    const status = i % 13 === 5 ? '未付款' : o.platformStatus === '已取消' ? '已取消' : o.paymentMethod === 'cod' ? '待发货' : '已付款';
    const address = i === 7 ? `${o.address}\n（门卫代收，谢谢）` : i === 11 ? `${o.address}, 近地铁口` : o.address;
    return [
      `6${o.orderNo.slice(2)}`,
      o.customerName,
      writtenPhone(o.phone, i),
      o.province,
      o.city,
      o.district,
      address,
      o.product,
      o.package,
      String(o.quantity),
      i === 23 ? '面议' : writtenAmount(o.amountFen, i),
      o.paymentMethod === 'cod' ? '货到付款' : '在线支付',
      shopTime(o.orderedAt!),
      status,
    ];
  });
  return csv([header, ...rows]);
}

interface Shipped {
  order: ImportedOrder;
  waybill: string;
}

async function workbookExport(): Promise<{ bytes: Buffer; shipped: Shipped[] }> {
  const orders = generateDemoOrders(BASE, { count: 40, seed: 52_113 });
  const rng = new Rng(9);
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = BASE;
  const notes = wb.addWorksheet('说明');
  notes.addRow(['本文件由店铺后台导出，订单在“订单”工作表。']);
  const ws = wb.addWorksheet('订单');
  const header = ['订单编号', '收货人', '联系电话', '省份', '城市', '区县', '收货地址', '商品名称', '套餐', '数量', '金额（元）', '付款方式', '下单时间', '订单状态', '运单号', '快递公司'];
  ws.addRow(['好物优选旗舰店 订单导出（2026年11月20日）']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(header);
  const shipped: Shipped[] = [];
  orders.forEach((o, i) => {
    // The older half has left the warehouse.
    const isShipped = i < 18 && o.platformStatus !== '已取消';
    const waybill = isShipped ? `ZT7${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : '';
    if (isShipped) shipped.push({ order: o, waybill });
    ws.addRow([
      o.orderNo,
      o.customerName,
      Number(o.phone),
      o.province,
      o.city,
      o.district,
      o.address,
      o.product,
      o.package,
      o.quantity,
      o.amountFen / 100,
      o.paymentMethod === 'cod' ? '货到付款' : '微信支付',
      excelDate(o.orderedAt!),
      isShipped ? '已发货' : o.platformStatus === '已取消' ? '交易关闭' : '待发货',
      waybill,
      isShipped ? '中通快递' : '',
    ]);
  });
  ws.getColumn(13).numFmt = 'yyyy-mm-dd hh:mm';
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), shipped };
}

function courierFile(shipped: Shipped[]): string {
  const lines: [string, string][] = [
    ['已签收', ''],
    ['派送失败', '电话无人接听，明日再派'],
    ['已签收', '本人签收'],
    ['待自提', '已放菜鸟驿站（农业路店），凭取件码领取'],
    ['拒收', '客户称家人已买过'],
    ['运输中', ''],
    ['退回站点', '地址不详，联系不上收件人'],
    ['已签收', '门卫代收'],
  ];
  const rows = shipped.map((s, i) => {
    const [status, reason] = lines[i % lines.length];
    const at = new Date(BASE.getTime() - (i + 1) * 37 * 60_000).toISOString();
    return [s.waybill, '', status, shopTime(at, '-'), reason, '中通快递'];
  });
  return csv([['运单号', '订单号', '物流状态', '状态时间', '原因', '快递公司'], ...rows]);
}

const outDir = resolve(import.meta.dirname, '../resources/samples');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'douyin-orders-gbk.csv'), iconv.encode(douyinExport(), 'gbk'));
const { bytes, shipped } = await workbookExport();
writeFileSync(join(outDir, 'orders-with-title.xlsx'), bytes);
writeFileSync(join(outDir, 'courier-status.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(courierFile(shipped))]));
console.log(`wrote 3 sample exports to ${outDir} (${shipped.length} shipped orders in the courier file)`);
