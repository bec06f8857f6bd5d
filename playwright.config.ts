import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // Each test starts its own Chromium with the built extension and its own server; two cores.
  // Two browsers at once, one file each: measured on CI's 2 cores beside the Firefox suite, 538 s
  // for the whole Chromium suite instead of ~600 s alone with one worker (CI's 15-minute budget).
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  // A limit, not a speed target: flows over several tabs take long on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  // For tests that need only Chromium and the server (the extension tests launch their own).
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    },
  },
});
