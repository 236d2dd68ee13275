import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the web host in Debian's Chromium (Playwright does not download a browser
 * here). Each test starts its own web host on a fresh store, so tests never share state.
 */
export default defineConfig({
  testDir: 'test/e2e',
  // Playwright empties this folder at start; the runners' JSON reports sit beside it.
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    viewport: { width: 1366, height: 860 },
    trace: 'off',
  },
});
