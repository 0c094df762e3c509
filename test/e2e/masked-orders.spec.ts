import { expect, test, type Page } from '@playwright/test';
import type { RunningHost } from './host';
import { giveRoles, startDemoDesk } from './pages/app';

/**
 * The Orders screen of a session without the agent role: a team lead alone blacklists a buyer from
 * an order whose number is masked, and the risk beside it says so with the number masked too; a
 * trainer alone reads the same evidence and is offered no blacklisting.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function signInAs(page: Page, role: '组长' | '培训') {
  await page.keyboard.press('Alt+3');
  const form = page.locator('form.settings-form').first();
  for (const r of ['坐席', '组长', '培训']) {
    const box = form.locator('label.check', { hasText: r }).locator('input');
    if ((await box.isChecked()) !== (r === role)) await box.click();
  }
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(form.getByTestId('saved-note')).toContainText('设置已保存');
}

test('a lead alone blacklists from a masked order; the risk evidence is masked; a trainer alone is offered no blacklisting', async ({ page }) => {
  host = await startDemoDesk(page);
  await signInAs(page, '组长');
  await page.keyboard.press('Alt+2');
  await page.getByTestId('risk-filter').selectOption('held');
  const row = page.getByTestId('order-table').locator('tbody tr').first();
  await expect(page.getByTestId('order-table').locator('tbody tr').filter({ hasNotText: '暂停' })).toHaveCount(0);
  const phone = (await row.locator('td').nth(4).innerText()).trim();
  expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  await row.click();
  const drawer = page.getByTestId('order-detail');
  await expect(drawer.getByTestId('risk-banner')).toBeVisible();
  await page.keyboard.press('Alt+B');
  await drawer.getByRole('combobox').selectOption('fraud');
  await drawer.getByRole('button', { name: '确定' }).click();
  // The new fact names the number as the order beside it does, never whole.
  const fact = drawer.locator('[data-rule="blacklist_hit"]');
  await expect(fact).toContainText(`手机号 ${phone} 在黑名单上`);
  await expect(drawer.getByTestId('risk-facts')).not.toContainText(/\d{11}/);

  const orderNo = await drawer.locator('header strong').innerText();
  // A trainer alone: roles are given by a lead, and this store's only lead cannot drop the role here.
  await giveRoles(page, host, ['trainer']);
  await page.keyboard.press('Alt+2');
  await page.getByLabel('搜索订单号、姓名或电话').fill(orderNo);
  await page.getByTestId('order-table').locator('tbody tr').first().click();
  await expect(drawer.locator('[data-rule="blacklist_hit"]')).toContainText(phone);
  await expect(drawer.getByRole('button', { name: /加入黑名单/ })).toHaveCount(0);
});
