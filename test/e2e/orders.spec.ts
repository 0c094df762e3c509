import { expect, test } from '@playwright/test';
import type { RunningHost } from './host';
import { startDemoDesk } from './pages/app';

/**
 * The Orders screen by keyboard, as a team lead uses it: a number typed as the caller reads it out
 * finds the order; a search with no match says so and offers to clear it; Esc closes the order
 * drawer and the focus returns to the row; the demo data is not added to a store in use without
 * asking; closing the import panel puts the focus back on its button.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('search, no-match, drawer and demo question on the Orders screen; problems named at their field in Settings', async ({ page }) => {
  host = await startDemoDesk(page);
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+2');
  const rows = page.getByTestId('order-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The screen opens on its search box; ↓ goes into the list, ↑ back up.
  const searchBox = page.getByLabel('搜索订单号、姓名或电话');
  await expect(searchBox).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(searchBox).toBeFocused();
  // The first order's number, written the way a caller reads it out.
  const phone = (await rows.first().locator('td').nth(4).innerText()).trim();
  const spoken = `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)} ${phone.slice(7)}`;
  const search = page.getByLabel('搜索订单号、姓名或电话');
  await search.fill(spoken);
  await expect(rows.first().locator('td').nth(4)).toHaveText(phone);

  // Nothing matches: said so (not "no orders yet"), with a way back.
  await search.fill('没有这个人');
  await expect(page.getByTestId('orders-empty')).toHaveText(/没有符合条件的订单/);
  await page.getByTestId('orders-clear-filters').click();
  await expect(search).toHaveValue('');
  await expect(rows.first()).toBeVisible();

  // Open an order by keyboard, close it with Esc: the focus is back on its row.
  await rows.nth(1).focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('order-detail');
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(rows.nth(1)).toBeFocused();

  // The demo again on a store in use: asked first, with the count; Esc leaves everything as it was.
  await page.getByTestId('load-demo').click();
  const ask = page.getByTestId('demo-confirm');
  await expect(ask).toContainText('店里已有 120 个订单');
  await expect(page.getByTestId('demo-confirm-yes')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  // Nothing was loaded again (a load would show its summary here).
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  await expect(page.getByTestId('load-demo')).toBeEnabled();

  // Closing the import panel returns the focus to the button that opened it.
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-flow')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-flow')).toHaveCount(0);
  await expect(page.getByTestId('import-open')).toBeFocused();

  // Settings: a wrong field is named, marked and given the focus; a web address is no dial address.
  await page.keyboard.press('Alt+3');
  const rules = page.getByTestId('queue-rules');
  const end = rules.locator('input[name="callingEnd"]');
  await end.fill('25:00');
  await rules.locator('input[name="dialUri"]').focus();
  await page.keyboard.press('Enter');
  await expect(rules.getByRole('alert')).toContainText('外呼时间');
  await expect(end).toBeFocused();
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(rules.getByTestId('saved-note')).toHaveText('');
  await end.fill('21:00');
  await rules.locator('input[name="dialUri"]').fill('http://example.test/{phone}');
  await page.keyboard.press('Enter');
  await expect(rules.getByRole('alert')).toContainText('tel:、sip:、sips: 或 callto:');
  await expect(rules.locator('input[name="dialUri"]')).toBeFocused();
});
