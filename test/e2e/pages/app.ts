import { expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/services/db/open';
import { zonedParts } from '../../../shared/time';
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

/** A Shanghai wall-clock time so long ago, as shop exports write it. */
export function shopTime(msAgo: number): string {
  const p = zonedParts(new Date(Date.now() - msAgo), 'Asia/Shanghai');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The command line over a data folder, as a lead or admin runs it; must succeed. */
export function cli(args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/callcard.mjs', ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

export const ORDER_HEADER = '订单编号,收货人,联系电话,省份,城市,区县,详细地址,商品名称,套餐,数量,订单金额,支付方式,下单时间,订单状态';

/** A store holding these order rows (imported by the command line, as a lead would), opened in the browser, set up, calls allowed. */
export async function deskWithOrders(page: Page, rows: string[]): Promise<RunningHost> {
  const dataDir = tempDataDir();
  const orders = join(dataDir, 'orders.csv');
  writeFileSync(orders, `\uFEFF${ORDER_HEADER}\n${rows.join('\n')}\n`);
  cli(['import', orders, '--data-dir', dataDir, '--json']);
  const host = await startHost(dataDir);
  await page.goto(host.url);
  await completeSetup(page);
  await allowCallsAllDay(page);
  return host;
}

/** Settings: the upsell call after a verify falls due at once (the page is on Settings). */
export async function upsellAtOnce(page: Page): Promise<void> {
  await page.getByTestId('queue-rules').locator('input[name="upsellDelay"]').fill('0');
  await page.getByTestId('queue-rules').getByRole('button', { name: '保存外呼规则' }).click();
  await expect(page.getByTestId('notice')).toContainText('设置已保存');
}

/**
 * Holds back the page's calls of one core method (those whose arguments match) until released, as
 * a slow or busy machine would answer them: what the agent does meanwhile is what is tested. With
 * `answered`, the core does the work at once and only its answer is held (slow on the way back).
 */
export async function holdCalls(page: Page, method: string, matches: (args: Record<string, unknown>) => boolean = () => true, opts: { answered?: boolean } = {}) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  await page.route(`**/api/${method}`, async (route) => {
    if (!matches((route.request().postDataJSON() ?? {}) as Record<string, unknown>)) return route.continue();
    held++;
    if (!opts.answered) {
      await gate;
      return route.continue();
    }
    const response = await route.fetch();
    await gate;
    await route.fulfill({ response });
  });
  return { release, held: () => held };
}
