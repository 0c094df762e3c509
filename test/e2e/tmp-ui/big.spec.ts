import { expect, test } from '@playwright/test';
import { startHost, tempDataDir } from '../host';
import { completeSetup } from '../pages/app';

test('big import through the UI', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startHost(tempDataDir());
  try {
    await page.goto(host.url);
    await completeSetup(page);
    await page.keyboard.press('Alt+2');
    await page.getByTestId('import-open').click();
    const flow = page.getByTestId('import-flow');
    await flow.getByTestId('import-file').setInputFiles('/tmp/callcard-prof-100000.csv');
    await expect(flow.getByTestId('import-mapping')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: '.tmp/ui/1-mapping.png' });
    await flow.getByRole('button', { name: /开始导入|导入/ }).last().click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: '.tmp/ui/2-progress.png' });
    await expect(page.getByText('导入完成')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: '.tmp/ui/3-summary.png', fullPage: true });
  } finally {
    await host.stop();
  }
});
