import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, tempDataDir, type RunningHost } from './host';
import { allowCallsAllDay, completeSetup } from './pages/app';

/**
 * The queue as an agent meets it between cards. The next card of a product the agent just called
 * about opens with its script in place (it opened on "loading" and grew under their eyes).
 * An agent waiting on an empty queue: the card promised for a time comes up at that time by itself
 * (the screen used to keep saying "next card at 05:42" past it until a key was pressed), and the
 * "look again" button has the focus, so Enter looks at once.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** A desk set up and open all day, with these orders imported by the command line (a lead's import). */
async function deskWithOrders(page: Page, csv: string): Promise<void> {
  host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);
  await allowCallsAllDay(page);
  leadImports(csv);
  await page.keyboard.press('Alt+1');
}

/** A lead imports a file into the same store from the command line while the agent works. */
function leadImports(csv: string): void {
  const orders = join(host.dataDir, `orders-${Date.now()}.csv`);
  writeFileSync(orders, csv);
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', 'import', orders, '--data-dir', host.dataDir, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

test('the empty screen brings the next card up when it falls due, without a key pressed', async ({ page }) => {
  await deskWithOrders(page, '订单编号,收货人,联系电话,省份,城市,详细地址,商品名称,套餐,订单金额,支付方式\nQ-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款\n');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'Q-1');

  // The customer asks to be called back in a few seconds (the API takes any future time; the
  // form's field has whole minutes).
  const due = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="callcard-token"]')!.content;
    const call = (method: string, args: unknown) =>
      fetch(`./api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-callcard-token': token }, body: JSON.stringify(args) }).then((x) => x.json());
    const next = await call('nextCard', {});
    const callbackAt = new Date(Date.now() + 8_000).toISOString();
    const done = await call('recordOutcome', { taskId: next.value.card.taskId, outcome: 'callback', callbackAt });
    return { ok: done.ok as boolean, callbackAt };
  });
  expect(due.ok).toBe(true);
  await page.reload();
  const empty = page.getByTestId('queue-empty');
  await expect(empty).toBeVisible();
  await expect(empty.getByRole('button', { name: '再看一次' })).toBeFocused();
  // No key, no click: the card is back once it is due.
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'Q-1', { timeout: 20_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(due.callbackAt));
});

test('the next card of the same product opens with its script, never on "loading"', async ({ page }) => {
  await deskWithOrders(
    page,
    '订单编号,收货人,联系电话,省份,城市,详细地址,商品名称,套餐,订单金额,支付方式,下单时间\n' +
      'S-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00\n' +
      'S-2,李娜,13800138012,江苏省,南京市,中山路18号7栋302,晚安冻膜,5盒,99.00,货到付款,2026-11-20 10:00\n',
  );
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'S-1');
  await expect(page.getByTestId('script-panel').locator('[data-step]')).toBeVisible();
  // From here on, any moment the panel says "loading" is noted.
  await page.evaluate(() => {
    const w = window as unknown as { sawLoading: boolean };
    w.sawLoading = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="script-panel"]')?.textContent?.includes('正在载入话术')) w.sawLoading = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // No answer on the first: the second customer's card, same product, comes next.
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'S-2');
  await expect(page.getByTestId('script-panel')).toContainText('李娜');
  expect(await page.evaluate(() => (window as unknown as { sawLoading: boolean }).sawLoading)).toBe(false);
});

test('a card an import closes mid-call steps aside for the next, saying why and what the note was', async ({ page }) => {
  const header = '订单编号,收货人,联系电话,省份,城市,详细地址,商品名称,套餐,订单金额,支付方式,下单时间,订单状态\n';
  await deskWithOrders(
    page,
    header +
      'G-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00,待发货\n' +
      'G-2,李娜,13800138012,江苏省,南京市,中山路18号7栋302,晚安冻膜,5盒,99.00,货到付款,2026-11-20 10:00,待发货\n',
  );
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'G-1');
  await page.keyboard.press('1');
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('下午三点后在家');
  // While the agent talks, the shop's next export says the buyer cancelled on the platform.
  leadImports(header + 'G-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00,已取消\n');
  await page.keyboard.press('Enter');
  // Said as the order moving on (it used to read "this card is already done" and stay on screen).
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('订单 G-1 在发出这张卡之后已有变化');
  await expect(notice).toContainText('下午三点后在家');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'G-2');
  // The next card takes its outcome as usual.
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(notice).toContainText('已记录 G-2');
});

test('an order changed by an import mid-call: the card shows it as it is now, the note and the pick kept, and Enter records', async ({ page }) => {
  const header = '订单编号,收货人,联系电话,省份,城市,详细地址,商品名称,套餐,订单金额,支付方式,下单时间,订单状态\n';
  await deskWithOrders(page, header + 'H-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00,待发货\n');
  const card = page.getByTestId('call-card');
  await expect(card).toHaveAttribute('data-order-no', 'H-1');
  await page.keyboard.press('1');
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('地址已念过');
  // The shop's next export moves the address while the agent is on the call.
  leadImports(header + 'H-1,周敏,13800138011,浙江省,杭州市,文一西路1号2幢303室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00,待发货\n');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('订单 H-1 在您通话期间被修改了');
  // The same card, with the new address, the outcome still picked and the note as typed.
  await expect(card).toContainText('文一西路1号2幢303室');
  await expect(page.getByTestId('outcome-form').locator('input[name="note"]')).toHaveValue('地址已念过');
  await page.getByTestId('outcome-form').locator('input[name="note"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('已记录 H-1');
});

test('a callback time typed straight from the quick picks goes into the time field', async ({ page }) => {
  const header = '订单编号,收货人,联系电话,省份,城市,详细地址,商品名称,套餐,订单金额,支付方式,下单时间,订单状态\n';
  await deskWithOrders(page, header + 'T-1,周敏,13800138011,浙江省,杭州市,文三路90号3幢201室,晚安冻膜,5盒,99.00,货到付款,2026-11-20 09:00,待发货\n');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'T-1');
  await page.keyboard.press('c');
  await expect(page.getByTestId('callback-presets').locator('[data-preset="in60"]')).toBeFocused();
  // 1540: it used to pick quick time 1, then quick time 4 (tomorrow morning).
  await page.keyboard.type('1540');
  const field = page.getByTestId('outcome-form').locator('input[name="callbackAt"]');
  await expect(field).toHaveValue('1540');
  await expect(field).toBeFocused();
  // A single digit is still a quick pick.
  await page.keyboard.press('Escape');
  await page.keyboard.press('c');
  await page.keyboard.press('2');
  await expect(page.getByTestId('callback-presets').locator('[aria-checked="true"]')).toBeFocused();
  await expect(field).not.toHaveValue('2');
});
