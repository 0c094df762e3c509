import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { startHost, tempDataDir, type RunningHost } from './host';

/**
 * A team that works in several languages: phone orders taken by an agent in English, one in 简体中文
 * and one in 繁體中文 (through the command line's `api`, on the same data folder, before the host
 * starts). A lead reading in 繁體中文 sees them as one source, in their own words, on the card, in
 * the order's drawer and in the dashboard's filter; the sheet downloaded in English says it in English.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

function api<T>(dataDir: string, method: string, args: unknown): T {
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', 'api', method, JSON.stringify(args), '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const ORDER = {
  customerName: '周大福', province: '广东省', city: '深圳市', district: '南山区',
  address: '科技南路18号阳光花园3栋502', product: '鲍鱼罐头', package: '4罐', quantity: 1, amountFen: 9900,
};

/** An agent working in `language` takes a phone order; the card they are handed is the order's verify call. */
function phoneOrder(dataDir: string, language: string, phone: string): { orderNo: string; taskId: string } {
  api(dataDir, 'updateSettings', { settings: { language } });
  const r = api<{ orderNo: string; card: { taskId: string } }>(dataDir, 'createPhoneOrder', { ...ORDER, phone });
  return { orderNo: r.orderNo, taskId: r.card.taskId };
}

test('phone orders taken in three languages read as one source, in the reader’s language, on the card, the drawer, the dashboard and the sheet', async ({ page }) => {
  const dataDir = tempDataDir();
  api(dataDir, 'completeSetup', { agentName: '陈组长', shopName: '好物优选', language: 'en' });
  const en = phoneOrder(dataDir, 'en', '13700001234');
  api(dataDir, 'recordOutcome', { taskId: en.taskId, outcome: 'confirmed' });
  const zh = phoneOrder(dataDir, 'zh-CN', '13700005678');
  api(dataDir, 'recordOutcome', { taskId: zh.taskId, outcome: 'confirmed' });
  // Taken in 繁體中文 and still on the line: its card is the one in hand.
  const tw = phoneOrder(dataDir, 'zh-TW', '13700009012');

  host = await startHost(dataDir);
  await page.goto(host.url);
  await page.keyboard.press('Alt+1');
  const card = page.getByTestId('call-card');
  await expect(card).toHaveAttribute('data-order-no', tw.orderNo);
  await expect(card.locator('[data-field="source"] dd')).toHaveText('電話下單');

  // The order taken in English: its drawer says the source in the reader's words too.
  await page.keyboard.press('Alt+2');
  await page.getByRole('searchbox').fill(en.orderNo);
  await expect(page.getByTestId('order-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('order-table').locator('tbody tr').first().click();
  const drawer = page.getByTestId('order-detail');
  await expect(drawer).toContainText('電話下單');
  await expect(drawer).not.toContainText('Phone order');

  // The dashboard's source filter: one entry for the three, in 繁體中文; choosing it cuts the sheet.
  await page.keyboard.press('Alt+7');
  const source = page.getByTestId('dashboard').locator('select[name="source"]');
  await expect(source.locator('option')).toHaveText(['全部', '電話下單']);
  await source.selectOption({ label: '電話下單' });
  await expect(page.getByTestId('export-scope')).toContainText('電話下單');
  await page.locator('select[name="exportLang"]').selectOption('en');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^callcard-daily-\d{4}-\d{2}-\d{2}-Phone_order\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const calls = wb.getWorksheet('Calls')!;
  const header = calls.getRow(2).values as unknown[];
  const [noCol, sourceCol] = [header.indexOf('Order no.'), header.indexOf('Source')];
  const rows: [unknown, unknown][] = [];
  calls.eachRow((row, i) => {
    if (i > 2) rows.push([row.getCell(noCol).value, row.getCell(sourceCol).value]);
  });
  // Both calls (the order taken in English and the one taken in 简体中文), named in the sheet's language.
  expect(rows.sort()).toEqual([[en.orderNo, 'Phone order'], [zh.orderNo, 'Phone order']].sort());
});
