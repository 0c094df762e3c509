/** How the daily sheet names things: agents (two of one name must not read as one), its filters, its figures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS, LOCALES } from '../../shared/domain';
import { translator } from '../../shared/i18n';
import { byAgent, byFlow, sheetKpis } from '../../shared/kpi/definitions';
import { OUTCOME_CODES, REASON_LISTS } from '../../shared/outcomes';
import { agentLabels, buildDailySheet, SUMMARY_LINES, SUMMARY_SECTIONS, type CallLine, type Cell, type SheetFilterArgs, type SheetWords } from '../../shared/reports/sheet';

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
    numbers: () => ({ current: noCalls(), previous: noCalls(), agents: [], flows: byFlow([]) }),
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
    const calls = [call('1', A), call('2', B), call('3', B)];
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
    ]);
    expect(rows('calls').map((r) => r[1])).toEqual(['王婷（a1b2）', '王婷（3f2a）', '王婷（3f2a）']);
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
    });
  }
});
