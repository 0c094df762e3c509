import { describe, expect, it } from 'vitest';
import type { ImportProfileView } from '../../shared/contracts/intake';
import type { ImportField, ImportKind } from '../../shared/intake';
import { applyProfile, normaliseHeaderName, profilesForKind } from '../../renderer/src/importProfiles';

function profile(
  headers: string[],
  mapping: Partial<Record<ImportField, string>>,
  extra: { name?: string; kind?: ImportKind; updatedAt?: string } = {},
): ImportProfileView {
  return { name: extra.name ?? '抖音小店导出', kind: extra.kind ?? 'orders', headers, mapping, sheet: null, updatedAt: extra.updatedAt ?? '2026-11-20T08:00:00.000Z' };
}

const DOUYIN = profile(['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '订单状态'], {
  orderNo: '订单号',
  customerName: '收件人姓名',
  phone: '收件人手机',
  address: '详细地址',
  amount: '订单应付金额',
  platformStatus: '订单状态',
});

const none = (n: number) => Array.from({ length: n }, () => null);

describe('normaliseHeaderName', () => {
  it('trims, lower-cases, removes spaces and reads full-width as half-width', () => {
    expect(normaliseHeaderName('  Order No ')).toBe('orderno');
    expect(normaliseHeaderName('收件人　姓名')).toBe('收件人姓名');
    expect(normaliseHeaderName('下单ＩＰ')).toBe('下单ip');
    expect(normaliseHeaderName('\uFEFF订单号')).toBe('订单号');
  });

  it('drops a unit in brackets at the end, in any kind of bracket', () => {
    expect(normaliseHeaderName('订单金额(元)')).toBe('订单金额');
    expect(normaliseHeaderName('订单金额（元）')).toBe('订单金额');
    expect(normaliseHeaderName('订单金额 [元]')).toBe('订单金额');
    expect(normaliseHeaderName('订单金额【元】')).toBe('订单金额');
    expect(normaliseHeaderName('Amount (yuan)')).toBe('amount');
    // Only at the end, and never the whole header.
    expect(normaliseHeaderName('(备注)')).toBe('(备注)');
    expect(normaliseHeaderName('金额(元)合计')).toBe('金额(元)合计');
  });
});

