/** How the daily sheet names agents: two agents of one name must not read as one. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { byAgent, byFlow, sheetKpis } from '../../shared/kpi/definitions';
import { agentLabels, buildDailySheet, type CallLine, type Cell, type SheetWords } from '../../shared/reports/sheet';

const zh = translator('zh-CN');
const tagged = (name: string, tag: string) => zh('reports.filters.agentSameName', { name, tag });

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
    const words: SheetWords = {
      t: zh,
      outcomeLabel: (c) => zh(`outcomes.${c}`),
      reasonLabel: (_l, c) => c,
      flowLabel: (f) => zh(`flows.${f}`),
      agentName: (id) => labels.get(id) ?? id,
      scriptSteps: () => '',
    };
    const sheet = buildDailySheet({
      from: '2026-11-20',
      to: '2026-11-20',
      timeZone: 'Asia/Shanghai',
      shopName: '',
      numbers: () => ({
        current: sheetKpis({ calls, orders: [], shipments: [], riskRejections: [], freightFen: 1200 }),
        previous: sheetKpis({ calls: [], orders: [], shipments: [], riskRejections: [], freightFen: 1200 }),
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
