/** How the daily sheet names things: agents (two of one name must not read as one), its filters, its figures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS, LOCALES } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { byAgent, byFlow, CallBook, sheetKpis } from '../../shared/kpi/definitions';
import type { RiskRejectionFact } from '../../shared/kpi/facts';
import { dayBucketer, listDays } from '../../shared/kpi/period';
import { PHONE_ORDER_SOURCE } from '../../shared/sources';
import { OUTCOME_CODES, REASON_LISTS } from '../../shared/outcomes';
import {
  agentLabels,
  BY_AGENT_KEYS,
  breakdownGroupings,
  buildDailySheet,
  sheetKeysFor,
  SUMMARY_LINES,
  SUMMARY_SECTIONS,
  type CallLine,
  type Cell,
  type SheetFilterArgs,
  type SheetKey,
  type SheetWords,
} from '../../shared/reports/sheet';

const zh = translator('zh-CN');
const tagged = (name: string, tag: string) => zh('reports.filters.agentSameName', { name, tag });

/** The sheet's words in a language, as the app names things; agents by the names given. */
const wordsIn = (t: typeof zh, agentName: (id: string) => string = (id) => id): SheetWords => ({
  t,
  outcomeLabel: (c) => t(`outcomes.${c}`),
  reasonLabel: (list, c) => t(`reasons.${list}.${c}`),
  flowLabel: (f) => t(`flows.${f}`),
  agentName,
  scriptSteps: () => '',
});
/** A period's numbers when nobody called. */
const noCalls = () => sheetKpis({ calls: [], orders: [], shipments: [], riskRejections: [], freightFen: 1200 });
/** The sheet of a day without calls: its title row, headers and column widths. */
const emptyDay = (words: SheetWords, filters?: SheetFilterArgs) =>
  buildDailySheet({
    from: '2026-12-06',
    to: '2026-12-06',
    timeZone: 'Asia/Shanghai',
    shopName: '好物优选',
    filters,
    numbers: () => ({ current: noCalls(), previous: noCalls(), agents: [], flows: byFlow([]), products: [], sources: [], days: [] }),
    calls: [],
    masked: true,
    words,
  });

describe('agent names in the sheet', () => {
  it('a name nobody else has stays as it is; a shared one gets the end of each id', () => {
    const labels = agentLabels(
      [
        { id: '019a0000-0000-7000-8000-00000000a1b2', name: '王婷' },
        { id: '019a0000-0000-7000-8000-000000003f2a', name: '王婷' },
        { id: '019a0000-0000-7000-8000-00000000c3d4', name: '李娜' },
      ],
      tagged,
    );
    expect([...labels.entries()]).toEqual([
      ['019a0000-0000-7000-8000-00000000a1b2', '王婷（a1b2）'],
      ['019a0000-0000-7000-8000-000000003f2a', '王婷（3f2a）'],
      ['019a0000-0000-7000-8000-00000000c3d4', '李娜'],
    ]);
  });

  it('the tag grows until it tells them apart; a stray space does not make two people different', () => {
    const labels = agentLabels(
      [
        { id: 'agent-x-00ff3f2a', name: '王婷' },
        { id: 'agent-y-01ff3f2a', name: ' 王婷 ' },
        { id: 'agent-z-00ff3f2a', name: '王婷' },
        { id: 'b', name: 'Ann' },
        { id: 'ab', name: 'Ann' },
      ],
      (name, tag) => `${name} (${tag})`,
    );
    // …ff3f2a is shared by all three; x-00ff3f2a and z-00ff3f2a only differ at their 10th character from the end.
    expect(labels.get('agent-x-00ff3f2a')).toBe('王婷 (x-00ff3f2a)');
    expect(labels.get('agent-y-01ff3f2a')).toBe('王婷 (y-01ff3f2a)');
    expect(labels.get('agent-z-00ff3f2a')).toBe('王婷 (z-00ff3f2a)');
    // Ids shorter than the usual tag: the whole id.
    expect([labels.get('b'), labels.get('ab')]).toEqual(['Ann (b)', 'Ann (ab)']);
    expect(new Set(labels.values()).size).toBe(5);
  });

  it('the by-agent and calls sheets name agents by these labels', () => {
    const A = '019a0000-0000-7000-8000-00000000a1b2';
    const B = '019a0000-0000-7000-8000-000000003f2a';
    const labels = agentLabels(
      [
        { id: A, name: '王婷' },
        { id: B, name: '王婷' },
      ],
      tagged,
    );
    const call = (id: string, agentId: string): CallLine => ({
      id, at: '2026-11-20T02:00:00.000Z', agentId, orderId: `o-${id}`, taskId: `t-${id}`, taskFlow: 'verify', flow: 'verify',
      outcome: 'confirmed', reached: true, reasonCode: null, amountFen: null, handleMs: 60_000, talkMs: null, exhausted: false, inbound: false,
      orderAmountFen: 9900, orderStatus: 'verified',
      // The stored name, as the query reads it: the same for both.
      agentName: '王婷',
      orderNo: `DD${id}`, customerName: '张秀英', phone: '13800138000', province: '河南省', city: '郑州市', district: '金水区',
      address: '花园路38号', product: '晚安冻膜', source: '抖音', attempt: 1, scriptPath: [], scriptPackId: null, scriptVersion: null, note: '',
    });
    const calls = [call('1', A), call('2', B), { ...call('3', B), note: '让打 137 0000 1234 找本人' }];
    const words = wordsIn(zh, (id) => labels.get(id) ?? id);
    const sheet = buildDailySheet({
      from: '2026-11-20',
      to: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      shopName: '',
      numbers: () => ({
        current: sheetKpis({ calls, orders: [], shipments: [], riskRejections: [], freightFen: 1200 }),
        previous: noCalls(),
        agents: byAgent(calls, [], 1200),
        flows: byFlow(calls),
        products: [],
        sources: [],
        days: [],
      }),
      calls,
      masked: true,
      words,
    });
    // A row is read before the next is asked for (the calls sheet refills one array).
    const rows = (key: string): Cell[][] => Array.from(sheet.tables.find((t) => t.key === key)!.rows, (r) => [...r]);
    // Busiest first: B made two calls.
    expect(rows('byAgent').map((r) => [r[0], r[1]])).toEqual([
      ['王婷（3f2a）', 2],
      ['王婷（a1b2）', 1],
      ['合计', 3],
    ]);
    const callRows = rows('calls');
    expect(callRows.map((r) => r[1])).toEqual(['王婷（a1b2）', '王婷（3f2a）', '王婷（3f2a）']);
    // A masked sheet masks numbers an agent wrote in a note, as it masks the order's own.
    expect(callRows.map((r) => [r[6], r[19]])).toEqual([
      ['138****8000', ''],
      ['138****8000', ''],
      ['138****8000', '让打 137****1234 找本人'],
    ]);
  });
});

