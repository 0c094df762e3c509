/** The shipped sample exports (resources/samples, `npm run samples`) import as the README says. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openReadyStore } from '../helpers/store';
import { importThroughScreen } from '../helpers/intake';

const SAMPLES = join(import.meta.dirname, '../../resources/samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name));

test('the GBK 抖音 export, the titled workbook and the courier file open verify, recover, track and revisit cards', async () => {
  // Long after the samples' date: leads are judged fresh against the export itself.
  const store = await openReadyStore({ now: '2027-03-01T04:00:00.000Z' });
  const openTasks = () =>
    Object.fromEntries(
      (store.db.prepare("SELECT flow, count(*) AS n FROM call_tasks WHERE state = 'open' GROUP BY flow").all() as { flow: string; n: number }[]).map((r) => [r.flow, r.n]),
    );

  const douyin = await importThroughScreen(store, 'douyin-orders-gbk.csv', sample('douyin-orders-gbk.csv'));
  expect(douyin.preview).toMatchObject({ encoding: 'gb18030', headerRow: 1, missing: [], kind: 'orders' });
  const s1 = douyin.progress.summary!;
  expect(s1).toMatchObject({ totalRows: 60, created: 59, rejectedCount: 1, flaggedPhones: 0 });
  expect(s1.rejected).toEqual([expect.objectContaining({ field: 'amount', code: 'bad_amount' })]);
  expect(s1.tasksOpened.verify).toBeGreaterThan(40);
  expect(s1.tasksOpened.recover).toBeGreaterThanOrEqual(5);

  const xlsx = await importThroughScreen(store, 'orders-with-title.xlsx', sample('orders-with-title.xlsx'), { sheet: '订单' });
  expect(xlsx.preview).toMatchObject({ fileType: 'xlsx', sheets: ['说明', '订单'], sheet: '订单', headerRow: 2, missing: [] });
  const s2 = xlsx.progress.summary!;
  expect(s2).toMatchObject({ totalRows: 40, created: 40, rejectedCount: 0 });
  const shipped = (await store.call('listOrders', { status: 'shipped', limit: 100 })).orders;
  expect(shipped.length).toBeGreaterThan(10);
  // Excel date cells are read as the business zone's wall clock.
  expect(shipped.every((o) => o.orderedAt !== null && o.orderedAt < '2026-11-20T04:00:00.000Z')).toBe(true);

  const courier = await importThroughScreen(store, 'courier-status.csv', sample('courier-status.csv'));
  expect(courier.preview).toMatchObject({ kind: 'courier', missing: [] });
  const s3 = courier.progress.summary!;
  expect(s3).toMatchObject({ kind: 'courier', updated: s3.totalRows, rejectedCount: 0 });
  expect(s3.tasksOpened).toMatchObject({ track: expect.any(Number), revisit: expect.any(Number) });

  expect(openTasks()).toMatchObject({ verify: expect.any(Number), recover: expect.any(Number), track: expect.any(Number), revisit: expect.any(Number) });
  const track = await store.call('nextCard', { flow: 'track' });
  expect(track.card?.order.courier?.reason).toBeTruthy();
});
