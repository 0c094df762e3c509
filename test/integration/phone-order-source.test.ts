/**
 * A phone order's source does not depend on the language of the agent who took it: a team that
 * works in 简体中文, 繁體中文 and English sees one source for all its phone orders — one entry in the
 * dashboard's filter, one group behind it — said in the language of whoever reads it.
 */
import { expect, test } from 'vitest';
import type { ArgsIn } from '../../shared/contract';
import type { Locale } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { factValues, sayVariable, type ScriptOrder } from '../../shared/scriptpack';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import { record } from '../helpers/flows';
import { DAY, seedOrder, callAt } from '../helpers/reports';
import { openReadyStore, type TestStore } from '../helpers/store';

const ORDER: ArgsIn<'createPhoneOrder'> = {
  customerName: '周大福', phone: '13700001234', province: '广东省', city: '深圳市', district: '南山区',
  address: '科技南路18号阳光花园3栋502', product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 9900,
};

/** An agent working in `language` takes a phone order and confirms it on the same call. */
async function phoneOrderIn(store: TestStore, language: Locale, phone: string): Promise<string> {
  await store.call('updateSettings', { settings: { language } });
  const r = await store.call('createPhoneOrder', { ...ORDER, phone });
  await record(store, r.card!.taskId, { outcome: 'confirmed' });
  return r.orderNo;
}

const decode = (b64: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(b64, 'base64'));

/** The calls sheet as CSV in `lang`: each call's order number and source. */
async function callSources(store: TestStore, lang: Locale, source?: string): Promise<{ fileName: string; rows: [string, string][] }> {
  const r = await store.call('exportDaily', { filters: { from: DAY, ...(source ? { source } : {}) }, format: 'csv', sheet: 'calls', lang });
  const [header, ...lines] = decode(r.files[0].contentBase64).split('\r\n').filter(Boolean);
  const cols = header.split(',');
  const no = cols.indexOf(translator(lang)('reports.cols.orderNo'));
  const src = cols.indexOf(translator(lang)('reports.cols.source'));
  return { fileName: r.files[0].fileName, rows: lines.map((l) => l.split(',')).map((c) => [c[no], c[src]] as [string, string]).sort() };
}

test('phone orders taken in English and in Chinese are one source: one filter entry, counted together, named in the reader’s language', async () => {
  const store = await openReadyStore();
  const agent = (await store.call('getSession', {})).agent!.id;
  // An imported order keeps its export's words.
  const imported = seedOrder(store, { orderNo: 'DY1', status: 'pending_verify', amountFen: 12_900, flow: 'verify', source: '抖音' });
  callAt(store, agent, imported.taskId!, '11:00', { outcome: 'confirmed' });
  store.clock.set('2026-11-20T04:00:00.000Z');

  const en = await phoneOrderIn(store, 'en', '13700001234');
  const zh = await phoneOrderIn(store, 'zh-CN', '13700005678');
  const tw = await phoneOrderIn(store, 'zh-TW', '13700009012');

  // The dashboard's source filter: one entry for the three phone orders.
  const { sources } = await store.call('reportFilterOptions', {});
  expect(sources).toEqual([PHONE_ORDER_SOURCE, '抖音']);
  // Filtering by it counts every phone order, whoever took it and in whatever language.
  const phone = await store.call('dashboard', { from: DAY, source: PHONE_ORDER_SOURCE });
  expect(phone.current.volume.calls).toBe(3);
  expect(phone.current.money.total).toEqual({ orders: 3, fen: 3 * 9900 });
  expect((await store.call('dashboard', { from: DAY, source: '抖音' })).current.volume.calls).toBe(1);

  // The daily sheet says the source in the sheet's language, the same for all three.
  const inEnglish = await callSources(store, 'en');
  expect(inEnglish.rows).toEqual([['DY1', '抖音'], [en, 'Phone order'], [tw, 'Phone order'], [zh, 'Phone order']].sort());
  const inTaiwan = await callSources(store, 'zh-TW', PHONE_ORDER_SOURCE);
  expect(inTaiwan.rows).toEqual([[en, '電話下單'], [tw, '電話下單'], [zh, '電話下單']].sort());
  // Cut by that source, the file is named by its label, never by the code.
  expect(inTaiwan.fileName).toBe(`callcard-daily-${DAY}-電話下單-calls.csv`);

  // The workbook's title row names the filter in the sheet's language too.
  const xlsx = await store.call('exportDaily', { filters: { from: DAY, source: PHONE_ORDER_SOURCE }, format: 'xlsx', lang: 'zh-CN' });
  expect(xlsx.files[0].fileName).toBe(`callcard-daily-${DAY}-电话下单.xlsx`);

  // The order itself carries the code (the API's and the CLI's JSON), the same for all three.
  for (const orderNo of [en, zh, tw]) expect((await store.call('getOrder', { orderNo })).order.source).toBe(PHONE_ORDER_SOURCE);
});

test('a script says a phone order’s source in the call’s language; conditions see the code', () => {
  const order: ScriptOrder = { orderNo: 'TEL20261120-001', customerName: '周大福', province: '广东省', city: '深圳市', district: '', address: '科技南路18号', packageText: '鲍鱼罐头 4罐', amountFen: 9900, paymentMethod: 'cod', source: PHONE_ORDER_SOURCE, lines: [] };
  const facts = factValues({ order });
  expect(facts['order.source']).toBe(PHONE_ORDER_SOURCE);
  const say = (locale: Locale, o = order) => sayVariable('order.source', factValues({ order: o }), { order: o }, locale, translator(locale));
  expect([say('zh-CN'), say('zh-TW'), say('en')]).toEqual(['电话里', '電話裡', 'the phone']);
  // An export's channel is said as written.
  expect(say('en', { ...order, source: '抖音' })).toBe('抖音');
});
