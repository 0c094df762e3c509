/**
 * Contact details on the Orders screen follow who is signed in: whoever calls customers (the agent
 * role) sees them whole, as on their cards; a lead or a trainer alone sees them masked, as the
 * dashboard shows them, unless a lead allowed full details for leads.
 */
import { describe, expect, test, vi } from 'vitest';
import { runCli } from '../../electron/services/cli/main';
import { MASKED_PHONE_LOOKUPS_PER_MINUTE } from '../../electron/services/orders';
import { callcardError, importFile, openReadyStore, setRoles, ordersCsv, sampleOrder, type TestStore } from '../helpers/store';

const ORDER = sampleOrder({ orderNo: 'DD1', phone: '13800138000', address: '农业路38号3单元502' });

async function storeWithCorrectedNumber(): Promise<TestStore> {
  const store = await openReadyStore();
  await importFile(store, 'a.csv', ordersCsv([ORDER]));
  // A later export brings a new number: the old one is kept in the order's history.
  store.clock.advanceMinutes(5);
  await importFile(store, 'b.csv', ordersCsv([{ ...ORDER, phone: '13912345678' }]));
  return store;
}

describe('contact details on the Orders screen', () => {
  test('an agent sees the numbers and the street whole, in the list, the drawer and the history', async () => {
    const store = await storeWithCorrectedNumber();
    const list = await store.call('listOrders', { limit: 50, offset: 0 });
    expect(list.orders[0]).toMatchObject({ phone: '13912345678', address: '农业路38号3单元502' });
    const detail = await store.call('getOrder', { orderNo: 'DD1' });
    expect(detail.order.phone).toBe('13912345678');
    expect(detail.history.find((h) => h.field === 'phone')).toMatchObject({ oldValue: '13800138000', newValue: '13912345678' });
  });

  test('a team lead or trainer without the agent role sees them masked, and can still find the order by number', async () => {
    const store = await storeWithCorrectedNumber();
    for (const roles of [['lead'], ['trainer'], ['lead', 'trainer']] as const) {
      await setRoles(store, [...roles]);
      const list = await store.call('listOrders', { query: '139 1234 5678', limit: 50, offset: 0 });
      expect(list.orders.map((o) => [o.orderNo, o.phone, o.address]), roles.join('+')).toEqual([['DD1', '139****5678', '****']]);
      const detail = await store.call('getOrder', { orderNo: 'DD1' });
      expect(detail.order).toMatchObject({ phone: '139****5678', address: '****', province: ORDER.province, city: ORDER.city });
      // The history does not give the old number away either.
      expect(detail.history.find((h) => h.field === 'phone')).toMatchObject({ oldValue: '138****8000', newValue: '139****5678' });
      expect(JSON.stringify(detail)).not.toContain('13800138000');
      expect(JSON.stringify(detail)).not.toContain('农业路');
    }
  });

  test('a number an agent wrote in a call note is masked for them too', async () => {
    const store = await storeWithCorrectedNumber();
    const { card } = await store.call('nextCard', {});
    await store.call('recordOutcome', { taskId: card!.taskId, outcome: 'callback', callbackAt: '2026-11-21T02:00:00.000Z', note: '家人接的，让打 137 0000 1234 找本人' });
    expect((await store.call('getOrder', { orderNo: 'DD1' })).outcomes[0].note).toContain('137 0000 1234');
    await setRoles(store, ['lead']);
    const masked = await store.call('getOrder', { orderNo: 'DD1' });
    expect(masked.outcomes[0].note).toBe('家人接的，让打 137****1234 找本人');
  });

  test('a masked session looks numbers up only so often: trying the hidden digits one by one is stopped', async () => {
    const store = await storeWithCorrectedNumber();
    await setRoles(store, ['lead']);
    const lookup = (q: string) => store.call('listOrders', { query: q, limit: 50, offset: 0 });
    // Typing a number digit by digit counts once: only whole numbers are lookups.
    for (let n = 1; n <= 11; n++) await lookup('13912345678'.slice(0, n));
    // The same number again (a filter changed, the list reloaded) is not another lookup, and a long
    // order number typed out is not a phone number at all.
    for (let i = 0; i < 5; i++) await lookup('139 1234 5678');
    for (let k = 0; k < 4; k++) for (let n = 1; n <= 18; n++) await lookup(`${k + 3}46912345678901234`.slice(0, n));
    for (let i = 1; i < MASKED_PHONE_LOOKUPS_PER_MINUTE; i++) await lookup(`1391234${String(i).padStart(4, '0')}`);
    await callcardError(() => lookup('13912340000'), 'lookups_too_fast');
    // By order number and name it goes on; a minute later numbers too.
    expect((await lookup('DD1')).orders).toHaveLength(1);
    store.clock.advanceMinutes(1);
    expect((await lookup('13912345678')).orders).toHaveLength(1);
    // Whoever sees numbers whole is not limited: they learn nothing by guessing.
    await setRoles(store, ['agent']);
    for (let i = 0; i < MASKED_PHONE_LOOKUPS_PER_MINUTE + 5; i++) await lookup('13912345678');
  });

  test("a lead sees them whole once a lead turned full contact details on; a trainer alone still does not", async () => {
    const store = await storeWithCorrectedNumber();
    await store.call('updateReportSettings', { patch: { fullContactForLeads: true } });
    await setRoles(store, ['lead']);
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order.phone).toBe('13912345678');
    await setRoles(store, ['trainer']);
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order.phone).toBe('139****5678');
  });
});