describe('by product, by source and by day', () => {
  let seq = 0;
  /** A call of the hand-made days: a verify call confirmed at 10:00 in Shanghai on 2026-11-20, unless told. */
  const line = (p: Partial<CallLine>): CallLine => {
    seq++;
    return {
      id: `c${seq}`, at: '2026-11-20T02:00:00.000Z', agentId: 'A', orderId: `o${seq}`, taskId: `t${seq}`, taskFlow: 'verify', flow: 'verify',
      outcome: 'confirmed', reached: true, reasonCode: null, amountFen: null, handleMs: 60_000, talkMs: null, exhausted: false, inbound: false,
      orderAmountFen: 9900, orderStatus: 'verified', agentName: '王婷', orderNo: `DD${seq}`, customerName: '张秀英', phone: '13800138000',
      province: '河南省', city: '郑州市', district: '金水区', address: '花园路38号', product: '晚安冻膜', source: '抖音', attempt: 1,
      scriptPath: [], scriptPackId: null, scriptVersion: null, note: '',
      ...p,
    };
  };
  /**
   * Two days of calls:
   * - 11-20: 晚安冻膜 from 抖音 confirmed; 晚安冻膜 taken on the phone, no answer; 土蜂蜜 from 抖音
   *   confirmed with an upsell in the same call (+¥70.00, not another call); an order without
   *   product or source recovered (¥169.00)
   * - 11-21: 土蜂蜜 taken on the phone, upsell declined on its own card
   * - 11-20 11:00 a lead rejected a held 土蜂蜜 order taken on the phone
   * - 11-22: nobody called
   */
  const CALLS: CallLine[] = [
    line({ product: '晚安冻膜', source: '抖音' }),
    line({ product: '晚安冻膜', source: PHONE_ORDER_SOURCE, outcome: 'no_answer', reached: false }),
    line({ product: '土蜂蜜', source: '抖音', orderId: 'honey' }),
    line({ product: '土蜂蜜', source: '抖音', orderId: 'honey', taskFlow: 'verify', flow: 'upsell', outcome: 'upsell_accepted', amountFen: 7000, handleMs: null }),
    line({ product: '', source: '', taskFlow: 'recover', flow: 'recover', outcome: 'recovered', orderAmountFen: 16_900 }),
    line({ product: '土蜂蜜', source: PHONE_ORDER_SOURCE, at: '2026-11-21T03:00:00.000Z', taskFlow: 'upsell', flow: 'upsell', outcome: 'upsell_declined', reasonCode: 'too_expensive' }),
  ];
  const REJECTED: RiskRejectionFact[] = [{ orderId: 'held', at: '2026-11-20T03:00:00.000Z', agentId: 'L' }];
  const HELD = { product: '土蜂蜜', source: PHONE_ORDER_SOURCE };

  /** The sheet of from..to over the calls in it, its numbers counted as an export counts them (CallBook). */
  const sheetOf = (from: string, to: string, t = zh) => {
    const days = listDays(from, to);
    const dayOf = dayBucketer(days, 'Asia/Shanghai');
    const calls = CALLS.filter((c) => dayOf(c.at) !== null);
    const rejections = REJECTED.filter((r) => dayOf(r.at) !== null);
    const groupings = breakdownGroupings({ from, to }, dayOf);
    const book = new CallBook<CallLine, 'product' | 'source' | 'day'>(groupings);
    for (const c of calls) book.add(c);
    return buildDailySheet({
      from,
      to,
      timeZone: 'Asia/Shanghai',
      shopName: '',
      numbers: () => ({
        current: sheetKpis({ calls, orders: [], shipments: [], riskRejections: rejections, freightFen: 1200 }),
        previous: noCalls(),
        agents: book.byAgent(rejections, 1200),
        flows: book.byFlow(),
        products: book.by('product', rejections, () => HELD.product, 1200),
        sources: book.by('source', rejections, () => HELD.source, 1200),
        days: groupings.day ? book.by('day', rejections, (r) => dayOf(r.at), 1200, days) : [],
      }),
      calls,
      masked: true,
      words: wordsIn(t),
    });
  };
  /** A table's rows as [name, figure by column key…], figures picked by their by-agent column keys. */
  const rowsOf = (sheet: ReturnType<typeof sheetOf>, key: SheetKey, ...figures: string[]) =>
    Array.from(sheet.tables.find((x) => x.key === key)!.rows, (r) => [r[0], ...figures.map((f) => r[1 + BY_AGENT_KEYS.indexOf(f)])]);

  it('by product: a row per order’s first product, busiest first, then the total', () => {
    const sheet = sheetOf('2026-11-20', '2026-11-20');
    expect(rowsOf(sheet, 'byProduct', 'calls', 'reached', 'verified', 'rejected', 'offers', 'accepted', 'addedRevenue', 'recovered', 'recoveredRevenue')).toEqual([
      // 2 calls (one not reached), 1 verified.
      ['晚安冻膜', 2, 1, 1, 0, 0, 0, 0, 0, 0],
      // 1 call (the upsell inside it is an offer, not a call), 1 verified, ¥70.00 added; the held 土蜂蜜 order rejected.
      ['土蜂蜜', 1, 1, 1, 1, 1, 1, 7000, 0, 0],
      // An order without lines: named so, after the products.
      ['（无商品）', 1, 1, 0, 0, 0, 0, 0, 1, 16_900],
      ['合计', 4, 3, 2, 1, 1, 1, 7000, 1, 16_900],
    ]);
  });

  it('by source: a row per order source, the phone order named in each language', () => {
    expect(rowsOf(sheetOf('2026-11-20', '2026-11-20'), 'bySource', 'calls', 'reached', 'rejected')).toEqual([
      ['抖音', 2, 2, 0],
      ['电话下单', 1, 0, 1],
      // Orders without a source after the others.
      ['（无来源）', 1, 1, 0],
      ['合计', 4, 3, 1],
    ]);
    for (const [l, phone, none, total] of [
      ['zh-TW', '電話下單', '（無來源）', '合計'],
      ['en', 'Phone order', '(no source)', 'Total'],
    ] as const) {
      const sheet = sheetOf('2026-11-20', '2026-11-20', translator(l));
      expect(rowsOf(sheet, 'bySource', 'calls').map((r) => r[0]), l).toEqual(['抖音', phone, none, total]);
      expect(sheet.tables.find((x) => x.key === 'bySource')!.columns[0].header, l).toBe(translator(l)('reports.cols.source'));
    }
  });

  it('by day: only for more than one day; every day of the period in order, a day without calls too', () => {
    expect(sheetOf('2026-11-20', '2026-11-20').tables.map((x) => x.key)).toEqual(['summary', 'byAgent', 'byFlow', 'byProduct', 'bySource', 'calls', 'reasons']);
    expect(sheetKeysFor({ from: '2026-11-20' })).not.toContain('byDay');
    expect(sheetKeysFor({ from: '2026-11-20', to: '2026-11-20' })).not.toContain('byDay');
    const sheet = sheetOf('2026-11-20', '2026-11-22');
    expect(sheet.tables.map((x) => x.key)).toEqual(sheetKeysFor({ from: '2026-11-20', to: '2026-11-22' }));
    expect(sheet.tables.map((x) => x.key)).toContain('byDay');
    expect(rowsOf(sheet, 'byDay', 'calls', 'rejected', 'offers', 'takeRate')).toEqual([
      ['2026-11-20', 4, 1, 1, 1],
      ['2026-11-21', 1, 0, 1, 0],
      ['2026-11-22', 0, 0, 0, null],
      ['合计', 5, 1, 2, 0.5],
    ]);
    // Over the two days the phone orders had two calls: 晚安冻膜's and 土蜂蜜's.
    expect(rowsOf(sheet, 'bySource', 'calls')).toEqual([['抖音', 2], ['电话下单', 2], ['（无来源）', 1], ['合计', 5]]);
    const byDay = sheet.tables.find((x) => x.key === 'byDay')!;
    expect(byDay.name).toBe('按日');
    expect(byDay.definitions!.slice(0, 2).map((d) => d.label)).toEqual(['日期', '合计']);
    expect(byDay.definitions![0].text).toContain('Asia/Shanghai');
  });

  it('a period without calls: the by-product and by-source sheets say so, with no total row', () => {
    const sheet = emptyDay(wordsIn(zh));
    for (const key of ['byProduct', 'bySource'] as const) {
      const table = sheet.tables.find((x) => x.key === key)!;
      expect([...table.rows], key).toEqual([]);
      expect(table.emptyText, key).toBe('本时段没有通话记录');
    }
  });
});

