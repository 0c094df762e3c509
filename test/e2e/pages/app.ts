import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/services/db/open';
import { startHost, tempDataDir, type RunningHost } from '../host';

/** First-run setup as a new agent does it (zh-CN). */
export async function completeSetup(page: Page, agent = '王婷', shop = '好物优选'): Promise<void> {
  await expect(page.getByRole('heading', { name: '欢迎使用 Callcard' })).toBeVisible();
  await page.getByLabel('您的姓名').fill(agent);
  await page.getByLabel('店铺名称').fill(shop);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`${agent} · ${shop}`)).toBeVisible();
}

/**
 * Tests run at any hour; the lead opens calling hours to the whole day in Settings so that the
 * queue hands out cards (the calling-hours rule itself is covered by integration tests).
 */
export async function allowCallsAllDay(page: Page): Promise<void> {
  await page.keyboard.press('Alt+3');
  const rules = page.getByTestId('queue-rules');
  await rules.locator('input[name="callingStart"]').fill('00:00');
  await rules.locator('input[name="callingEnd"]').fill('24:00');
  await rules.getByRole('button', { name: '保存外呼规则' }).click();
  await expect(page.getByTestId('notice')).toContainText('设置已保存');
  // Said beside the button too: the notice at the top is out of sight from this form.
  await expect(rules.getByTestId('saved-note')).toContainText('设置已保存');
}

export async function loadDemo(page: Page): Promise<void> {
  await page.keyboard.press('Alt+2');
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('import-summary')).toContainText('新增');
}

/** A new workstation with the demo data, set up and open to calls all day: where most card tests start. */
export async function startDemoDesk(page: Page): Promise<RunningHost> {
  const host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);
  await allowCallsAllDay(page);
  await loadDemo(page);
  return host;
}

/**
 * Gives the workstation's user these roles in its store, as a lead elsewhere (or the server) would
 * — a user cannot take or drop roles alone, and the only lead cannot drop the lead role — then
 * reloads the page, which reads the session afresh.
 */
export async function giveRoles(page: Page, host: RunningHost, roles: string[]): Promise<void> {
  const db = openDatabase(join(host.dataDir, 'callcard.db'));
  try {
    db.prepare('UPDATE agents SET roles = ?').run(JSON.stringify(roles));
  } finally {
    db.close();
  }
  await page.reload();
  await expect(page.locator('nav')).toBeVisible();
}
