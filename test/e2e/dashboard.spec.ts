import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { screenshotPath, startHost, tempDataDir, type RunningHost } from './host';
import { allowCallsAllDay, completeSetup } from './pages/app';

/**
 * The team lead's day: a worked day of calls (the CLI's simulated day, on the same data folder
 * before the host starts), the dashboard in Chinese and in English, the calls behind a number, and
 * the daily sheet downloaded and opened.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

interface Simulated {
  simulated: { calls: number; day: string; agents: string[] };
}

function simulateDay(dataDir: string): Simulated['simulated'] {
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', 'demo', '--simulate-day', '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Simulated).simulated;
}

/** Calls of the other four flows and two weeks of shipments on the same day (test/e2e/report-day.ts). */
function enrichDay(dataDir: string, day: string): number {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['test/e2e/report-day.ts', dataDir, day], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { calls: number }).calls;
}

async function showDay(page: Page, day: string): Promise<void> {
  const dash = page.getByTestId('dashboard');
  await dash.locator('input[name="from"]').fill(day);
  await dash.locator('input[name="to"]').fill(day);
  await expect(page.getByTestId('dash-period')).toContainText(`${day} – ${day}`);
}

/** Today on the business clock (the dashboard's 今天). */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function downloadSheet(page: Page, name = /^callcard-daily-\d{4}-\d{2}-\d{2}\.xlsx$/): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(name);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  return wb;
}