describe('the title row names the filters', () => {
  const sheet = (t: typeof zh, filters?: SheetFilterArgs) => emptyDay(wordsIn(t, (id) => (id === 'A' ? '王婷' : id)), filters);

  it('agent, flow, product and source, as the sheet names them, after the period', () => {
    const s = sheet(zh, { agentId: 'A', flow: 'upsell', product: '晚安冻膜', source: '抖音' });
    expect(s.title).toBe('好物优选每日外呼结果表 · 2026-12-06 · 业务时区 Asia/Shanghai · 坐席：王婷 · 业务：加单 · 商品：晚安冻膜 · 来源：抖音');
    expect(s.filters.map((f) => [f.key, f.value])).toEqual([['agent', '王婷'], ['flow', '加单'], ['product', '晚安冻膜'], ['source', '抖音']]);
    expect(sheet(translator('en'), { agentId: 'A' }).title).toMatch(/ · Agent: 王婷$/);
    expect(sheet(translator('zh-TW'), { flow: 'recover' }).title).toMatch(/ · 業務：挽單$/);
  });

  it('the whole team’s sheet names none', () => {
    expect(sheet(zh).title).toBe('好物优选每日外呼结果表 · 2026-12-06 · 业务时区 Asia/Shanghai');
    expect(sheet(zh, {}).filters).toEqual([]);
  });
});

