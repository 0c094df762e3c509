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
