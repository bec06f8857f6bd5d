import { defineConfig } from '@playwright/test';

// The Firefox suite (issue 15): real Firefox ESR driven over WebDriver BiDi by puppeteer-core
// (tests/e2e-firefox/support/firefox-driver.ts); Playwright is only the test runner here.
export default defineConfig({
  testDir: 'tests/e2e-firefox',
  // Its own folder: npm test runs this suite beside the Chromium one, which empties test-results/.
  outputDir: 'test-results-firefox',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // Generous: a busy 2-core machine makes Firefox slow to start; no test depends on speed.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
});
