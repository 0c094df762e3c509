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

/**
 * The shop's export gains a column: its header set is no saved profile's, so nothing is matched by
 * itself. The lead picks the profile by hand (its columns found by header, "应收款（元）" as
 * "应收款", the extra column left alone), imports, and later deletes the profile after a question
 * asked in the page — all by keyboard.
 */
test('pick a saved profile by hand for an export with an extra column, then delete the profile', async ({ page }) => {
  host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);

  const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  const first = csv(['流水码,客户称呼,拨打号码,投递地址,应收款', 'T1001,张三,13800138001,北京市朝阳区建国路1号,68.00', 'T1002,李四,13800138002,上海市浦东新区世纪大道2号,99.00']);
  const wider = csv([
    '备用列,流水码,客户称呼,拨打号码,投递地址,应收款（元）',
    'x,T1003,王五,13800138003,广东省深圳市南山区科技园3号,59.00',
    'y,T1004,赵六,13800138004,浙江省杭州市西湖区文三路4号,128.00',
  ]);

  // The first file's headers are none the app knows: mapped by hand and saved as a profile.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('import-open').click();
  let flow = page.getByTestId('import-flow');
  await flow.getByTestId('import-file').setInputFiles({ name: 'custom.csv', mimeType: 'text/csv', buffer: first });
  let mapping = flow.getByTestId('import-mapping');
  await expect(mapping.getByTestId('import-missing')).toBeVisible();
  // No profile saved yet: nothing to pick.
  await expect(mapping.getByTestId('import-profile-select')).toHaveCount(0);
  const fields = ['orderNo', 'customerName', 'phone', 'address', 'amount'];
  for (const [i, f] of fields.entries()) await mapping.getByTestId(`mapping-${i}`).selectOption(f);
  await mapping.getByTestId('import-save-profile').check();
  await mapping.getByTestId('import-profile-name').fill('自定义导出');
  await mapping.getByTestId('import-profile-name').press('Enter');
  await expect(flow.getByTestId('summary-created')).toContainText('2');
  await flow.getByTestId('import-done').click();

  // The export with one more column in front: no profile matched by itself, nothing mapped.
  await page.getByTestId('import-open').click();
  flow = page.getByTestId('import-flow');
  await flow.getByTestId('import-file').setInputFiles({ name: 'custom-wider.csv', mimeType: 'text/csv', buffer: wider });
  mapping = flow.getByTestId('import-mapping');
  await expect(mapping.getByTestId('import-profile')).toContainText('请检查每一列对应的字段');
  for (let i = 0; i < 6; i++) await expect(mapping.getByTestId(`mapping-${i}`)).toHaveValue('');
  await expect(mapping.getByTestId('import-start')).toBeDisabled();

  // Picked by hand: each field goes to the column with its header, the extra column stays out.
  const select = mapping.getByLabel('使用已保存的方案');
  await expect(select).toHaveValue('');
  await select.focus();
  await select.selectOption('自定义导出');
  await expect(mapping.getByTestId('mapping-0')).toHaveValue('');
  for (const [i, f] of fields.entries()) await expect(mapping.getByTestId(`mapping-${i + 1}`)).toHaveValue(f);
  await expect(mapping.getByTestId('import-profile')).toContainText('已按所选方案“自定义导出”对应各列');
  await expect(mapping.getByTestId('import-profile-missing')).toHaveCount(0);
  await expect(mapping.getByTestId('import-missing')).toHaveCount(0);
  await mapping.getByTestId('import-start').click();
  await expect(flow.getByTestId('summary-created')).toContainText('2');
  await expect(flow.getByTestId('summary-rejected')).toContainText('0');
  await flow.getByTestId('import-done').click();

  // The first file again: its profile is matched by itself and stands chosen in the list.
  // Deleting asks first, in the page: Esc keeps the profile (and the import stays open), Enter deletes.
  await page.getByTestId('import-open').click();
  flow = page.getByTestId('import-flow');
  await flow.getByTestId('import-file').setInputFiles({ name: 'custom.csv', mimeType: 'text/csv', buffer: first });
  mapping = flow.getByTestId('import-mapping');
  await expect(mapping.getByTestId('import-profile')).toContainText('已按保存的方案“自定义导出”对应各列');
  await expect(mapping.getByTestId('import-profile-select')).toHaveValue('自定义导出');
  await mapping.getByTestId('import-profile-select').focus();
  await page.keyboard.press('Tab');
  const remove = mapping.getByRole('button', { name: '删除方案“自定义导出”' });
  await expect(remove).toBeFocused();
  await page.keyboard.press('Enter');
  const ask = mapping.getByTestId('import-profile-ask');
  await expect(ask).toContainText('删除方案“自定义导出”？');
  await expect(ask.getByTestId('import-profile-delete-yes')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(flow).toBeVisible();
  await expect(mapping.getByTestId('import-profile-delete')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask.getByTestId('import-profile-delete-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('已删除方案“自定义导出”');
  const emptied = mapping.getByTestId('import-profile-select');
  await expect(emptied).toBeFocused();
  await expect(emptied.locator('option')).toHaveText(['这类文件还没有保存的方案']);
  await expect(mapping.getByTestId('import-profile-delete')).toBeDisabled();
  // The columns stay as the profile mapped them; the profile is no longer named.
  for (const [i, f] of fields.entries()) await expect(mapping.getByTestId(`mapping-${i}`)).toHaveValue(f);
  await expect(mapping.getByTestId('import-profile')).toContainText('请检查每一列对应的字段');
  await page.keyboard.press('Escape');
  await expect(flow).toHaveCount(0);
});