test('the lead reads the day in Chinese and English, opens the calls behind a number and downloads the sheet', async ({ page }) => {
  const dataDir = tempDataDir();
  const simulated = simulateDay(dataDir);
  expect(simulated.calls).toBeGreaterThan(10);
  const day = { ...simulated, calls: simulated.calls + enrichDay(dataDir, simulated.day) };
  host = await startHost(dataDir);
  await page.goto(host.url);
  await completeSetup(page, '陈组长');

  // Alt+7: the dashboard (the first-run user has every role, team lead included).
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: '团队数据看板' })).toBeVisible();
  // The period buttons say which one is shown (typed dates that match one count as it).
  const periods = page.getByTestId('period-buttons');
  await periods.getByRole('button', { name: '昨天' }).click();
  await expect(periods.getByRole('button', { name: '昨天' })).toHaveAttribute('aria-pressed', 'true');
  await expect(periods.getByRole('button', { name: '今天' })).toHaveAttribute('aria-pressed', 'false');
  await showDay(page, day.day);
  await expect(periods.getByRole('button', { name: '今天' })).toHaveAttribute('aria-pressed', String(day.day === shanghaiToday()));
  // The simulated day is today, or yesterday before 11:00: one of the two reads as chosen.
  await expect(periods.locator('[aria-pressed="true"]')).toHaveCount(1);
  // How long the core took to count is for benchmarks, not for the lead.
  await expect(page.getByText('统计用时')).toHaveCount(0);
  const calls = page.getByTestId('kpi-calls');
  await expect(calls.locator('.kpi-value')).toHaveText(String(day.calls));
  await expect(page.getByTestId('kpi-reachedRate')).toContainText('%');
  await expect(page.getByText('电话和地址已脱敏')).toBeVisible();
  for (const chart of ['chart-hours', 'chart-flows', 'chart-cohorts']) await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();

  // Click a number: the calls behind it, phones masked; Esc closes.
  await calls.getByRole('button').click();
  const behind = page.getByTestId('calls-behind');
  await expect(behind.getByRole('heading')).toContainText(`通话量：${day.calls}`);
  await expect(behind.getByTestId('behind-table').locator('tbody tr')).toHaveCount(Math.min(day.calls, 200));
  await expect(behind.getByTestId('behind-table').locator('tbody tr').first().locator('td').nth(5)).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  await page.screenshot({ path: screenshotPath('dashboard-calls-behind') });
  // The list keeps the focus while it is open: Tab and Shift+Tab go round inside it, never to the menu behind.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    await expect(behind.locator(':focus')).toHaveCount(1);
  }
  const closeList = behind.getByRole('button', { name: /关闭列表/ });
  await closeList.focus();
  await page.keyboard.press('Shift+Tab'); // from the first control to the last
  await expect(behind.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Tab'); // and from the last back to the first
  await expect(closeList).toBeFocused();
  // Enter on a call's order number shows the order under its row.
  const firstOrder = behind.getByTestId('open-order').first();
  const orderNo = (await firstOrder.innerText()).trim();
  await firstOrder.focus();
  await page.keyboard.press('Enter');
  await expect(firstOrder).toHaveAttribute('aria-expanded', 'true');
  await expect(behind.getByTestId('call-detail')).toContainText(`订单 ${orderNo}`);
  await page.keyboard.press('Escape');
  await expect(behind).toBeHidden();
  // Back on the number that opened it.
  await expect(calls.getByRole('button')).toBeFocused();

  // Verified orders, through the summary table, from the keyboard.
  const verified = page.locator('tr[data-line="verified"] button');
  await verified.focus();
  await page.keyboard.press('Enter');
  await expect(behind.getByRole('heading')).toContainText('核单成功');
  await page.keyboard.press('Escape');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });

  // The sheet, in Chinese: every sheet of one day (no by-day sheet), the day's calls in the calls sheet.
  const zh = await downloadSheet(page);
  expect(zh.worksheets.map((w) => w.name)).toEqual(['汇总', '按坐席', '按业务', '按商品', '按来源', '通话明细', '原因统计']);
  // The products' calls add up to the day's.
  const products = zh.getWorksheet('按商品')!;
  let productCalls = 0;
  for (let n = 3; n <= products.rowCount && products.getRow(n).getCell(1).value !== '合计'; n++) productCalls += products.getRow(n).getCell(2).value as number;
  expect(productCalls).toBe(day.calls);
  expect(zh.getWorksheet('汇总')!.getCell('C3').value).toBe(day.calls);
  expect(zh.getWorksheet('通话明细')!.rowCount).toBeGreaterThanOrEqual(2 + day.calls);
  expect(String(zh.getWorksheet('汇总')!.getCell('A1').value)).toMatch(new RegExp(`${day.day} · 业务时区 Asia/Shanghai$`));

  // Every sheet as CSV: a browser saves one unclicked download at most, so each file has its own
  // button (the first has the focus) and every one of them arrives.
  // One day: the CSV picker offers no by-day sheet.
  const csvSheet = page.locator('select[name="csvSheet"]');
  await expect(csvSheet.locator('option')).toHaveText(['全部工作表', '汇总', '按坐席', '按业务', '按商品', '按来源', '通话明细', '原因统计']);
  await page.getByTestId('export-csv').click();
  const saves = page.getByTestId('export-files').getByRole('button');
  await expect(saves).toHaveCount(7);
  await expect(saves.first()).toBeFocused();
  const names: string[] = [];
  for (let i = 0; i < 7; i++) {
    const [download] = await Promise.all([page.waitForEvent('download'), saves.nth(i).click()]);
    names.push(download.suggestedFilename());
  }
  expect(names).toEqual(['summary', 'by-agent', 'by-flow', 'by-product', 'by-source', 'calls', 'reasons'].map((k) => `callcard-daily-${day.day}-${k}.csv`));

  // Two days: a by-day sheet too, one save button more, and the picker offers it on its own.
  const dash = page.getByTestId('dashboard');
  const dayBefore = new Date(Date.parse(`${day.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await dash.locator('input[name="from"]').fill(dayBefore);
  await expect(page.getByTestId('dash-period')).toContainText(`${dayBefore} – ${day.day}`);
  await csvSheet.selectOption({ label: '按日' });
  const [byDay] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(byDay.suggestedFilename()).toBe(`callcard-daily-${dayBefore}_${day.day}-by-day.csv`);
  await csvSheet.selectOption('');
  await page.getByTestId('export-csv').click();
  await expect(saves).toHaveCount(8);
  await expect(saves.nth(5)).toHaveText(new RegExp(`-by-day\\.csv$`));
  // Back to one day: the by-day choice goes with it.
  await showDay(page, day.day);
  await expect(csvSheet.locator('option', { hasText: '按日' })).toHaveCount(0);

  // Cut by one agent: the panel, the file name and every sheet's title say so. The picker names the sheet's language.
  await expect(page.getByLabel('导出语言')).toBeVisible();
  await page.locator('select[name="agent"]').selectOption({ label: '王婷' });
  await expect(page.getByTestId('export-scope')).toContainText('坐席：王婷');
  const wangting = await downloadSheet(page, new RegExp(`^callcard-daily-${day.day}-王婷\\.xlsx$`));
  for (const ws of wangting.worksheets) expect(String(ws.getCell('A1').value)).toContain('坐席：王婷');
  await page.locator('select[name="agent"]').selectOption('');

  // A freight that is not an amount is said under its field, and cannot be saved.
  const reportSettings = page.locator('form.report-settings');
  await reportSettings.locator('input[name="freight"]').fill('abc');
  await expect(reportSettings.getByRole('alert')).toContainText('“abc”不是金额');
  await expect(reportSettings.getByRole('button', { name: '保存' })).toBeDisabled();
  await reportSettings.locator('input[name="freight"]').fill('12.50');
  await expect(reportSettings.getByRole('alert')).toHaveCount(0);

  // In English: the screen and the sheet follow the language.
  await page.keyboard.press('Alt+3');
  await page.locator('[data-locale="en"]').click();
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Team dashboard' })).toBeVisible();
  // Back from Settings through the menu: the day chosen before is still the one shown (it came back on today).
  await expect(page.getByTestId('dash-period')).toContainText(`${day.day} – ${day.day}`);
  await expect(page.getByTestId('kpi-calls').locator('.kpi-value')).toHaveText(day.calls.toLocaleString('en'));
  await expect(page.getByText('Phones and addresses are masked')).toBeVisible();
  await page.screenshot({ path: screenshotPath('dashboard-en'), fullPage: true });
  // In a 1024 px window the English menu keeps to the window (it ran 53 px past its edge).
  await page.setViewportSize({ width: 1024, height: 700 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, menu: document.querySelector('nav.topbar')!.scrollWidth }));
  expect(widths.page).toBeLessThanOrEqual(1024);
  expect(widths.menu).toBeLessThanOrEqual(1024);
  await page.setViewportSize({ width: 1440, height: 900 });
  const en = await downloadSheet(page);
  expect(en.worksheets.map((w) => w.name)).toEqual(['Summary', 'By agent', 'By flow', 'By product', 'By source', 'Calls', 'Reasons']);
  expect(en.getWorksheet('Summary')!.getCell('B3').value).toBe('Calls');

  // The agent's own view: this lead made no calls today.
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('my-day-screen')).toContainText('No calls yet today');
});

test('the lead hands a customer over and gives an agent’s cards back, by keyboard, with nothing done by accident', async ({ page }) => {
  const dataDir = tempDataDir();
  simulateDay(dataDir); // the three demo agents 王婷, 李娜, 张伟
  // Cards due now whatever the hour (the simulated day may have called every card already due).
  const imported = spawnSync(process.execPath, ['bin/callcard.mjs', 'import', 'resources/samples/douyin-orders-gbk.csv', '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
  expect(imported.status, imported.stderr).toBe(0);
  host = await startHost(dataDir);
  await page.goto(host.url);
  await completeSetup(page, '陈组长');
  await allowCallsAllDay(page);
  // The lead takes a card: now they hold a customer.
  await page.keyboard.press('Alt+1');
  const card = page.getByTestId('call-card');
  await expect(card).toBeVisible();
  const orderNo = (await card.getAttribute('data-order-no'))!;

  await page.keyboard.press('Alt+7');
  const held = page.getByTestId('held-cards');
  const row = held.locator(`tr[data-order-no="${orderNo}"]`);
  await expect(row).toContainText('陈组长');
  const status = held.getByTestId('held-done');
  await expect(status).toHaveText('');

  // Arrow keys in "转给…" only choose; the customer stays where they are until the button says so.
  const select = row.getByTestId('hand-over');
  await select.focus();
  await page.keyboard.press('ArrowDown');
  const go = row.getByTestId('hand-over-go');
  await expect(go).toHaveText('转给张伟');
  await expect(go).toHaveAttribute('aria-label', new RegExp(`^把陈组长手上的.+（订单 ${orderNo}）转给张伟$`));
  await expect(status).toHaveText('');
  await expect(row).toContainText('陈组长');
  await page.keyboard.press('Tab');
  await expect(go).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status).toContainText(`（订单 ${orderNo}）转给张伟`);
  // The rows moved: the focus is on what happened, not on another customer's button.
  await expect(status).toBeFocused();
  const moved = held.locator(`tr[data-order-no="${orderNo}"]`);
  await expect(moved).toContainText('张伟');

  // "全部交回" asks first, in place, with the count and the name; Esc keeps the cards.
  const giveAll = moved.getByTestId('release-agent');
  await giveAll.click();
  const ask = held.getByTestId('release-agent-ask');
  await expect(ask).toContainText('把张伟手上的 1 位客户全部交回队列？');
  await expect(ask.getByTestId('release-agent-yes')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(giveAll).toBeFocused();
  await expect(moved).toContainText('张伟');
  await page.keyboard.press('Enter');
  await expect(ask.getByTestId('release-agent-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('张伟手上的 1 位客户已交回队列。');
  await expect(status).toBeFocused();
  await expect(held.locator(`tr[data-order-no="${orderNo}"]`)).toHaveCount(0);
});

test('from a call behind a number to its order under Orders and back, by keyboard; a held card and My calls the same way', async ({ page }) => {
  const dataDir = tempDataDir();
  const simulated = simulateDay(dataDir);
  // Cards due now whatever the hour, for the lead's own card below.
  const imported = spawnSync(process.execPath, ['bin/callcard.mjs', 'import', 'resources/samples/douyin-orders-gbk.csv', '--data-dir', dataDir, '--json'], { encoding: 'utf8' });
  expect(imported.status, imported.stderr).toBe(0);
  host = await startHost(dataDir);
  await page.goto(host.url);
  await completeSetup(page, '陈组长');

  // The lead's view of the day: a date and one flow.
  await page.keyboard.press('Alt+7');
  await showDay(page, simulated.day);
  const flow = page.locator('select[name="flow"]');
  await flow.selectOption({ label: '核单' });
  const calls = page.getByTestId('kpi-calls').getByRole('button');
  await calls.focus();
  await page.keyboard.press('Enter');
  const behind = page.getByTestId('calls-behind');
  await expect(behind.getByRole('heading')).toContainText('通话量');
  const rows = behind.getByTestId('behind-table').locator('tbody tr[data-call-id]');
  await expect(rows.first()).toBeVisible();
  // From the list's close button, Tab lands on the first call; ↓ goes down the calls.
  await page.keyboard.press('Tab');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  const orderNo = (await rows.nth(2).getAttribute('data-order-no'))!;
  const row = behind.locator(`tr[data-call-id="${await rows.nth(2).getAttribute('data-call-id')}"]`);
  await expect(row.locator('td').nth(5)).toHaveText(/^1\d{2}\*{4}\d{4}$/);

  // Enter on the row: the Orders screen with that order's drawer open and the list showing it.
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('order-detail');
  await expect(drawer.locator('header strong')).toHaveText(orderNo);
  await expect(page.getByTestId('order-table').locator(`tbody tr[data-order-no="${orderNo}"]`)).toBeVisible();
  await expect(page.getByLabel('搜索订单号、姓名或电话')).toHaveValue(orderNo);
  const back = page.getByTestId('orders-back');
  await expect(back).toHaveText(/返回数据看板/);
  await expect(back).toBeFocused();
  await page.screenshot({ path: screenshotPath('dashboard-order') });

  // Esc: back on the dashboard as it was left — the same day and flow, the same list, on the same call.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(flow).toHaveValue('verify');
  await expect(page.getByTestId('dash-period')).toContainText(`${simulated.day} – ${simulated.day}`);
  await expect(row).toBeFocused();
  // Closing the list still puts the focus on the number that opened it.
  await page.keyboard.press('Escape');
  await expect(behind).toBeHidden();
  await expect(calls).toBeFocused();

  // The lead works a card (no answer): it is in their own calls, and the next card is in their hand.
  await allowCallsAllDay(page);
  await page.keyboard.press('Alt+1');
  const card = page.getByTestId('call-card');
  // The card's keys are live once its script is drawn (a key pressed before could be lost under load).
  await expect(page.getByTestId('script-panel')).toBeVisible();
  const called = (await card.getAttribute('data-order-no'))!;
  await page.keyboard.press('q');
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card).not.toHaveAttribute('data-order-no', called);
  const holding = (await card.getAttribute('data-order-no'))!;

  // My calls, by mouse: the call's "open order" button opens it; Esc comes back to that call.
  await page.keyboard.press('Alt+8');
  const mine = page.getByTestId('my-calls-table').locator(`tbody tr[data-order-no="${called}"]`);
  await mine.getByRole('button', { name: `在订单页打开订单 ${called}` }).click();
  await expect(drawer.locator('header strong')).toHaveText(called);
  await expect(back).toHaveText(/返回我的通话/);
  await page.keyboard.press('Escape');
  await expect(mine).toBeFocused();

  // Cards in hand, by mouse: the held customer's order number opens it; closed, the drawer leaves
  // the way back at the top of Orders.
  await page.keyboard.press('Alt+7');
  const heldLink = page.getByTestId('held-cards').locator(`tr[data-order-no="${holding}"]`).getByTestId('held-open-order');
  await heldLink.click();
  await expect(drawer.locator('header strong')).toHaveText(holding);
  await drawer.getByRole('button', { name: '关闭' }).click();
  await expect(drawer).toBeHidden();
  await back.click();
  await expect(heldLink).toBeFocused();
});
