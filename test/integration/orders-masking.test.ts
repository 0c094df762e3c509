/**
 * Contact details on the Orders screen follow who is signed in: whoever calls customers (the agent
 * role) sees them whole, as on their cards; a lead or a trainer alone sees them masked, as the
 * dashboard shows them, unless a lead allowed full details for leads.
 */
import { describe, expect, test } from 'vitest';
import { importFile, openReadyStore, ordersCsv, sampleOrder, type TestStore } from '../helpers/store';

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
      await store.call('updateSettings', { roles: [...roles] });
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

  test("a lead sees them whole once a lead turned full contact details on; a trainer alone still does not", async () => {
    const store = await storeWithCorrectedNumber();
    await store.call('updateReportSettings', { patch: { fullContactForLeads: true } });
    await store.call('updateSettings', { roles: ['lead'] });
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order.phone).toBe('13912345678');
    await store.call('updateSettings', { roles: ['trainer'] });
    expect((await store.call('getOrder', { orderNo: 'DD1' })).order.phone).toBe('139****5678');
  });
});
