import { expect, test } from '@playwright/test';
import { startHost, tempDataDir, type RunningHost } from './host';
import { completeSetup, loadDemo } from './pages/app';

/**
 * Risk as a team lead meets it: demo orders arrive screened, the orders list shows the level, a
 * held order's banner explains why and is released by keyboard with a reason, and the blacklist
 * and rule screens work.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('a held order is explained and released with a reason; the blacklist takes an entry', async ({ page }) => {
  host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);
  await loadDemo(page);

  // Imported orders are screened at once: the list shows their level, and the lead narrows it to
  // the orders held from shipping.
  await expect(page.getByTestId('order-table').locator('[data-risk="low"]').first()).toBeVisible();
  await page.getByTestId('risk-filter').selectOption({ label: '暂停发货中' });
  const rows = page.getByTestId('order-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('[data-risk="high"]')).toHaveCount(2);
  const high = rows.first().locator('[data-risk="high"]');
  await high.click();
  const banner = page.getByTestId('order-detail').getByTestId('risk-banner');
  await expect(banner).toHaveAttribute('data-level', 'high');
  await expect(banner.getByTestId('risk-held')).toContainText('暂停发货');
  await expect(banner.getByTestId('risk-facts').locator('li').first()).toBeVisible();

  // Alt+B opens the blacklist form on what must be chosen, its reason; Esc leaves it from there.
  await page.keyboard.press('Alt+B');
  await expect(banner.locator('select[name="reason"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(banner.locator('form.risk-form')).toHaveCount(0);

  await page.keyboard.press('Alt+R');
  await page.keyboard.type('老客户，电话核实过');
  await page.keyboard.press('Enter');
  await expect(banner.getByTestId('risk-held')).toHaveCount(0);
  await expect(banner).toContainText('组长放行：老客户，电话核实过');

  await page.keyboard.press('Alt+5');
  const add = page.getByTestId('blacklist-add');
  await add.locator('input[name="value"]').fill('13800138000');
  // No reason is put on a customer by default: the entry waits until one is chosen.
  await expect(add.locator('select[name="reason"]:invalid')).toHaveCount(1);
  await add.getByRole('button', { name: '添加' }).click();
  await expect(page.getByTestId('blacklist-table')).toHaveCount(0);
  await add.locator('select[name="reason"]').selectOption('professional_complainer');
  await add.getByRole('button', { name: '添加' }).click();
  await expect(page.getByTestId('blacklist-table')).toContainText('13800138000');
  await expect(page.getByTestId('blacklist-table')).toContainText('职业打假人');
  // Removing asks once more on the same button; a second press removes.
  const table = page.getByTestId('blacklist-table');
  await table.getByRole('button', { name: '移除' }).click();
  await expect(table).toContainText('13800138000');
  await table.getByRole('button', { name: '确认移除？' }).click();
  await expect(page.getByTestId('notice')).toContainText('移除');
  await expect(table).toHaveCount(0);

  await page.keyboard.press('Alt+6');
  await expect(page.getByTestId('risk-settings')).toBeVisible();
  await page.getByTestId('risk-settings').getByRole('button', { name: '保存并重新筛查' }).click();
  await expect(page.getByTestId('notice')).toContainText('风险规则已保存');
});
