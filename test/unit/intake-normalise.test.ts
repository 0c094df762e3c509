/** Every normalisation rule of intake, with the awkward cases seller exports really contain. */
import { describe, expect, test } from 'vitest';
import { parseMoneyFen, parseOrderTime, parsePaymentMethod, parseQuantity, readPhone } from '../../electron/services/import/normalise';
import { courierEventResolver, platformStatusResolver, statusKey } from '../../shared/intake';

const SH = 'Asia/Shanghai';
const time = (raw: string | Date, zone = SH) => parseOrderTime(raw, zone)?.toISOString() ?? null;

describe('phones to the form agents dial', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['+86 (138) 0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['86 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６\u3000１３８－００１３－８０００', '13800138000'],
    ['138.0013.8000', '13800138000'],
    // A long-distance 0 dialled before a mobile.
    ['013800138000', '13800138000'],
    ['19912345678', '19912345678'],
    // Landlines keep their area code.
    ['010-6552 9988', '01065529988'],
    ['(010) 6552-9988', '01065529988'],
    ['0371-65529988', '037165529988'],
    ['0371-6552998', '03716552998'],
    ['021 5555 6666', '02155556666'],
  ])('%j -> %s', (raw, phone) => {
    expect(readPhone(raw)).toEqual({ phone, flag: null });
  });

  test.each([
    // Never guessed: kept as written and flagged for the agent and the risk screen.
    ['138001380', '138001380'],
    ['1380013800012', '1380013800012'],
    ['12345678901', '12345678901'],
    ['6552 9988', '6552 9988'],
    ['13800138000 / 13900139000', '13800138000 / 13900139000'],
    ['1.38001E+10', '1.38001E+10'],
    ['010-6552 9988 转 123', '010-6552 9988 转 123'],
    ['１３８００１３８', '13800138'],
  ])('%j is kept as written and flagged', (raw, phone) => {
    expect(readPhone(raw)).toEqual({ phone, flag: 'unrecognised' });
  });

  test.each(['', '   ', '无', '请联系客服', 'abc'])('%j has nothing to dial', (raw) => {
    expect(readPhone(raw)).toBeNull();
  });
});

describe('money to integer fen', () => {
  test.each([
    ['¥99', 9900],
    ['￥99', 9900],
    ['99元', 9900],
    ['99 元', 9900],
    ['99.00', 9900],
    ['99.5', 9950],
    ['99.05', 9905],
    ['1,299.5', 129950],
    ['¥1,299.50', 129950],
    ['12,345,678', 1234567800],
    ['１２９９元', 129900],
    ['人民币 59', 5900],
    ['CNY 59.9', 5990],
    ['0', 0],
    // Spreadsheet float noise.
    ['169.49999999999997', 16950],
    ['99.900000000000006', 9990],
  ])('%j -> %i fen', (raw, fen) => {
    expect(parseMoneyFen(raw)).toBe(fen);
  });

  test.each(['', '免费', '-5', '99.999', '99.995', '1.2.3', '12,99', '1,29', '9 9 元x', '$99', '99元/盒', '1e5'])('%j is refused, never guessed', (raw) => {
    expect(parseMoneyFen(raw)).toBeNull();
  });
});

describe('quantities', () => {
  test.each([
    ['1', 1],
    ['2盒', 2],
    ['3 件', 3],
    ['×2', 2],
    ['x3', 3],
    ['５', 5],
    ['', 1],
  ])('%j -> %i', (raw, n) => {
    expect(parseQuantity(raw)).toBe(n);
  });
});