describe('the sheet’s words', () => {
  const dir = join(import.meta.dirname, '../../shared/i18n/locales');

  for (const l of LOCALES) {
    const t = translator(l);
    it(`${l}: every figure, by-flow column and reason list has a name of its own`, () => {
      const names = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
      // "退款金额" once named both the refunds given to settle reviews and the refunded orders.
      expect(names(SUMMARY_LINES.map((line) => t(`kpi.lines.${line.key}`)))).toEqual([]);
      expect(names(['outcomes', 'orders', 'success', 'rateBase', 'successRate', 'amount', 'flowDefinition'].map((c) => t(`reports.cols.${c}`)))).toEqual([]);
      expect(names(Object.keys(REASON_LISTS).map((list) => t(`kpi.reasonLists.${list}`)))).toEqual([]);
    });
  }

  it('a name says what it counts, and its definition agrees', () => {
    for (const [l, flowWord, callWord, wrongPerson] of [
      ['zh-CN', ['挽单', '异常单'], '通话', '非本人'],
      ['zh-TW', ['挽單', '異常單'], '通話', '非本人'],
      ['en', ['won back', 'track'], 'calls', 'wrong person'],
    ] as const) {
      const t = translator(l);
      const low = (k: string) => t(k).toLowerCase();
      // Won back (recover) and saved (track) name their flow, so they never read as one thing.
      expect(low('kpi.lines.recovered'), l).toContain(flowWord[0]);
      expect(low('kpi.lines.saved'), l).toContain(flowWord[1]);
      // "Verified orders" defined as calls: now both say calls.
      expect(low('kpi.lines.verifiedByAgents'), l).toContain(callWord);
      expect(low('kpi.defs.verifiedByAgents'), l).toContain(callWord);
      // Connected counts any answered call, a wrong person included: the definition says so.
      expect(low('kpi.defs.reached'), l).toContain(wrongPerson);
      // The upsell-decline reasons say they are about the upsell, beside the refusals at the door.
      expect(low('kpi.reasonLists.upsellDecline'), l).toMatch(/加单|加單|upsell/);
    }
  });

  it('繁體中文 uses Taiwan words in every sheet, not mainland ones written in Traditional characters', () => {
    const tw = translator('zh-TW');
    // The track flow names the by-flow row, the calls' flow column and the filter in file names.
    expect(tw('flows.track')).toBe('異常單追蹤');
    expect(tw('reasons.complaint.quality')).toBe('品質');
    // Everything the sheets print: flows, outcomes, reasons, figures and their definitions, headers.
    const texts: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const f of ['core.json', 'reports.json']) {
      const d = JSON.parse(readFileSync(join(dir, 'zh-TW', f), 'utf8')) as Record<string, unknown>;
      for (const k of ['flows', 'outcomes', 'reasons', 'kpi', 'reports']) walk(d[k]);
    }
    // 跟蹤 reads as stalking someone in Taiwan (a parcel is 追蹤ed); 質量 is 品質; 數據 is 資料.
    const mainland = ['跟蹤', '質量', '數據', '信息', '默認', '用戶', '視頻', '短信'];
    expect(texts.filter((x) => mainland.some((w) => x.includes(w)))).toEqual([]);
  });

  it('繁體中文 writes 備註, as the app does', () => {
    expect(translator('zh-TW')('reports.cols.note')).toBe('備註');
    for (const f of readdirSync(join(dir, 'zh-TW'))) expect(readFileSync(join(dir, 'zh-TW', f), 'utf8'), f).not.toContain('備注');
  });
});

