/**
 * The core, not the menu, decides who may do what: a page or the command line can call any method.
 * A session without the agent role never gets a customer's number whole; only a lead changes the
 * team's settings and who holds which role; first-run setup runs once.
 */
import { describe, expect, test } from 'vitest';
import { setMeta } from '../../electron/services/settings';
import { importThroughScreen } from '../helpers/intake';
import { addAgent } from '../helpers/reports';
import { callcardError, completeSetup, importFile, openReadyStore, openTestStore, ordersCsv, sampleOrder, setRoles, signInAs, TEST_SHOP } from '../helpers/store';

const PHONE = '13812345678';

async function storeWithOrder() {
  const store = await openReadyStore();
  await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'R-1', phone: PHONE })]));
  const { tasks } = await store.call('getOrder', { orderNo: 'R-1' });
  return { store, taskId: tasks[0].id };
}

describe('a session without the agent role', () => {
  test('gets no card, takes no call, dials no one and records nothing; the order it may read stays masked', async () => {
    const { store, taskId } = await storeWithOrder();
    for (const roles of [['trainer'], ['lead'], ['lead', 'trainer']] as const) {
      await setRoles(store, [...roles]);
      await callcardError(() => store.call('nextCard', {}), 'agent_only');
      await callcardError(() => store.call('takeCall', { query: PHONE }), 'agent_only');
      await callcardError(() => store.call('dial', { taskId }), 'agent_only');
      await callcardError(() => store.call('recordOutcome', { taskId, outcome: 'confirmed' }), 'agent_only');
      await callcardError(() => store.call('myDay', {}), 'agent_only');
      await callcardError(() => store.call('myCalls', { limit: 10 }), 'agent_only');
      await callcardError(
        () =>
          store.call('createPhoneOrder', {
            customerName: '周大福', phone: '13700001234', province: '广东省', city: '深圳市', district: '南山区',
            address: '科技南路18号', product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 9900,
          }),
        'agent_only',
      );
      const { order } = await store.call('getOrder', { orderNo: 'R-1' });
      expect(order.phone).not.toContain('1234');
    }
    // Nothing was claimed or recorded on the way.
    expect(store.db.prepare('SELECT count(*) AS n FROM call_outcomes').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT claimed_by FROM call_tasks WHERE id = ?').get(taskId)).toEqual({ claimed_by: null });

    await setRoles(store, ['agent']);
    expect((await store.call('dial', { taskId })).uri).toBe(`tel:${PHONE}`);
    expect((await store.call('nextCard', {})).card?.order.phone).toBe(PHONE);
  });

  test('a trainer brings no orders in and reads no rejected rows; an agent or a lead does', async () => {
    const store = await openReadyStore();
    const csv = ordersCsv([sampleOrder({ orderNo: 'R-2' }), sampleOrder({ orderNo: 'R-3', phone: '' })]);
    const first = (await importThroughScreen(store, 'orders.csv', csv)).progress.summary!;
    await setRoles(store, ['trainer']);
    await callcardError(() => importFile(store, 'more.csv', csv), 'agent_or_lead_only');
    await callcardError(() => store.call('loadDemo', {}), 'agent_or_lead_only');
    await callcardError(() => store.call('beginUpload', { fileName: 'x.csv', size: 10 }), 'agent_or_lead_only');
    await callcardError(() => store.call('rejectedRowsCsv', { importId: first.importId }), 'agent_or_lead_only');
    await callcardError(() => store.call('cancelImport', { importId: first.importId }), 'agent_or_lead_only');
    await callcardError(
      () => store.call('saveImportProfile', { name: 'p', kind: 'orders', headers: ['订单号', '收货人'], mapping: { orderNo: 0, customerName: 1 } }),
      'agent_or_lead_only',
    );
    await callcardError(() => store.call('updateIntakeSettings', { settings: { staleAfterDays: 2 } }), 'lead_only');
    await setRoles(store, ['agent']);
    await callcardError(() => store.call('updateIntakeSettings', { settings: { staleAfterDays: 2 } }), 'lead_only');
    expect((await importFile(store, 'more.csv', csv)).unchanged).toBe(1);
    await setRoles(store, ['lead']);
    expect((await store.call('rejectedRowsCsv', { importId: first.importId })).csv).toContain('R-3');
    expect((await store.call('updateIntakeSettings', { settings: { staleAfterDays: 2 } })).staleAfterDays).toBe(2);
  });

  test('before first-run setup the command line loads a new store: nobody to check yet', async () => {
    const store = openTestStore();
    expect((await importFile(store, 'orders.csv', ordersCsv([sampleOrder({ orderNo: 'R-4' })]))).created).toBe(1);
    expect((await store.call('loadDemo', {})).created).toBeGreaterThan(0);
  });
});

describe('settings and roles', () => {
  test('anyone chooses their language and name; the team’s settings and the roles are the lead’s', async () => {
    const store = await openReadyStore();
    addAgent(store, '陈组长', ['lead']);
    await setRoles(store, ['agent', 'trainer']);
    expect((await store.call('getSession', {})).actsAsLead).toBe(false);
    const before = (await store.call('getSession', {})).settings;
    await callcardError(() => store.call('updateSettings', { settings: { callingHours: { start: '00:00', end: '24:00' } } }), 'lead_only');
    await callcardError(() => store.call('updateSettings', { settings: { dialUriTemplate: 'sip:{phone}@pbx.example' } }), 'lead_only');
    await callcardError(() => store.call('updateSettings', { settings: { shopName: '别的店' } }), 'lead_only');
    await callcardError(() => store.call('updateSettings', { roles: ['agent', 'trainer', 'lead'] }), 'lead_only');
    expect((await store.call('getSession', {})).settings).toEqual(before);

    // The settings form sends every personal field: unchanged values are not changes.
    const s = await store.call('updateSettings', {
      agentName: '王小丽二号',
      roles: ['trainer', 'agent'],
      settings: { language: 'en', shopName: before.shopName, businessTimeZone: before.businessTimeZone },
    });
    expect(s.agent).toMatchObject({ name: '王小丽二号', roles: ['agent', 'trainer'] });
    expect(s.settings.language).toBe('en');
  });

  test('a lead gives and takes roles, but the only lead cannot drop the lead role', async () => {
    const store = await openReadyStore();
    await callcardError(() => store.call('updateSettings', { roles: ['agent'] }), 'last_lead');
    expect((await store.call('updateSettings', { roles: ['lead', 'trainer'] })).agent?.roles).toEqual(['lead', 'trainer']);
    expect((await store.call('updateSettings', { settings: { claimTimeoutMinutes: 15 } })).settings.claimTimeoutMinutes).toBe(15);
    // With a second lead on the store, the first may step down.
    const me = (await store.call('getSession', {})).agent!;
    await signInAs(store, '陈组长', ['lead']);
    setMeta(store.db, 'currentAgentId', me.id, store.clock.now);
    expect((await store.call('updateSettings', { roles: ['agent'] })).agent?.roles).toEqual(['agent']);
    // Now an agent: the team's settings are no longer theirs to change.
    await callcardError(() => store.call('updateSettings', { settings: { claimTimeoutMinutes: 20 } }), 'lead_only');
  });

  test('a store where nobody holds the lead role (its only user dropped it before) lets that user take it back', async () => {
    const store = await openReadyStore();
    await setRoles(store, ['agent']);
    expect((await store.call('getSession', {})).actsAsLead).toBe(true);
    expect((await store.call('updateSettings', { roles: ['agent', 'lead'] })).agent?.roles).toEqual(['agent', 'lead']);
    // Once someone else is a lead, an agent alone no longer sets roles.
    addAgent(store, '陈组长', ['lead']);
    await setRoles(store, ['agent']);
    expect((await store.call('getSession', {})).actsAsLead).toBe(false);
    await callcardError(() => store.call('updateSettings', { roles: ['agent', 'lead'] }), 'lead_only');
  });

  test('first-run setup runs once: run again it changes nothing', async () => {
    const store = await openReadyStore();
    const before = await store.call('getSession', {});
    await callcardError(() => store.call('completeSetup', { agentName: '冒充者', shopName: '别的店', language: 'en' }), 'setup_done');
    expect(await store.call('getSession', {})).toEqual(before);
    expect(before.settings.shopName).toBe(TEST_SHOP);
    expect(store.db.prepare('SELECT count(*) AS n FROM agents').get()).toEqual({ n: 1 });
    // The test helper's second agent is another workstation's, signed in directly.
    expect((await completeSetup(store, '赵敏')).agent?.name).toBe('赵敏');
  });
});
