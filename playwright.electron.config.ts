import { defineConfig } from '@playwright/test';

/**
 * Electron-only end-to-end specs (navigation security, the bridge, CSP). They need a real
 * Electron binary and skip with a message where there is none; everything else is tested in
 * Chromium by playwright.config.ts.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: '.tmp/playwright-electron',
  reporter: [['list']],
});