describe('column widths', () => {
  /** As Excel measures a column: one unit per digit-wide character, two for a Chinese one. */
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
  for (const l of LOCALES) {
    it(`${l}: every section, figure, flow, outcome, reason and reason list fits its column`, () => {
      const t = translator(l);
      const sheet = emptyDay(wordsIn(t));
      const column = (key: string, header: string) => {
        const table = sheet.tables.find((x) => x.key === key)!;
        return table.columns.find((c) => c.header === t(header))!.width;
      };
      const tooWide = (labels: string[], w: number) => labels.filter((x) => width(x) > w);
      // The summary's labels sit beside filled cells: a longer one is cut off ("签收率（按发货" in 14).
      expect(tooWide(SUMMARY_SECTIONS.map((x) => t(`kpi.sections.${x}`)), column('summary', 'reports.cols.section'))).toEqual([]);
      expect(tooWide(SUMMARY_LINES.map((x) => t(`kpi.lines.${x.key}`)), column('summary', 'reports.cols.indicator'))).toEqual([]);
      const flows = FLOWS.map((f) => t(`flows.${f}`));
      expect(tooWide(flows, column('byFlow', 'reports.cols.flow'))).toEqual([]);
      expect(tooWide(flows, column('calls', 'reports.cols.flow'))).toEqual([]);
      expect(tooWide(OUTCOME_CODES.map((c) => t(`outcomes.${c}`)), column('calls', 'reports.cols.outcome'))).toEqual([]);
      const reasons = Object.entries(REASON_LISTS).flatMap(([list, codes]) => codes.map((c) => t(`reasons.${list}.${c}`)));
      expect(tooWide(reasons, column('calls', 'reports.cols.reason'))).toEqual([]);
      expect(tooWide(reasons, column('reasons', 'reports.cols.reason'))).toEqual([]);
      expect(tooWide(Object.keys(REASON_LISTS).map((x) => t(`kpi.reasonLists.${x}`)), column('reasons', 'reports.cols.list'))).toEqual([]);
      // The breakdowns' own names: a phone order, no product / source, the total row.
      expect(tooWide([t('phoneOrder.source'), t('reports.none.source'), t('reports.total')], column('bySource', 'reports.cols.source'))).toEqual([]);
      expect(tooWide([t('reports.none.product'), t('reports.total')], column('byProduct', 'reports.cols.product'))).toEqual([]);
    });
  }
});
