import { expect, test, type Locator } from '@playwright/test';
import type { RunningHost } from './host';
import { startDemoDesk } from './pages/app';

/**
 * The notice under the menu, as an agent mid-call meets it on a 1366×768 laptop: it never pushes
 * the card, it never covers the screen's controls, and an error goes once the next thing the agent
 * does works — or when they close it (× or Esc) — while a confirmation goes by itself.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test('a notice never moves the card; an error stays until the next action works, × or Esc', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  host = await startDemoDesk(page);
  // Headless Chromium has no softphone for the tel: link: the hand-off to the system alone is stubbed out.
  await page.evaluate(() => {
    HTMLAnchorElement.prototype.click = () => undefined;
  });
  await page.keyboard.press('Alt+1');
  const card = page.getByTestId('call-card');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('script-panel')).toBeVisible();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveCount(0);
  const outcomes = page.getByRole('region', { name: '通话结果' });
  const where = async () => ({
    tabs: await box(page.getByRole('tablist')),
    dial: await box(page.getByTestId('dial')),
    outcomes: await box(outcomes),
    firstOutcome: await box(outcomes.locator('[data-outcome]').first()),
  });
  const before = await where();

  // A caller nobody ordered with: an error. The caller box closes (its Esc), the error stays.
  await page.keyboard.press('i');
  await page.getByTestId('inbound-query').fill('13000000000');
  await page.keyboard.press('Enter');
  await expect(notice).toContainText('没有找到号码或订单号为“13000000000”的订单');
  await expect(notice).toHaveAttribute('role', 'alert');
  await page.getByTestId('inbound-query').press('Escape');
  await expect(page.getByTestId('inbound-call')).toHaveCount(0);
  await expect(notice).toHaveAttribute('role', 'alert');
  // Nothing on the screen moved, and the notice sits above all of it.
  expect(await where()).toEqual(before);
  expect((await box(notice)).y + (await box(notice)).height).toBeLessThanOrEqual(before.tabs.y);

  // The next thing the agent does works (dialling the card's customer): the error has had its day.
  await page.keyboard.press('d');
  await expect(page.getByTestId('talk-timer')).toBeVisible();
  await expect(notice).toHaveCount(0);

  // With an outcome open: one Esc closes the error, the next one puts the outcome away.
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await page.getByTestId('inbound-open').click();
  await page.getByTestId('inbound-query').fill('13000000001');
  await page.keyboard.press('Enter');
  await expect(notice).toHaveAttribute('role', 'alert');
  await page.getByTestId('inbound-query').press('Escape');
  await expect(page.getByTestId('inbound-call')).toHaveCount(0);
  await expect(notice).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('outcome-form')).toHaveCount(0);

  // Or its close button, which the caller box beside it does not mind.
  await page.keyboard.press('i');
  await page.getByTestId('inbound-query').fill('13000000002');
  await page.keyboard.press('Enter');
  await expect(notice).toHaveAttribute('role', 'alert');
  await notice.getByRole('button', { name: '关闭提示' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('inbound-call')).toBeVisible();
  await page.getByTestId('inbound-query').press('Escape');

  // The same with the script's objections armed (O): the first Esc is the error's, the next theirs.
  await page.keyboard.press('o');
  const objections = page.locator('.objections');
  await expect(objections).toHaveClass(/armed/);
  await page.getByTestId('inbound-open').click();
  await page.getByTestId('inbound-query').fill('13000000003');
  await page.keyboard.press('Enter');
  await expect(notice).toHaveAttribute('role', 'alert');
  await page.getByTestId('inbound-query').press('Escape');
  await expect(page.getByTestId('inbound-call')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);
  await expect(objections).toHaveClass(/armed/);
  await page.keyboard.press('Escape');
  await expect(objections).not.toHaveClass(/armed/);

  // A recorded outcome is confirmed above the next card, which opens exactly where this one was;
  // the confirmation goes by itself.
  const first = await card.getAttribute('data-order-no');
  await page.keyboard.press('q');
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card).not.toHaveAttribute('data-order-no', first!);
  await expect(notice).toContainText(`已记录 ${first}：无人接听`);
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('script-panel')).toBeVisible();
  expect(await where()).toEqual(before);
  await expect(notice).toHaveCount(0, { timeout: 15_000 });
});
