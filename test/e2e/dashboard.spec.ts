import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { screenshotPath, startHost, tempDataDir, type RunningHost } from './host';
import { completeSetup } from './pages/app';

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

async function downloadSheet(page: Page): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^callcard-daily-\d{4}-\d{2}-\d{2}\.xlsx$/);
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
  await showDay(page, day.day);
  const calls = page.getByTestId('kpi-calls');
  await expect(calls.locator('.kpi-value')).toHaveText(String(day.calls));
  await expect(page.getByTestId('kpi-reachedRate')).toContainText('%');
  await expect(page.getByText('电话和地址已脱敏')).toBeVisible();
  for (const chart of ['chart-hours', 'chart-flows', 'chart-cohorts']) await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();

  // Click a number: the calls behind it, phones masked; Esc closes.
  await calls.getByRole('button').click();
  const behind = page.getByTestId('calls-behind');
  await expect(behind.getByRole('heading')).toContainText(`${day.calls} 通`);
  await expect(behind.getByTestId('behind-table').locator('tbody tr')).toHaveCount(Math.min(day.calls, 200));
  await expect(behind.getByTestId('behind-table').locator('tbody tr').first().locator('td').nth(5)).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  await page.screenshot({ path: screenshotPath('dashboard-calls-behind') });
  await page.keyboard.press('Escape');
  await expect(behind).toBeHidden();

  // Verified orders, through the summary table, from the keyboard.
  const verified = page.locator('tr[data-line="verified"] button');
  await verified.focus();
  await page.keyboard.press('Enter');
  await expect(behind.getByRole('heading')).toContainText('核单成功');
  await page.keyboard.press('Escape');

  await page.getByTestId('dash-took').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });

  // The sheet, in Chinese: five sheets, the day's calls in the calls sheet.
  const zh = await downloadSheet(page);
  expect(zh.worksheets.map((w) => w.name)).toEqual(['汇总', '按坐席', '按业务', '通话明细', '原因统计']);
  expect(zh.getWorksheet('汇总')!.getCell('C3').value).toBe(day.calls);
  expect(zh.getWorksheet('通话明细')!.rowCount).toBeGreaterThanOrEqual(2 + day.calls);
  expect(String(zh.getWorksheet('汇总')!.getCell('A1').value)).toContain(`${day.day} · 业务时区 Asia/Shanghai`);

  // In English: the screen and the sheet follow the language.
  await page.keyboard.press('Alt+3');
  await page.locator('[data-locale="en"]').click();
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Team dashboard' })).toBeVisible();
  await showDay(page, day.day);
  await expect(page.getByTestId('kpi-calls').locator('.kpi-value')).toHaveText(day.calls.toLocaleString('en'));
  await expect(page.getByText('Phones and addresses are masked')).toBeVisible();
  await page.screenshot({ path: screenshotPath('dashboard-en'), fullPage: true });
  const en = await downloadSheet(page);
  expect(en.worksheets.map((w) => w.name)).toEqual(['Summary', 'By agent', 'By flow', 'Calls', 'Reasons']);
  expect(en.getWorksheet('Summary')!.getCell('B3').value).toBe('Calls');

  // The agent's own view: this lead made no calls today.
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('my-day-screen')).toContainText('No calls yet today');
});
