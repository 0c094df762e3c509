import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { screenshotPath, type RunningHost } from './host';
import { startDemoDesk } from './pages/app';

/**
 * A trainer's day with script packs: the card runs the shipped default script (answers by key,
 * objections one key away); a broken pack file shows its problems in place and cannot be
 * activated; a new version loaded from a file and activated is what the next card says.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const DEFAULT_PACK = readFileSync('resources/packs/default.yaml', 'utf8');
/** The shipped default pack's version: what a new workstation runs. */
const SHIPPED = /^version: (\S+)$/m.exec(DEFAULT_PACK)![1];
/** Version 9.1.0 of the default pack, with the greeting reworded so the card shows which one it runs. */
const NEW_VERSION = DEFAULT_PACK.replace(/^version: .*$/m, 'version: 9.1.0').replaceAll('的客服{{agent.name}}', '的新版客服{{agent.name}}');
const BROKEN = DEFAULT_PACK.replace(/^version: .*$/m, 'version: 9.2.0').replace('        next: expectations\n', '        next: expectation\n');

async function loadPackFile(page: Page, name: string, text: string) {
  await page.getByTestId('pack-file').setInputFiles({ name, mimeType: 'text/yaml', buffer: Buffer.from(text, 'utf8') });
}

async function cardOrderNo(page: Page): Promise<string> {
  const card = page.getByTestId('call-card');
  await expect(card).toBeVisible();
  return (await card.getAttribute('data-order-no'))!;
}

test('load a new pack version from a file, activate it, and the next card uses it', async ({ page }) => {
  host = await startDemoDesk(page);

  // The card runs the default pack's verify script.
  await page.keyboard.press('Alt+1');
  const first = await cardOrderNo(page);
  const panel = page.getByTestId('script-panel');
  await expect(panel).toContainText(`default ${SHIPPED}`);
  const step = panel.getByTestId('script-step');
  await expect(step).toContainText('好物优选的客服王婷');
  const opening = await panel.locator('[data-step]').getAttribute('data-step');
  expect(['greet', 'careful_greet']).toContain(opening);
  // The customer says it is them (Shift+1): the script moves on to the address.
  await page.keyboard.press('Shift+Digit1');
  await expect(panel.locator('[data-step]')).not.toHaveAttribute('data-step', opening!);
  // An objection is one key away (O, then its number), and K goes back.
  await page.keyboard.press('o');
  await page.keyboard.press('Digit1');
  await expect(panel.getByTestId('objection-answer')).toContainText('活动价');
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(panel.locator('[data-step]')).toHaveAttribute('data-step', opening!);
  await page.screenshot({ path: screenshotPath('script-card') });

  // The trainer's workspace (Alt+4): a broken file is listed with line and column, and refused.
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('scripts')).toBeVisible();
  await expect(page.getByTestId('active-packs')).toContainText(`default ${SHIPPED}`);
  await loadPackFile(page, 'broken.yaml', BROKEN);
  await expect(page.getByTestId('notice')).toContainText('不能启用');
  const problems = page.getByTestId('pack-problems');
  const badLine = BROKEN.split('\n').findIndex((l) => l === '        next: expectation') + 1;
  const row = problems.locator(`tr[data-code="unknown_step"]`);
  await expect(row).toContainText('核单话术里没有「expectation」这一步');
  await expect(row).toHaveAttribute('data-line', String(badLine));
  // The first problem has the focus (it fell to the page); Tab goes from problem to problem.
  await expect(problems.locator('tr.issue-row').first()).toBeFocused();
  await expect(page.getByTestId('pack-source').locator(`[data-line="${badLine}"]`)).toHaveClass(/bad/);
  const broken = page.getByTestId('pack-versions').locator('tr[data-version="9.2.0"]');
  await expect(broken).toContainText('处问题');
  await broken.getByTestId('open-version').click();
  await expect(page.getByTestId('activate')).toBeDisabled();

  // A good new version: load, preview, activate for every product.
  await loadPackFile(page, 'default-9.1.0.yaml', NEW_VERSION);
  await expect(page.getByTestId('notice')).toContainText('已载入 default 9.1.0');
  const preview = page.getByTestId('pack-preview');
  await expect(preview).toContainText('default 9.1.0');
  await expect(preview.getByTestId('script-step')).toContainText('新版客服');
  await preview.locator('select[name="locale"]').selectOption('en');
  await expect(preview.getByTestId('script-step')).toContainText('customer service');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('scripts') });
  await page.getByTestId('activate').click();
  await expect(page.getByTestId('notice')).toContainText('default 9.1.0 已在「所有商品（默认）」启用');
  await expect(page.getByTestId('active-packs')).toContainText('default 9.1.0');

  // Back on the card: record it (no answer), and the next card speaks the new version.
  await page.keyboard.press('Alt+1');
  expect(await cardOrderNo(page)).toBe(first);
  await expect(panel).toContainText('default 9.1.0');
  await page.keyboard.press('q');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-card')).not.toHaveAttribute('data-order-no', first);
  await expect(panel).toContainText('default 9.1.0');
  await expect(panel.getByTestId('script-step')).toContainText('好物优选的新版客服王婷');

  // The workspace lists the recorded call with the version it used (the card reopened after the
  // activation, so the agent already followed 9.1.0 on it).
  await page.keyboard.press('Alt+4');
  await page.getByTestId('pack-versions').locator('tr[data-version="9.1.0"]').getByTestId('open-version').click();
  const calls = page.getByTestId('pack-calls');
  await expect(calls).toContainText(first);
  await expect(calls).toContainText('default 9.1.0');

  // Roll back: the default is the shipped version again.
  await page.getByTestId('active-packs').locator('tr[data-scope="*"]').getByTestId('rollback').click();
  await expect(page.getByTestId('notice')).toContainText(`已回到 default ${SHIPPED}`);
});

