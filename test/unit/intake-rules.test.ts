/** Intake's pure rules: headers and profiles, encodings and delimiters, status transitions, CSV out. */
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CallcardError } from '../../shared/errors';
import { translator } from '../../shared/i18n';
import { detectKind, headerKey, mapHeader } from '../../electron/services/import/fields';
import { applyProfile } from '../../electron/services/import/profiles';
import { csvCell } from '../../electron/services/import/rejected';
import { detectDelimiter, detectEncoding } from '../../electron/services/import/source';
import { courierTransition, platformTransition } from '../../electron/services/import/writer';
import { verifyZip } from '../../electron/services/import/zip';
import { tempDataDir } from '../helpers/store';
import { workbook } from '../helpers/intake';

describe('headers', () => {
  test('an order export and a courier file are told apart by their headers', () => {
    expect(detectKind(['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '订单状态'])).toBe('orders');
    expect(detectKind(['运单号', '物流状态', '更新时间', '原因'])).toBe('courier');
    expect(detectKind(['订单号', '运单号', '快递状态'])).toBe('courier');
    // An order export that also lists waybills is still an order export.
    expect(detectKind(['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '运单号', '物流状态'])).toBe('orders');
  });

  test('"状态" means the platform status in an order export and the delivery status in a courier file', () => {
    expect(mapHeader(['状态'], 'orders')).toEqual({ platformStatus: 0 });
    expect(mapHeader(['状态'], 'courier')).toEqual({ courierStatus: 0 });
  });

  test('a header set is the same in any order, with any case, spacing or unit, and without our two added columns', () => {
    const key = headerKey(['订单号', '收件人', '金额(元)']);
    expect(headerKey(['金额（元）', ' 订单号 ', '收件人'])).toBe(key);
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const t = translator(lang);
      expect(headerKey(['订单号', '收件人', '金额', t('intake.csv.row'), t('intake.csv.reason')])).toBe(key);
    }
    expect(headerKey(['订单号', '收件人'])).not.toBe(key);
  });

  test('a profile maps by header name, repeated names by their order', () => {
    const profile = { name: 'p', kind: 'orders' as const, headers: ['订单号', '金额', '姓名', '金额'], mapping: { orderNo: '订单号', amount: '金额', customerName: '姓名' }, sheet: null, updatedAt: '' };
    expect(applyProfile(profile, ['姓名', '金额', '订单号', '金额'])).toEqual({ customerName: 0, amount: 1, orderNo: 2 });
  });
});

describe('encodings and delimiters', () => {
  const text = '订单号,收件人\r\nDD1,张秀英\r\n';
  test.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8', 3],
    ['UTF-8', Buffer.from(text), 'utf-8', 0],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf-16le', 2],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]), 'utf-16be', 2],
    ['GBK', iconv.encode(text, 'gbk'), 'gb18030', 0],
    ['GB18030', iconv.encode(`${text}𠮷`, 'gb18030'), 'gb18030', 0],
  ])('%s', (_label, bytes, encoding, bomLength) => {
    expect(detectEncoding(bytes, true)).toEqual({ encoding, bomLength });
  });

  test('a UTF-8 sample cut in the middle of a character is still UTF-8', () => {
    const bytes = Buffer.from('订单号,收件人,详细地址');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false).encoding).toBe('utf-8');
  });

  test('binary content is refused', () => {
    const bin = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256));
    expect(() => detectEncoding(bin, true)).toThrow(CallcardError);
  });

  test.each([
    ['a,b,c\r\n1,2,3', ','],
    ['a\tb\tc', '\t'],
    ['a;b;c', ';'],
    ['a|b|c', '|'],
    ['店铺订单导出 2026-11-20\r\n\r\n订单号\t收件人\t金额', '\t'],
    ['"a,b";c;d', ';'],
  ])('%j -> %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('what a status change does to the order and its tasks', () => {
  test('platform statuses', () => {
    expect(platformTransition('pending_verify', 'cancelled')).toEqual({ next: 'cancelled', close: ['verify', 'upsell'], open: 'recover' });
    expect(platformTransition('verified', 'closed')).toEqual({ next: 'closed', close: ['verify', 'upsell'], open: 'recover' });
    expect(platformTransition('unpaid', 'pending_verify')).toEqual({ next: 'pending_verify', close: ['recover'], open: 'verify' });
    expect(platformTransition('verified', 'shipped')).toEqual({ next: 'shipped', close: ['verify', 'upsell', 'recover'] });
    expect(platformTransition('shipped', 'signed')).toEqual({ next: 'signed', close: ['verify', 'upsell', 'recover', 'track'], open: 'revisit' });
    expect(platformTransition('shipped', 'refused')).toEqual({ next: 'refused', close: ['verify', 'upsell', 'recover'], open: 'track' });
    // An agent's verdict stays: a fake order the platform then cancels opens no recover card.
    expect(platformTransition('rejected', 'cancelled')).toBeNull();
    expect(platformTransition('unreachable', 'closed')).toBeNull();
    // Nothing moves backwards.
    expect(platformTransition('shipped', 'pending_verify')).toBeNull();
    expect(platformTransition('signed', 'shipped')).toBeNull();
    expect(platformTransition('verified', 'unpaid')).toBeNull();
  });

  test('courier lines', () => {
    expect(courierTransition('shipped', 'signed')).toEqual({ next: 'signed', close: ['verify', 'upsell', 'recover', 'track'], open: 'revisit' });
    for (const e of ['not_delivered', 'returned_to_station', 'awaiting_pickup', 'refused', 'exception'] as const) {
      expect(courierTransition('shipped', e)).toEqual({ next: 'delivery_exception', close: ['verify', 'upsell', 'recover'], open: 'track' });
    }
    expect(courierTransition('delivery_exception', 'in_transit')).toEqual({ next: 'shipped', close: ['verify', 'upsell', 'recover'] });
    expect(courierTransition('shipped', 'returned')).toEqual({ next: 'returned', close: ['verify', 'upsell', 'recover', 'track'] });
    // A refusal the agent already recorded stays recorded; a signed order is final.
    expect(courierTransition('refused', 'not_delivered')).toBeNull();
    expect(courierTransition('signed', 'not_delivered')).toBeNull();
  });
});

describe('rejected rows CSV', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+86 138', "'+86 138"],
    ['-5', "'-5"],
    ['@x', "'@x"],
  ])('%j -> %j', (v, out) => {
    expect(csvCell(v)).toBe(out);
  });
});

describe('XLSX integrity', () => {
  test('a whole workbook passes; cut or damaged bytes are refused with a reason', async () => {
    const dir = tempDataDir();
    const bytes = await workbook([{ name: 's', rows: [['订单号'], ['DD1']] }]);
    const write = (name: string, b: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, b);
      return path;
    };
    await expect(verifyZip(write('ok.xlsx', bytes), bytes.length)).resolves.toBeUndefined();
    const cut = bytes.subarray(0, bytes.length - 30);
    await expect(verifyZip(write('cut.xlsx', cut), cut.length)).rejects.toMatchObject({ code: 'import_xlsx_truncated' });
    const flipped = Buffer.from(bytes);
    flipped[200] ^= 0xff;
    await expect(verifyZip(write('bad.xlsx', flipped), flipped.length)).rejects.toMatchObject({ code: 'import_xlsx_damaged' });
  });
});