describe("an order's risk beside it on the Orders screen", () => {
  // Landmark only (a vague address), on the blacklist by number and by name + address.
  const VAGUE = sampleOrder({ orderNo: 'R1', phone: '13800138000', address: '汽车站对面小卖部' });

  async function blacklisted(): Promise<TestStore> {
    const store = await openReadyStore();
    await importFile(store, 'r.csv', ordersCsv([VAGUE]));
    await store.call('addBlacklist', { entry: { orderNo: 'R1', kinds: ['phone', 'name_address'] }, reason: 'fraud' });
    return store;
  }

  test('a lead or trainer alone reads its evidence with the number and the street masked, as the order beside it', async () => {
    const store = await blacklisted();
    const whole = JSON.stringify(await store.call('getOrderRisk', { orderNo: 'R1' }));
    // An agent (on the card) sees the evidence whole.
    expect(whole).toContain('13800138000');
    expect(whole).toContain('汽车站对面');
    for (const roles of [['lead'], ['trainer']] as const) {
      await setRoles(store, [...roles]);
      const risk = await store.call('getOrderRisk', { orderNo: 'R1' });
      const text = JSON.stringify(risk);
      expect(text, roles.join()).not.toContain('13800138000');
      expect(text, roles.join()).not.toContain('汽车站对面');
      // The facts still say what they are about: the masked number, the region, the name.
      expect(risk.facts.map((f) => [f.rule, f.kind, f.params.value ?? f.params.address])).toEqual(
        expect.arrayContaining([
          ['blacklist_hit', 'phone', '138****8000'],
          ['blacklist_hit', 'name_address', `${VAGUE.name} / ${VAGUE.province}${VAGUE.city}${VAGUE.district}****`],
          ['vague_address', 'landmark_only', `${VAGUE.province}${VAGUE.city}${VAGUE.district}****`],
        ]),
      );
    }
  });

  test("a lead's decision on a held order answers with the same masked evidence", async () => {
    const store = await blacklisted();
    await setRoles(store, ['lead']);
    const released = await store.call('overrideRisk', { orderNo: 'R1', decision: 'release', reason: '老客户' });
    expect(released.override).toMatchObject({ decision: 'release' });
    expect(JSON.stringify(released)).not.toContain('13800138000');
    expect(JSON.stringify(released)).not.toContain('汽车站对面');
  });
});

describe('what a trainer alone may do from an order', () => {
  test('no blacklisting or payment change (said in words); an agent or a lead may', async () => {
    const store = await openReadyStore();
    await importFile(store, 'r.csv', ordersCsv([sampleOrder({ orderNo: 'T1' })]));
    await setRoles(store, ['trainer']);
    const add = { entry: { orderNo: 'T1', kinds: ['phone' as const] }, reason: 'fraud' as const };
    await expect(store.call('addBlacklist', add)).rejects.toMatchObject({ code: 'agent_or_lead_only' });
    await expect(store.call('convertToOnlinePayment', { orderNo: 'T1' })).rejects.toMatchObject({ code: 'agent_or_lead_only' });
    for (const roles of [['lead'], ['agent']] as const) {
      await setRoles(store, [...roles]);
      expect(await store.call('addBlacklist', add), roles.join()).toHaveLength(1);
    }
  });

  test('the blacklist, whose entries are whole numbers, names and addresses, is not read or exported by a trainer alone', async () => {
    const store = await openReadyStore();
    await importFile(store, 'r.csv', ordersCsv([sampleOrder({ orderNo: 'T1', phone: '13800138000' })]));
    await store.call('addBlacklist', { entry: { orderNo: 'T1', kinds: ['phone'] }, reason: 'fraud' });
    await setRoles(store, ['trainer']);
    await expect(store.call('listBlacklist', {})).rejects.toMatchObject({ code: 'agent_or_lead_only' });
    await expect(store.call('exportBlacklist', {})).rejects.toMatchObject({ code: 'agent_or_lead_only' });
    for (const roles of [['lead'], ['agent'], ['trainer', 'lead']] as const) {
      await setRoles(store, [...roles]);
      const list = await store.call('listBlacklist', {});
      expect(list.entries.map((e) => e.value), roles.join()).toEqual(['13800138000']);
      const file = await store.call('exportBlacklist', {});
      expect(Buffer.from(file.contentBase64, 'base64').toString('utf8'), roles.join()).toContain('13800138000');
    }
  });
});