describe('dates in the business time zone', () => {
  test('text with and without offsets, Chinese dates, seconds and milliseconds', () => {
    expect(time('2026/11/20 10:05')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20T10:05:00')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20 10:05:30.250')).toBe('2026-11-20T02:05:30.250Z');
    expect(time('2026年11月20日 10时05分')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('2026-11-20T02:05:00Z')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('２０２６／１１／２０　１０：０５')).toBe('2026-11-20T02:05:00.000Z');
  });

  test('Excel serial numbers (text in a CSV, numbers in a sheet) and spreadsheet date cells', () => {
    expect(time('46346.4201388889')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('46346')).toBe('2026-11-19T16:00:00.000Z');
    expect(time(new Date(Date.UTC(2026, 10, 20, 10, 5, 30)))).toBe('2026-11-20T02:05:30.000Z');
  });

  test('Unix seconds and milliseconds from platform APIs', () => {
    expect(time('1795140300')).toBe('2026-11-20T02:05:00.000Z');
    expect(time('1795140300000')).toBe('2026-11-20T02:05:00.000Z');
  });

  test('another business zone, and across a daylight-saving change', () => {
    expect(time('2026/11/20 10:05', 'America/New_York')).toBe('2026-11-20T15:05:00.000Z');
    // New York: 2026-03-08 03:00 is after the clocks moved forward, 01:59 before.
    expect(time('2026-03-08 01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(time('2026-03-08 03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  test.each(['yesterday', '2026/13/01 10:00', '2026-02-30', '20261120', '11/20/2026', '123456', 'NaN'])('%j is not a time', (raw) => {
    expect(time(raw)).toBeNull();
  });

  test('an invalid spreadsheet date is not a time', () => {
    expect(time(new Date(Number.NaN))).toBeNull();
  });
});

describe('payment method', () => {
  test.each([
    ['货到付款', 'cod'],
    ['到付', 'cod'],
    ['代收货款', 'cod'],
    ['COD', 'cod'],
    ['', 'cod'],
    ['在线支付', 'online'],
    ['微信支付', 'online'],
    ['支付宝', 'online'],
    ['先款后货', 'online'],
    ['已付款', 'online'],
    ['Prepaid', 'online'],
  ])('%j -> %s', (raw, method) => {
    expect(parsePaymentMethod(raw)).toBe(method);
  });

  test.each(['比特币', '以物换物'])('%j is not a payment method', (raw) => {
    expect(parsePaymentMethod(raw)).toBeNull();
  });
});

describe('platform statuses mapped to the lifecycle', () => {
  const status = platformStatusResolver();
  test.each([
    ['待审核', 'pending_verify'],
    ['待发货', 'pending_verify'],
    ['已发货', 'shipped'],
    ['已签收', 'signed'],
    ['交易成功', 'signed'],
    ['已取消', 'cancelled'],
    ['已取消（超时未付款）', 'cancelled'],
    ['已关闭', 'closed'],
    ['交易关闭', 'closed'],
    ['未付款', 'unpaid'],
    ['待付款', 'unpaid'],
    ['拒收', 'refused'],
    ['退回', 'returned'],
    ['已退款', 'refunded'],
    ['TRADE_CLOSED', 'closed'],
    ['WAIT_BUYER_PAY', 'unpaid'],
    [' 已发货 ', 'shipped'],
    ['已发货', 'shipped'],
  ])('%j -> %s', (label, target) => {
    expect(status(label)).toBe(target);
  });

  test('unknown words stay unknown until the user adds them; the user’s word wins over a built-in one', () => {
    expect(status('风控拦截')).toBeNull();
    expect(status('')).toBeNull();
    const user = platformStatusResolver({ 风控拦截: 'closed', 已发货: 'signed' });
    expect(user('风控拦截')).toBe('closed');
    expect(user('已发货')).toBe('signed');
  });

  test('status words compare without width, case or spaces', () => {
    expect(statusKey('ＴＲＡＤＥ－ＣＬＯＳＥＤ')).toBe('trade_closed');
  });
});

describe('courier statuses', () => {
  const event = courierEventResolver();
  test.each([
    ['已签收', 'signed'],
    ['本人签收', 'signed'],
    ['派送中', 'in_transit'],
    ['派送失败', 'not_delivered'],
    ['退回站点', 'returned_to_station'],
    ['待自提', 'awaiting_pickup'],
    ['已到驿站', 'awaiting_pickup'],
    ['拒收', 'refused'],
    ['问题件', 'exception'],
    ['退回', 'returned'],
    ['已退回寄件人', 'returned'],
    ['派送失败（客户不在家）', 'not_delivered'],
  ])('%j -> %s', (label, e) => {
    expect(event(label)).toBe(e);
  });
});