/** A pack written for one product only (the default pack's words, as a trainer copies them). */
const ABALONE = DEFAULT_PACK.replace(/^id: .*$/m, 'id: abalone')
  .replace(/^version: .*$/m, 'version: 1.0.0')
  .replace('\nlocales: [zh-CN, zh-TW, en]\n', '\nlocales: [zh-CN, zh-TW, en]\nproducts: [鲍鱼罐头]\n');
const CHECKS = (locale: string) => (JSON.parse(readFileSync(`shared/i18n/locales/${locale}/packs.json`, 'utf8')) as { packs: { checks: Record<string, string> } }).packs.checks;

test("a trainer's review: the load button by keyboard, the guide shipped with the app, a product pack only for its products, the preview in its language, real orders", async ({ page }) => {
  host = await startDemoDesk(page);
  // A real order waiting for its verify call (not shipped).
  await page.keyboard.press('Alt+1');
  const pending = await cardOrderNo(page);
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('scripts')).toBeVisible();

  // "Load a pack file…" is a button in the tab order, with the focus ring, and Enter opens the file dialog.
  // Listening first: Playwright starts catching file dialogs only once asked to, and that takes a moment.
  const chooser = page.waitForEvent('filechooser');
  const load = page.getByRole('button', { name: '载入话术包文件…' });
  await page.getByTestId('scripts').getByRole('heading', { name: '话术包', exact: true }).click();
  await page.keyboard.press('Tab');
  await expect(load).toBeFocused();
  await expect(load).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'abalone.yaml', mimeType: 'text/yaml', buffer: Buffer.from(ABALONE, 'utf8') });
  await expect(page.getByTestId('notice')).toContainText('已载入 abalone 1.0.0');

  // Written for 鲍鱼罐头: offered for it alone, preselected; "all products" is not on the list.
  const row = page.getByTestId('activate-row');
  await expect(row.locator('select[name="scope"] option')).toHaveText(['鲍鱼罐头']);
  await expect(row.locator('select[name="scope"]')).toHaveValue('鲍鱼罐头');
  await expect(row.getByTestId('products-only')).toContainText('鲍鱼罐头');
  await row.getByTestId('activate').click();
  await expect(page.getByTestId('notice')).toContainText('abalone 1.0.0 已在「鲍鱼罐头」启用');
  await expect(page.getByTestId('active-packs').locator('tr[data-scope="*"]')).toContainText(`default ${SHIPPED}`);
  // The shipped default (for any product) still offers "all products" first.
  await page.getByTestId('pack-versions').locator('tr[data-pack="default"]').getByTestId('open-version').click();
  await expect(row.locator('select[name="scope"]')).toHaveValue('*');
  await page.getByTestId('pack-versions').locator('tr[data-pack="abalone"]').getByTestId('open-version').click();
  await expect(row.locator('select[name="scope"]')).toHaveValue('鲍鱼罐头');

  // How to write a pack travels with the app: the guide, the default pack as the example, the schema.
  const guide = page.getByTestId('pack-guide');
  for (const [button, name, check] of [
    ['格式说明', 'script-packs.md', (text: string) => expect(text).toContain('# Script packs')],
    ['完整示例：默认话术包', 'default.yaml', (text: string) => expect(text).toBe(DEFAULT_PACK)],
    ['编辑器自动补全文件', 'script-pack.schema.json', (text: string) => expect(JSON.parse(text)).toHaveProperty('$schema')],
  ] as const) {
    const download = page.waitForEvent('download');
    await guide.getByRole('button', { name: button }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(name);
    check(readFileSync((await d.path())!, 'utf8'));
  }

  // The preview in English is English throughout: the checklist, "Back" and "Objections" too.
  const preview = page.getByTestId('pack-preview');
  await preview.locator('select[name="locale"]').selectOption('en');
  await expect(preview.getByTestId('script-step')).toContainText('customer service');
  const checklist = preview.locator('.checklist');
  await expect(checklist).toContainText(CHECKS('en').identityConfirmed);
  expect(await checklist.innerText()).not.toMatch(/\p{Script=Han}/u);
  await expect(preview.getByRole('button', { name: /^Back/ })).toBeVisible();
  await expect(preview.locator('.objections')).toContainText('Objections');
  await expect(preview.locator('.objections')).toContainText('Press O, then the number');
  // The O key badge is a letter, drawn in the text font (in the key font it read as a zero).
  const oKey = preview.locator('kbd.key-letter');
  await expect(oKey).toHaveText('O');
  expect(await oKey.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/mono/i);
  // 繁體中文: the checklist in traditional characters, not simplified.
  await preview.locator('select[name="locale"]').selectOption('zh-TW');
  await expect(checklist).toContainText(CHECKS('zh-TW').identityConfirmed);
  await expect(checklist).not.toContainText(CHECKS('zh-CN').identityConfirmed);
  await expect(preview.getByRole('button', { name: /^返回上一步/ })).toBeVisible();
  await preview.locator('select[name="locale"]').selectOption('zh-CN');

  // A real order by its number: Enter uses it.
  const sample = preview.locator('select[name="sample"]');
  const orderNo = preview.locator('input[name="orderNo"]');
  await orderNo.fill(pending);
  await orderNo.press('Enter');
  await expect(sample).toHaveValue('order');
  await expect(preview.getByTestId('preview-misfit')).toHaveCount(0);
  // The box lets go: the script's keys walk the script instead of typing into the number.
  await expect(orderNo).not.toBeFocused();
  await page.keyboard.press('Shift+1');
  await expect(orderNo).toHaveValue(pending);
  // A track call of an order not yet shipped: said plainly, not spoken as if it were delivered.
  await preview.locator('select[name="flow"]').selectOption('track');
  await expect(preview.getByTestId('preview-misfit')).toContainText(`订单 ${pending} 现在是「待核单」`);
  // The built-in sample fits every flow: no warning.
  await sample.selectOption('plain');
  await expect(preview.getByTestId('preview-misfit')).toHaveCount(0);
  await sample.selectOption('order');
  await expect(preview.getByTestId('preview-misfit')).toBeVisible();

  // An unknown number: the previous order leaves the screen; the preview says it is on the sample.
  await orderNo.fill('DD-NOPE-123');
  await orderNo.press('Enter');
  await expect(preview.getByTestId('preview-order-missing')).toContainText('找不到订单 DD-NOPE-123');
  await expect(sample).toHaveValue('held');
  await expect(sample.locator('option', { hasText: pending })).toHaveCount(0);
  await expect(preview.getByTestId('preview-misfit')).toHaveCount(0);
  await expect(preview.getByTestId('script-step')).not.toContainText(pending);

  // One tab used for indentation: one problem, on its line, saying what to do (it was eleven).
  const tabbed = ABALONE.replace(/^version: .*$/m, 'version: 1.0.1').replace('\n  - id: found_cheaper\n', '\n\t- id: found_cheaper\n');
  await loadPackFile(page, 'tabbed.yaml', tabbed);
  await expect(page.getByTestId('notice')).toContainText('tabbed.yaml 有 1 处问题');
  const problems = page.getByTestId('pack-problems').locator('tbody tr');
  await expect(problems).toHaveCount(1);
  await expect(problems).toHaveAttribute('data-line', String(tabbed.split('\n').indexOf('\t- id: found_cheaper') + 1));
  await expect(problems).toContainText('请把这一行开头的 Tab 换成空格');
  await page.screenshot({ path: screenshotPath('scripts-review'), fullPage: true });
});