describe('nothing else gives a masked number or street away', () => {
  test('search finds a masked order by its whole number only, never by part of it', async () => {
    const store = await storeWithCorrectedNumber();
    await setRoles(store, ['lead']);
    const found = (query: string) => store.call('listOrders', { query, limit: 50, offset: 0 }).then((r) => r.orders.map((o) => o.orderNo));
    expect(await found('+86 139-1234-5678')).toEqual(['DD1']);
    // Part of a number would tell the hidden digits one by one.
    expect(await found('1391234')).toEqual([]);
    expect(await found('5678')).toEqual([]);
    // Order numbers and names are found by part as before.
    expect(await found('DD')).toEqual(['DD1']);
    expect(await found(ORDER.name.slice(0, 1))).toEqual(['DD1']);
    await setRoles(store, ['agent']);
    expect(await found('1391234')).toEqual(['DD1']);
  });

  test("the order's buyer account and IP are masked with it, in its risk evidence too", async () => {
    const store = await openReadyStore();
    // An IP in 河南 for an order shipped to 广东: the IP-region fact names the IP.
    await importFile(store, 'a.csv', ordersCsv([{ ...ORDER, province: '广东省', city: '深圳市', district: '南山区', buyerAccount: '13812345678', ip: '1.192.33.44' }]));
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order).toMatchObject({ buyerAccount: '13812345678', ip: '1.192.33.44' });
    const ipFact = async () => (await store.call('getOrderRisk', { orderNo: 'DD1' })).facts.find((f) => f.rule === 'ip_region_mismatch')?.params.ip;
    expect(await ipFact()).toBe('1.192.33.44');
    await setRoles(store, ['trainer']);
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order).toMatchObject({ buyerAccount: '138****5678', ip: '1.192.*.*' });
    expect(await ipFact()).toBe('1.192.*.*');
  });

  test("a trainer's preview of a real order says its address masked", async () => {
    const store = await storeWithCorrectedNumber();
    const { versions } = await store.call('listPacks', {});
    const { packId, version } = versions[0];
    const preview = async () => {
      // Through the greeting to the step that reads the address back.
      const r = await store.call('previewScript', {
        packId,
        version,
        flow: 'verify',
        locale: 'zh-CN',
        orderNo: 'DD1',
        events: [{ answer: 'yes_me', at: store.clock.now.toISOString() }],
      });
      return JSON.stringify(r);
    };
    expect(await preview()).toContain('农业路38号');
    await setRoles(store, ['trainer']);
    const masked = await preview();
    expect(masked).not.toContain('农业路38号');
    expect(masked).toContain(`${ORDER.province}${ORDER.city}${ORDER.district}`);
  });

  test('the command line lists risks as the signed-in person may see them', async () => {
    const store = await openReadyStore();
    await importFile(store, 'r.csv', ordersCsv([sampleOrder({ orderNo: 'R1', phone: '13800138000', address: '汽车站对面小卖部' })]));
    await store.call('addBlacklist', { entry: { orderNo: 'R1', kinds: ['phone'] }, reason: 'fraud' });
    const risks = async () => {
      const out: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
      try {
        expect(await runCli(['risk', '--all', '--json', '--data-dir', store.dataDir])).toBe(0);
      } finally {
        log.mockRestore();
      }
      return out.join('\n');
    };
    expect(await risks()).toContain('13800138000');
    await setRoles(store, ['lead']);
    const masked = await risks();
    expect(masked).toContain('138****8000');
    expect(masked).not.toContain('13800138000');
    expect(masked).not.toContain('汽车站对面');
  });
});
