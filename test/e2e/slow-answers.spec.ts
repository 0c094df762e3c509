import { expect, test } from '@playwright/test';
import { type RunningHost } from './host';
import { cli, deskWithOrders, holdCalls, shopTime } from './pages/app';

/**
 * The agent is quicker than the machine: answers that come back late (a busy machine, a slow
 * disk) must land where they belong, and a key pressed before them must not act on stale data.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const HOUR = 3_600_000;
const verifyRow = (no: string, name: string, phone: string, hoursAgo: number) =>
  `${no},${name},${phone},浙江省,杭州市,西湖区,文三路90号1幢302,晚安冻膜,5盒,1,99.00,货到付款,${shopTime(hoursAgo * HOUR)},待审核`;

test('the in-call upsell takes the pack\'s bundle that arrived after the form was opened', async ({ page }) => {
  host = await deskWithOrders(page, [verifyRow('S-U1', '孙丽', '13900139006', 1)]);
  const bundles = await holdCalls(page, 'getCardScript', (a) => a.flow === 'upsell');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'S-U1');
  // Confirmed is open before the bundles are known; then they come.
  await page.keyboard.press('1');
  const form = page.getByTestId('outcome-form');
  await expect(form).toContainText('确认');
  await expect.poll(bundles.held).toBeGreaterThan(0);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/getCardScript') && r.request().postDataJSON().flow === 'upsell');
  bundles.release();
  await answered;
  await form.getByRole('radio', { name: '加单成功' }).check();
  await expect(form.getByRole('radio', { name: /10盒周期装 → ¥169\.00/ })).toBeChecked();
  await form.locator('input[name="note"]').focus();
  await page.keyboard.press('Enter');
  // Recorded with the bundle (it used to ask for an offer to be written in, with the bundle ticked).
  await expect(page.getByTestId('notice')).toContainText('已记录 S-U1：确认无误 + 加单成功');
  await expect(form).toHaveCount(0);
  const listed = JSON.parse(cli(['orders', 'list', '--data-dir', host.dataDir, '--json'])) as { orders: { order_no: string; amount_fen: number }[] };
  expect(listed.orders.find((o) => o.order_no === 'S-U1')?.amount_fen).toBe(16900);
});

test('Enter in the orders search, pressed before the list for the number pasted is back, opens that customer', async ({ page }) => {
  host = await deskWithOrders(page, [verifyRow('S-A1', '周强', '13900139011', 1), verifyRow('S-B1', '吴敏', '13900139012', 2)]);
  await page.keyboard.press('Alt+2');
  const rows = page.getByTestId('order-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  // The newest order (another customer) heads the list on screen.
  await expect(rows.first()).toContainText('S-A1');
  const search = await holdCalls(page, 'listOrders', (a) => typeof a.query === 'string');
  await page.getByLabel('搜索订单号、姓名或电话').fill('139 0013 9012');
  await page.keyboard.press('Enter');
  await expect.poll(search.held).toBeGreaterThan(0);
  search.release();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('aria-label', 'S-B1');
});

test('O then a digit while the card\'s script is still loading opens no outcome', async ({ page }) => {
  host = await deskWithOrders(page, [verifyRow('S-O1', '郑洁', '13900139021', 1)]);
  const script = await holdCalls(page, 'getCardScript', (a) => a.flow === 'verify');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'S-O1');
  await expect.poll(script.held).toBeGreaterThan(0);
  // The agent hears an objection and reaches for it before the script is on screen.
  await page.keyboard.press('o');
  await page.keyboard.press('1');
  await expect(page.locator('button.outcome.selected')).toHaveCount(0);
  await expect(page.getByTestId('outcome-form')).toHaveCount(0);
  script.release();
  await expect(page.getByTestId('script-panel').locator('[data-step]')).toBeVisible();
  // The outcome keys work as ever once the script is there.
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-form')).toBeVisible();
});

test('a dial answered after the agent moved on does not mark the next card as dialled', async ({ page }) => {
  host = await deskWithOrders(page, [verifyRow('S-D1', '钱程', '13900139031', 2), verifyRow('S-D2', '冯雪', '13900139032', 1)]);
  await page.keyboard.press('Alt+1');
  const card = page.getByTestId('call-card');
  await expect(card).toHaveAttribute('data-order-no', 'S-D1');
  // The call is placed at once; what comes back to the page is slow (as a softphone can be to open).
  const dial = await holdCalls(page, 'dial', () => true, { answered: true });
  await page.keyboard.press('d');
  await expect.poll(dial.held).toBeGreaterThan(0);
  // No answer, recorded at once; the next card comes up while the softphone is still opening.
  await page.keyboard.press('q');
  await page.getByTestId('outcome-form').locator('input[name="note"]').focus();
  await page.keyboard.press('Enter');
  await expect(card).toHaveAttribute('data-order-no', 'S-D2');
  const finished = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/dial'));
  dial.release();
  await finished;
  // The page has read the answer and drawn what follows from it (two frames later).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(card.getByRole('button', { name: /拨号/ })).toHaveText(/^拨号/);
  // Its own dial works as ever.
  await page.keyboard.press('d');
  await expect(card.getByRole('button', { name: /拨号/ })).toHaveText(/^已拨号/);
});
