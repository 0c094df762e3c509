import { expect, test, type Page } from '@playwright/test';
import { type RunningHost } from './host';
import { deskWithOrders, holdCalls, shopTime, upsellAtOnce } from './pages/app';

/**
 * What the keyboard lands on: a reason the script chose for the agent has the focus, not the first
 * reason beside it; the objection key reads as the key that opens them; the import's file picker
 * is a readable button.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** A store holding one order row, opened in the browser, set up, calls allowed. */
async function deskWithOrder(page: Page, row: string): Promise<void> {
  host = await deskWithOrders(page, [row]);
}

test('the focus sits on the reason the script chose; the objection key and the file picker read right', async ({ page }) => {
  await deskWithOrder(page, `F-R1,李建国,13900139002,四川省,成都市,武侯区,科华北路65号2栋1单元602,鲍鱼罐头,4罐,1,99.00,货到付款,${shopTime(3_600_000)},已取消`);

  // The file picker (a label dressed as the primary button) is not white on white.
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: '导入订单…' }).click();
  const picker = page.locator('.import-pick label.button');
  await expect(picker).toHaveText('选择文件…');
  const colours = await picker.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  expect(colours[0]).not.toBe(colours[1]);
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-R1');
  // "O" stands by the word it opens, not after "then the number".
  await expect(page.locator('.objections > .muted')).toHaveText('异议处理 O · 按 O 再按数字');

  // The script ends on "not won back: found it cheaper": that reason is ticked and has the focus.
  // (Its keys work once the card's script has loaded.)
  await expect(page.getByTestId('script-panel').locator('[data-step]')).toBeVisible();
  for (const answer of ['Shift+Digit1', 'Shift+Digit3', 'Shift+Digit2']) await page.keyboard.press(answer);
  const form = page.getByTestId('outcome-form');
  await expect(form).toContainText('未挽回');
  const cheaper = form.locator('[data-reason="found_cheaper"]');
  await expect(cheaper).toHaveAttribute('aria-checked', 'true');
  await expect(cheaper).toBeFocused();
});

test('the script ending on the outcome already open ticks its reason there too', async ({ page }) => {
  await deskWithOrder(page, `F-R2,李建国,13900139002,四川省,成都市,武侯区,科华北路65号2栋1单元602,鲍鱼罐头,4罐,1,99.00,货到付款,${shopTime(3_600_000)},已取消`);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-R2');
  await expect(page.getByTestId('script-panel').locator('[data-step]')).toBeVisible();
  // The agent hears "no" early and opens "not won back" (2) with no reason yet…
  await page.keyboard.press('2');
  const form = page.getByTestId('outcome-form');
  await expect(form).toContainText('未挽回');
  await expect(form.locator('[aria-checked="true"]')).toHaveCount(0);
  await form.locator('input[name="note"]').fill('比价后没要');
  // …then keys the script on to its end, "found it cheaper": that reason is ticked, the note kept.
  await form.locator('input[name="note"]').blur();
  for (const answer of ['Shift+Digit1', 'Shift+Digit3', 'Shift+Digit2']) await page.keyboard.press(answer);
  const cheaper = form.locator('[data-reason="found_cheaper"]');
  await expect(cheaper).toHaveAttribute('aria-checked', 'true');
  await expect(cheaper).toBeFocused();
  await expect(form.locator('input[name="note"]')).toHaveValue('比价后没要');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('F-R2');
});

test('a script that ends on an outcome leaves J/K to the script; an upsell on an order paid online says what is still to pay', async ({ page }) => {
  await deskWithOrder(page, `F-P1,王秀兰,13900139003,浙江省,杭州市,西湖区,文三路90号1幢302,鲍鱼罐头,4罐,1,99.00,在线支付,${shopTime(3_600_000)},已付款`);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-P1');
  // The script walked to its end (it is them, address right, package right, on, on, no WeChat): the
  // end step picks "confirmed" and the focus is on Record, so K still steps the script back.
  await expect(page.getByTestId('script-panel').locator('[data-step]')).toBeVisible();
  for (const answer of ['Shift+Digit1', 'Shift+Digit1', 'Shift+Digit1', 'Shift+Digit1', 'Shift+Digit1', 'Shift+Digit2']) await page.keyboard.press(answer);
  const script = page.getByTestId('script-panel').locator('[data-step]');
  await expect(script).toHaveAttribute('data-step', 'end_confirmed');
  await expect(page.getByTestId('outcome-form').getByRole('button', { name: /保存结果/ })).toBeFocused();
  // O then a digit where no objection answer is offered picks nothing: the outcome the script chose
  // stays (the digit fell through to the outcome keys and recorded the opposite).
  const picked = await page.locator('button.outcome.selected').textContent();
  await page.keyboard.press('o');
  await page.keyboard.press('3');
  await expect(page.locator('button.outcome.selected')).toHaveText(picked!);
  await page.keyboard.press('k');
  await expect(script).toHaveAttribute('data-step', 'wechat');
  // J steps forward again over what K took back (it did nothing on a step with answers).
  await page.keyboard.press('j');
  await expect(script).toHaveAttribute('data-step', 'end_confirmed');
  await page.keyboard.press('k');
  await expect(script).toHaveAttribute('data-step', 'wechat');
  await expect(page.getByTestId('outcome-form').locator('input[name="note"]')).toHaveValue('');
  await page.keyboard.press('Escape');

  // No answer, a note typed — then the customer picks up: the note stays with the new outcome.
  await page.keyboard.press('q');
  await page.getByTestId('outcome-form').locator('input[name="note"]').fill('客户说下午三点后方便');
  await page.getByTestId('outcome-form').locator('input[name="note"]').press('Escape');
  await expect(page.getByTestId('outcome-form')).toHaveCount(0);

  // Confirmed, with the pack's bundle added on the same call.
  await page.keyboard.press('1');
  const form = page.getByTestId('outcome-form');
  await expect(form.locator('input[name="note"]')).toHaveValue('客户说下午三点后方便');
  await form.locator('input[name="upsell"][value="upsell_accepted"]').check();
  await expect(form.getByTestId('offer-total')).toHaveText('订单新总价：¥169.00 · 已在线支付 ¥99.00，还需补 ¥70.00');

  // Declined instead: its reasons take the focus, so a digit picks one (it used to be typed into the note).
  await form.locator('input[name="upsell"][value="upsell_declined"]').check();
  const reasons = form.locator('fieldset.reasons[data-group="upsell"]');
  await expect(reasons.locator('button').first()).toBeFocused();
  // A note first, then Enter with no reason: said, and the focus goes back to the reasons.
  await form.locator('input[name="note"]').fill('客户说再看看');
  await page.keyboard.press('Enter');
  await expect(form).toContainText('请选择原因');
  await expect(reasons.locator('button').first()).toBeFocused();
  await page.keyboard.press('2');
  await expect(reasons.locator('[aria-checked="true"]')).toHaveCount(1);
  await expect(reasons.locator('[aria-checked="true"]')).toBeFocused();
  await expect(form.locator('input[name="note"]')).toHaveValue('客户说再看看');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toBeVisible();
});