describe('applyProfile', () => {
  it('maps each field to the column with its header, in any column order', () => {
    const headers = ['订单状态', '详细地址', '订单号', '收件人手机', '收件人姓名', '订单应付金额'];
    const { fields, missing } = applyProfile(DOUYIN, headers, none(6));
    expect(fields).toEqual(['platformStatus', 'address', 'orderNo', 'phone', 'customerName', 'amount']);
    expect(missing).toEqual([]);
  });

  it('matches headers that differ only in spaces, case, full-width characters or a unit', () => {
    const headers = [' 订单号 ', '收件人 姓名', '收件人手机', '详细地址', '订单应付金额（元）', '订单状态'];
    expect(applyProfile(DOUYIN, headers, none(6)).fields).toEqual(['orderNo', 'customerName', 'phone', 'address', 'amount', 'platformStatus']);
    const latin = profile(['Order No', 'IP'], { orderNo: 'Order No', ip: 'IP' });
    expect(applyProfile(latin, ['ＩＰ', 'order no'], none(2)).fields).toEqual(['ip', 'orderNo']);
  });

  it('prefers the exact header over a normalised one', () => {
    const p = profile(['金额(元)'], { amount: '金额(元)' });
    expect(applyProfile(p, ['金额', '金额(元)'], none(2)).fields).toEqual([null, 'amount']);
  });

  it('keeps the file’s extra column and its field: the profile does not know it', () => {
    const headers = ['备注', '订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '订单状态'];
    const current: (ImportField | null)[] = ['source', null, null, null, null, null, null];
    expect(applyProfile(DOUYIN, headers, current).fields).toEqual(['source', 'orderNo', 'customerName', 'phone', 'address', 'amount', 'platformStatus']);
  });

  it('lists the fields whose header the file does not have, and leaves them where they were', () => {
    const headers = ['订单号', '收货人', '收件人手机', '详细地址', '订单应付金额'];
    const current: (ImportField | null)[] = ['orderNo', 'customerName', 'phone', 'address', null];
    const { fields, missing } = applyProfile(DOUYIN, headers, current);
    expect(fields).toEqual(['orderNo', 'customerName', 'phone', 'address', 'amount']);
    expect(missing).toEqual(['customerName', 'platformStatus']);
  });

  it('does not give a column taken by one field of the profile to another', () => {
    const twice = profile(['单号', '运单号'], { orderNo: '单号', waybillNo: '单号 ' });
    const one = applyProfile(twice, ['单号', '收件人'], none(2));
    expect(one.fields).toEqual(['orderNo', null]);
    expect(one.missing).toEqual(['waybillNo']);
    // A header that repeats gives its columns in turn.
    expect(applyProfile(twice, ['单号', '单号'], none(2)).fields).toEqual(['orderNo', 'waybillNo']);
  });

  it('moves a field: its old column is freed, and a field on a column the profile takes is dropped', () => {
    const headers = ['订单号', '收件人姓名', '收件人手机', '详细地址', '订单应付金额', '订单状态', '买家留言'];
    // Guessed wrong: the phone on the message column, the name on the phone column.
    const current: (ImportField | null)[] = ['orderNo', null, 'customerName', 'address', 'amount', 'platformStatus', 'phone'];
    expect(applyProfile(DOUYIN, headers, current).fields).toEqual(['orderNo', 'customerName', 'phone', 'address', 'amount', 'platformStatus', null]);
  });

  it('leaves out again a column the profile saw and left out', () => {
    const p = profile(['订单号', '收件人姓名', '商品'], { orderNo: '订单号', customerName: '收件人姓名' });
    const current: (ImportField | null)[] = ['orderNo', 'customerName', 'product', 'source'];
    expect(applyProfile(p, ['订单号', '收件人姓名', '商品', '渠道'], current).fields).toEqual(['orderNo', 'customerName', null, 'source']);
  });

  it('never uses a field of another kind, nor a blank header', () => {
    const courier = profile(['运单号', '物流状态', '下单IP'], { waybillNo: '运单号', courierStatus: '物流状态', ip: '下单IP' }, { kind: 'courier' });
    const { fields, missing } = applyProfile(courier, ['下单IP', '物流状态', '运单号', ''], none(4));
    expect(fields).toEqual([null, 'courierStatus', 'waybillNo', null]);
    expect(missing).toEqual([]);
  });
});

describe('profilesForKind', () => {
  const list = [
    profile(['订单号'], { orderNo: '订单号' }, { name: '快手', updatedAt: '2026-11-01T00:00:00.000Z' }),
    profile(['运单号', '物流状态'], { waybillNo: '运单号', courierStatus: '物流状态' }, { name: '中通', kind: 'courier', updatedAt: '2026-11-30T00:00:00.000Z' }),
    profile(['订单号'], { orderNo: '订单号' }, { name: '抖音', updatedAt: '2026-11-20T00:00:00.000Z' }),
    profile(['订单号'], { orderNo: '订单号' }, { name: '淘宝', updatedAt: '2026-11-20T00:00:00.000Z' }),
  ];

  it('lists the profiles of the file’s kind, the most recently saved first', () => {
    expect(profilesForKind(list, 'orders').map((p) => p.name)).toEqual(['抖音', '淘宝', '快手']);
    expect(profilesForKind(list, 'courier').map((p) => p.name)).toEqual(['中通']);
    expect(profilesForKind([], 'orders')).toEqual([]);
  });

  it('does not reorder the list it was given', () => {
    profilesForKind(list, 'orders');
    expect(list.map((p) => p.name)).toEqual(['快手', '中通', '抖音', '淘宝']);
  });
});
