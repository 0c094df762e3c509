import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { screenshotPath, startHost, tempDataDir, type RunningHost } from './host';
import { completeSetup } from './pages/app';

/**
 * A team lead imports the shipped GBK 抖音 export through the mapping screen, saves the mapping as
 * a profile, reads the summary (one row to fix, with its reason), finds the cancelled orders
 * waiting as recover cards, and sees the profile chosen by itself when the next export arrives.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const SAMPLE = join(import.meta.dirname, '../../resources/samples/douyin-orders-gbk.csv');

test('import the GBK sample through the mapping screen, save a profile, see the summary and a recover card', async ({ page }) => {
  host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);

  await page.keyboard.press('Alt+2');
  await page.getByTestId('import-open').click();
  const flow = page.getByTestId('import-flow');
  await expect(flow.getByRole('heading', { name: '导入订单' })).toBeFocused();
  // An empty file first: told why; the next file starts clean, without the old message.
  await flow.getByTestId('import-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByTestId('notice')).toContainText('文件是空的');
  await flow.getByTestId('import-file').setInputFiles(SAMPLE);
  await expect(flow.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveCount(0);

  // The mapping screen: every column recognised, the encoding told, nothing missing.
  const mapping = flow.getByTestId('import-mapping');
  await expect(mapping).toContainText('douyin-orders-gbk.csv');
  await expect(mapping).toContainText('GBK/GB18030');
  // The header row's number comes with what that row reads.
  await expect(mapping.getByTestId('import-header-now')).toContainText('订单号 · 收件人姓名');
  await expect(mapping.getByTestId('mapping-0')).toHaveValue('orderNo');
  await expect(mapping.getByTestId('mapping-2')).toHaveValue('phone');
  await expect(mapping.getByTestId('mapping-10')).toHaveValue('amount');
  await expect(mapping.getByTestId('mapping-13')).toHaveValue('platformStatus');
  await expect(mapping.getByTestId('import-missing')).toHaveCount(0);
  // A column set to "not imported" makes a required field missing; putting it back clears that.
  await mapping.getByTestId('mapping-2').selectOption('');
  await expect(mapping.getByTestId('import-missing')).toContainText('联系电话');
  await expect(mapping.getByTestId('import-start')).toBeDisabled();
  await mapping.getByTestId('mapping-2').selectOption('phone');
  await expect(mapping.getByTestId('import-missing')).toHaveCount(0);

  // Save the mapping as a profile, by keyboard.
  await mapping.getByTestId('import-save-profile').check();
  const name = mapping.getByTestId('import-profile-name');
  await name.fill('抖音小店导出');
  await page.screenshot({ path: screenshotPath('import-mapping') });
  await name.press('Enter');

  const summary = flow.getByTestId('intake-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByTestId('summary-created')).toContainText('59');
  await expect(summary.getByTestId('summary-rejected')).toContainText('1');
  await expect(summary.getByTestId('summary-tasks')).toContainText('挽单');
  await expect(summary.getByTestId('summary-profile')).toContainText('导入方案“抖音小店导出”');
  await expect(summary).toContainText('“金额（元）”不是有效金额');
  await expect(summary.getByTestId('download-rejected')).toBeVisible();
  const download = page.waitForEvent('download');
  await summary.getByTestId('download-rejected').click();
  expect((await download).suggestedFilename()).toBe('douyin-orders-gbk-rejected.csv');
  await page.screenshot({ path: screenshotPath('import-summary') });
  await summary.getByTestId('import-done').click();
  await expect(flow).toHaveCount(0);

  // A cancelled order waits as a recover card.
  await page.getByLabel('状态').selectOption('cancelled');
  const rows = page.getByTestId('order-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await rows.first().click();
  const drawer = page.getByTestId('order-detail');
  await expect(drawer).toContainText('已取消');
  await expect(drawer).toContainText('挽单 · 进行中');

  // The next export with the same headers: the profile is chosen by itself; nothing changes.
  // Opened from the keyboard while an order is open: the order drawer closes, as it would cover
  // the mapping step.
  await page.getByTestId('import-open').focus();
  await page.keyboard.press('Enter');
  await expect(drawer).toHaveCount(0);
  await page.getByTestId('import-flow').getByTestId('import-file').setInputFiles(SAMPLE);
  await expect(page.getByTestId('import-profile')).toContainText('抖音小店导出');
  await page.getByTestId('import-start').click();
  const again = page.getByTestId('intake-summary');
  await expect(again.getByTestId('summary-unchanged')).toContainText('59');
  await expect(again.getByTestId('summary-created')).toContainText('0');
  await expect(again.getByTestId('summary-tasks')).toContainText('没有新建外呼任务');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-flow')).toHaveCount(0);
});