test('the same customer\'s next card of another flow says the keys have changed', async ({ page }) => {
  // One buyer, two orders: a new one to verify and a cancelled one to win back.
  await deskWithOrder(
    page,
    [
      `F-S1,赵雪,13900139005,浙江省,杭州市,西湖区,文三路90号1幢302,鲍鱼罐头,4罐,1,99.00,货到付款,${shopTime(3_600_000)},待审核`,
      `F-S2,赵雪,13900139005,浙江省,杭州市,西湖区,文三路90号1幢302,鲍鱼罐头,4罐,1,99.00,货到付款,${shopTime(7_200_000)},已取消`,
    ].join('\n'),
  );
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-S1');
  await expect(page.getByTestId('flow-switch')).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await page.keyboard.press('Enter');
  // Still on the line: the cancelled order comes next, and the card says its keys are recover's.
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-S2');
  await expect(page.getByTestId('flow-switch')).toContainText('还是这位客户，接着是「挽单」（刚才是核单）');

  // Mid-note, a caller nobody can find: Esc on the caller box goes back to the note, note intact.
  await page.keyboard.press('1');
  const note = page.getByTestId('outcome-form').locator('input[name="note"]');
  await note.fill('客户说下周再说');
  await note.press('Tab');
  await page.keyboard.press('i');
  await page.getByTestId('inbound-query').fill('13800000001');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toBeVisible();
  await page.getByTestId('inbound-query').press('Escape');
  await expect(page.getByTestId('inbound-call')).toHaveCount(0);
  await expect(page.getByTestId('outcome-form')).toBeVisible();
  await expect(note).toHaveValue('客户说下周再说');
  await expect(page.locator('form[data-testid="outcome-form"] :focus')).toHaveCount(1);
  // F while an outcome is being recorded: the tab stays, and the agent is told why.
  await page.keyboard.press('f');
  await expect(page.getByTestId('notice')).toContainText('再按 F 切换业务');
  await expect(page.locator('[data-flow-filter="all"]')).toHaveAttribute('aria-selected', 'true');

  // A reload mid-script comes back to the step reached, and to the flow tab chosen.
  await page.locator('[data-flow-filter="recover"]').click();
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-S2');
  const step = page.getByTestId('script-panel').locator('[data-step]');
  const first = await step.getAttribute('data-step');
  await page.locator('body').click();
  await page.keyboard.press('Shift+Digit1');
  await expect(step).not.toHaveAttribute('data-step', first!);
  const reached = await step.getAttribute('data-step');
  await page.reload();
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-S2');
  await expect(step).toHaveAttribute('data-step', reached!);
  await expect(page.locator('[data-flow-filter="recover"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('outcome-form').locator('input[name="note"]')).toHaveValue('客户说下周再说');
});

test('an upsell picked before the pack\'s bundles have loaded takes the bundle once they arrive', async ({ page }) => {
  await deskWithOrder(page, `F-U1,孙丽,13900139006,浙江省,杭州市,西湖区,文三路90号1幢302,晚安冻膜,5盒,1,99.00,货到付款,${shopTime(3_600_000)},待审核`);
  await upsellAtOnce(page);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-order-no', 'F-U1');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-flow', 'verify');

  // From here the upsell script and its bundles are held back, as on a slow or busy machine.
  const upsellScript = await holdCalls(page, 'getCardScript', (a) => a.flow === 'upsell');
  await page.keyboard.press('1');
  const form = page.getByTestId('outcome-form');
  await form.getByRole('radio', { name: '未推荐' }).check();
  await form.locator('input[name="note"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-card')).toHaveAttribute('data-flow', 'upsell');

  // The agent is quicker than the pack: "upsell accepted" opens with only their own offer to write.
  await expect.poll(upsellScript.held).toBeGreaterThan(0);
  await page.keyboard.press('1');
  await expect(form).toContainText('加单成功');
  await expect(form.locator('input[name="offerProduct"]')).toBeVisible();
  upsellScript.release();
  // The bundle arrives: it is chosen and has the focus, and Enter records it.
  const bundle = form.getByRole('radio', { name: /10盒周期装/ });
  await expect(bundle).toBeChecked();
  await expect(bundle).toBeFocused();
  await expect(form.getByTestId('offer-total')).toContainText('¥169.00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('加单成功');
});
