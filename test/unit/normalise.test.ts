import { describe, expect, test } from 'vitest';
import {
  isCancelledStatus,
  normalisePhone,
  parseMoneyFen,
  parseOrderTime,
  parsePaymentMethod,
  parseQuantity,
  toHalfWidth,
} from '../../electron/services/import/normalise';
import { mapHeader } from '../../electron/services/import/fields';

const SH = 'Asia/Shanghai';
const time = (raw: string | Date, zone = SH) => parseOrderTime(raw, zone)?.toISOString() ?? null;

describe('normalisePhone', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    [' 138 0013 8000 ', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １３８ ００１３ ８０００', '13800138000'],
    ['(010) 6552-9988', '01065529988'],
    ['0371-65529988', '037165529988'],
  ])('%j -> %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  test.each(['', '   ', '无', 'abc', '138x0013', '12'])('%j is not a dialable number', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('parseMoneyFen', () => {
  test.each([
    ['¥99', 9900],
    ['￥99', 9900],
    ['99元', 9900],
    ['99.00', 9900],
    ['99.5', 9950],
    ['99.05', 9905],
    ['1,299.5', 129950],
    ['¥1,299.50', 129950],
    ['１２９９元', 129900],
    [' 169 ', 16900],
    ['0', 0],
    ['RMB 59', 5900],
  ])('%j -> %i fen', (raw, fen) => {
    expect(parseMoneyFen(raw)).toBe(fen);
  });

  test.each(['', '免费', '-5', '99.999', '1.2.3', '9 9 元x'])('%j is not an amount', (raw) => {
    expect(parseMoneyFen(raw)).toBeNull();
  });
});

describe('parseQuantity', () => {
  test.each([
    ['1', 1],
    ['3', 3],
    ['2盒', 2],
    ['５', 5],
    ['', 1],
  ])('%j -> %i', (raw, n) => {
    expect(parseQuantity(raw)).toBe(n);
  });

  test.each(['0', '-1', 'two', '1.5', '1000'])('%j is refused', (raw) => {
    expect(parseQuantity(raw)).toBeNull();
  });
});

describe('parseOrderTime', () => {
  test('ISO instants with an offset keep their instant', () => {
    expect(time('2026-11-20T02:05:00Z')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20T10:05:00+08:00')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20T10:05:00.250+0800')).toBe('2026-11-20T02:05:00.250Z');
  });

  test('wall-clock text is read in the business time zone', () => {
    expect(time('2026/11/20 10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20 10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20T10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026.11.20 10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026年11月20日 10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026/1/5 8:05')).toBe('2026-01-05T00:05:00.000Z');
    expect(time('2026-11-20')).toBe('2026-11-19T16:00:00.000Z');
    expect(time('2026/11/20 10:05', 'America/New_York')).toBe('2026-11-20T15:05:00.000Z');
  });

  test('keeps the seconds of a time that has them', () => {
    expect(time('2026-11-20 10:05:30')).toBe('2026-11-20T02:05:30.000Z');
    expect(time('2026/11/20 10:05:59')).toBe('2026-11-20T02:05:59.000Z');
  });

  test('Excel serial numbers are wall-clock days since 1899-12-30', () => {
    expect(time('46346')).toBe('2026-11-19T16:00:00.000Z');
    expect(time('46346.5')).toBe('2026-11-20T04:00:00.000Z');
    // 10:05 is 605/1440 of a day.
    expect(time('46346.4201388889')).toBe('2026-11-20T02:05:00.000Z');
  });

  test('spreadsheet dates carry the wall clock in their UTC fields', () => {
    expect(time(new Date(Date.UTC(2026, 10, 20, 10, 5)))).toBe('2026-11-20T02:05:00.000Z');
  });

  test.each(['', 'yesterday', '2026/13/01 10:00', '2026-11-20 24:00', '2026-11-20 10:60', '2026-02-30', '2026-04-31 10:00', '20261120'])(
    '%j is not a time',
    (raw) => {
      expect(time(raw)).toBeNull();
    },
  );

  test('29 February exists only in leap years', () => {
    expect(time('2028-02-29 12:00')).toBe('2028-02-29T04:00:00.000Z');
    expect(time('2026-02-29 12:00')).toBeNull();
  });
});

describe('parsePaymentMethod', () => {
  test.each([
    ['货到付款', 'cod'],
    ['到付', 'cod'],
    ['COD', 'cod'],
    ['Cash on delivery', 'cod'],
    ['', 'cod'],
    ['在线支付', 'online'],
    ['已支付', 'online'],
    ['微信支付', 'online'],
    ['支付宝', 'online'],
    ['online', 'online'],
    ['Prepaid', 'online'],
  ])('%j -> %s', (raw, method) => {
    expect(parsePaymentMethod(raw)).toBe(method);
  });

  test.each(['比特币', 'barter'])('%j is not a payment method', (raw) => {
    expect(parsePaymentMethod(raw)).toBeNull();
  });
});

describe('platform status and text helpers', () => {
  test.each([
    ['已取消', true],
    ['交易关闭', true],
    ['Cancelled', true],
    ['待发货', false],
    ['待付款', false],
    ['', false],
  ])('isCancelledStatus(%j) = %s', (raw, cancelled) => {
    expect(isCancelledStatus(raw)).toBe(cancelled);
  });

  test('toHalfWidth turns full-width digits, letters and the ideographic space into ASCII', () => {
    expect(toHalfWidth('ＡＢＣ１２３\u3000＋')).toBe('ABC123 +');
  });
});

describe('mapHeader', () => {
  test('knows canonical and Chinese headers, ignoring case, spaces, a BOM and a unit in brackets', () => {
    expect(mapHeader(['\uFEFF订单号', ' 收货人 ', '手机号', '订单金额（元）', 'Address', 'UNKNOWN'])).toEqual({
      orderNo: 0,
      customerName: 1,
      phone: 2,
      amount: 3,
      address: 4,
    });
  });

  test('when two columns mean the same field, the more specific name wins, then the first column', () => {
    // Taobao: 联系电话 is mostly empty, 联系手机 has the mobiles.
    expect(mapHeader(['联系电话', '联系手机'])).toEqual({ phone: 1 });
    expect(mapHeader(['手机号', '收货人手机'])).toEqual({ phone: 0 });
    // What the buyer pays, not an item's price.
    expect(mapHeader(['商品金额', '买家实际支付金额'])).toMatchObject({ amount: 1 });
    expect(mapHeader(['商品金额', '用户实付金额(元)'])).toMatchObject({ amount: 1 });
  });

  test("reads the platforms' own names: 实付款 (快手), 街道 and 订单成交时间 (拼多多), 买家会员名 (淘宝)", () => {
    expect(mapHeader(['实付款', '街道', '订单成交时间', '买家会员名'])).toEqual({ amount: 0, address: 1, orderedAt: 2, buyerAccount: 3 });
  });
});
