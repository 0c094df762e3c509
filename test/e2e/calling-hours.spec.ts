import { expect, test } from '@playwright/test';
import { startHost, tempDataDir, type RunningHost } from './host';
import { completeSetup, loadDemo } from './pages/app';

/**
 * The call cards screen outside calling hours, as a newcomer meets it in the evening: with nothing
 * waiting it gives the hours as a hint (not "0 cards are waiting"); with cards waiting it says how
 * many and when calls start again, the Chinese sentences one after the other.
 */
let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const pad = (n: number) => String(n).padStart(2, '0');

test('outside calling hours: the hours as a hint when nothing waits, the count and the restart when cards do', async ({ page }) => {
  host = await startHost(tempDataDir());
  await page.goto(host.url);
  await completeSetup(page);

  // A calling window an hour or more away from now, in the business zone (Asia/Shanghai).
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const start = hour + 3 <= 23 ? hour + 2 : 1;
  const window = { start: `${pad(start)}:00`, end: `${pad(start + 1)}:00` };
  await page.keyboard.press('Alt+3');
  const rules = page.getByTestId('queue-rules');
  await rules.locator('input[name="callingStart"]').fill(window.start);
  await rules.locator('input[name="callingEnd"]').fill(window.end);
  await rules.getByRole('button', { name: '保存外呼规则' }).click();
  await expect(rules.getByTestId('saved-note')).toContainText('设置已保存');

  await page.keyboard.press('Alt+1');
  const hours = page.getByTestId('outside-hours');
  await expect(hours).toHaveText(`外呼时段：${window.start}–${window.end}（可在设置中修改）。`);
  await expect(page.getByTestId('queue-empty')).not.toContainText('0 张卡');

  await loadDemo(page);
  await page.keyboard.press('Alt+1');
  await expect(hours).toContainText(`只在 ${window.start}–${window.end} 之间外呼，现有`);
  // One sentence after the other, no space between them.
  await expect(hours).toHaveText(/张卡等待。\d\d\/\d\d \d\d:00 开始外呼。$/);
});
