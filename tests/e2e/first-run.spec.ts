// First run and team deployment (issue 19): the welcome page on install (once), Test connection,
// a package built with HALO_ENDPOINT, and organisation policy from Chromium's managed-policy folder.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startHaloServer } from '../../server/start';
import { expect, test } from './harness';
import {
  ExtensionDriver,
  launchWithExtension,
  selectContents,
  serviceWorkerOf,
  welcomePage,
} from './support/extension-driver';

const article = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');
const isWelcome = (page: Page) => page.url().endsWith('/welcome.html');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

async function status(page: Page): Promise<string> {
  await expect(page.getByTestId('options-status')).toBeVisible();
  return page.getByTestId('options-status').innerText();
}

async function testConnection(page: Page, endpoint: string): Promise<string> {
  await page.getByTestId('endpoint').fill(endpoint);
  const before = await page
    .getByTestId('options-status')
    .innerText()
    .catch(() => '');
  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('options-status')).not.toHaveText(before);
  return status(page);
}

test('the welcome page opens on install, once: not after an update or a restart (issue 19)', async ({
  context,
  profileDir,
  server,
}) => {
  const welcome = await welcomePage(context);
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to Halo Lumin');
  await expect(welcome.getByTestId('shortcuts')).toContainText('Alt+Shift+H');
  await expect(welcome.getByTestId('shortcuts')).toContainText('Alt+Shift+K');
  await expect(welcome.getByText('chrome://extensions/shortcuts')).toBeVisible();
  await expect(welcome.getByTestId('privacy-summary')).toContainText('Anyone with a Halo’s link can read it.');
  // Where Halos go, tested at once: the default endpoint of a local build.
  await expect(welcome.getByTestId('endpoint')).toHaveValue('http://127.0.0.1:8787');
  expect(await status(welcome)).toMatch(/8787/);

  expect(await testConnection(welcome, server.url)).toBe(`Connected to the Halo server at ${server.url}.`);
  const closed = `http://127.0.0.1:${await closedPort()}`;
  expect(await testConnection(welcome, closed)).toBe(
    `Could not reach ${closed}. Is the server running (npm start) and the address right?`,
  );
  await welcome.close();
  // From here on, no welcome page may open again.
  const opened: string[] = [];
  context.on('page', (page) => void page.waitForLoadState().then(() => isWelcome(page) && opened.push(page.url())));

  // An update (a reload of the unpacked extension) does not open it again.
  const sw = await serviceWorkerOf(context);
  await sw.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
  );
  await expect.poll(() => context.serviceWorkers().length, { timeout: 10_000 }).toBeGreaterThan(0);
  await serviceWorkerOf(context);
  await new Promise((ok) => setTimeout(ok, 1_500));
  expect(opened).toEqual([]);

  // Nor does a restart of the browser on the same profile.
  await context.close();
  const restarted = await launchWithExtension(profileDir);
  try {
    const driver = new ExtensionDriver(restarted, new URL((await serviceWorkerOf(restarted)).url()).host);
    await new Promise((ok) => setTimeout(ok, 1_500));
    expect(restarted.pages().filter(isWelcome)).toEqual([]);
    // The options page leads back to it.
    const options = await restarted.newPage();
    await options.goto(`chrome-extension://${driver.extensionId}/options.html`);
    await expect(options.getByTestId('open-welcome')).toHaveAttribute('href', '/welcome.html');
  } finally {
    await restarted.close();
  }
  expect(opened).toEqual([]);
});

test('a package built with HALO_ENDPOINT publishes to that server with no settings touched (issue 19)', async () => {
  test.setTimeout(120_000);
  const work = await mkdtemp(join(tmpdir(), 'halo-team-build-'));
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const build = spawnSync('npx', ['wxt', 'build'], {
    env: { ...process.env, HALO_ENDPOINT: endpoint, HALO_OUT_DIR: join(work, 'out') },
    encoding: 'utf8',
  });
  expect(build.status, build.stderr + build.stdout).toBe(0);
  const server = await startHaloServer({ host: '127.0.0.1', port, dbPath: join(work, 'halos.db') });
  let context: BrowserContext | undefined;
  try {
    context = await launchWithExtension(join(work, 'profile'), join(work, 'out', 'chrome-mv3'));
    const driver = new ExtensionDriver(context, new URL((await serviceWorkerOf(context)).url()).host);
    const welcome = await welcomePage(context);
    await expect(welcome.getByTestId('endpoint')).toHaveValue(endpoint);
    expect(await status(welcome)).toBe(`Connected to the Halo server at ${endpoint}.`);
    await welcome.close();

    const page = await context.newPage();
    await page.goto(`${endpoint}/healthz`);
    await page.setContent(await article);
    await selectContents(page, '#share-me');
    const popup = await driver.clickToolbar(page);
    await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
    await popup.click('[data-testid="publish-button"]');
    await popup.click('[data-testid="consent-accept"]');
    const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
    expect(link.startsWith(`${endpoint}/h/`)).toBe(true);
    expect(await driver.storageValue('settings')).toBeUndefined();
  } finally {
    await context?.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
});

test('a bad HALO_ENDPOINT fails the build with a clear message (issue 19)', async () => {
  const work = await mkdtemp(join(tmpdir(), 'halo-bad-build-'));
  try {
    const build = spawnSync('npx', ['wxt', 'build'], {
      env: { ...process.env, HALO_ENDPOINT: 'http://halo.example.org', HALO_OUT_DIR: join(work, 'out') },
      encoding: 'utf8',
    });
    expect(build.status).not.toBe(0);
    expect(build.stderr + build.stdout).toContain('HALO_ENDPOINT must be https (or http on this machine');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

const POLICY_DIR = '/etc/chromium/policies/managed';

test('an organisation policy sets the endpoint and token, shown locked; an unreachable one is said (issue 19)', async ({
  server,
}) => {
  test.skip(process.getuid?.() !== 0, 'writing Chromium policy files needs root (CI runs as root)');
  test.setTimeout(120_000);
  const work = await mkdtemp(join(tmpdir(), 'halo-policy-'));
  // The policy folder is the whole machine's: aimed at the shared build's id, it would reach every
  // test running beside this one (the CI failure with two workers: their publishes went to this
  // test's server). An unpacked extension's id comes from its folder, so this test loads a copy
  // of the build from its own folder, and reads that copy's id from a first launch.
  const extensionDir = join(work, 'extension');
  await cp(resolve('.output', 'chrome-mv3'), extensionDir, { recursive: true });
  const first = await launchWithExtension(join(work, 'zero'), extensionDir);
  const extensionId = new URL((await serviceWorkerOf(first)).url()).host;
  await first.close();
  const policyFile = join(POLICY_DIR, `halo-e2e-${extensionId}.json`);
  const policy = (settings: Record<string, unknown>) =>
    writeFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: settings } } }));
  await mkdir(POLICY_DIR, { recursive: true });
  try {
    await policy({ endpoint: server.url, apiToken: 'org-token-123' });
    const managed = await launchWithExtension(join(work, 'one'), extensionDir);
    try {
      await serviceWorkerOf(managed);
      const options = await managed.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(options.getByTestId('endpoint')).toHaveValue(server.url);
      await expect(options.getByTestId('endpoint')).toHaveAttribute('readonly', '');
      await expect(options.getByTestId('api-token')).toHaveValue('org-token-123');
      await expect(options.getByTestId('api-token')).toHaveAttribute('readonly', '');
      await expect(options.getByText('Set by your organisation')).toHaveCount(2);
      expect(await status(options)).toBe(`Connected to the Halo server at ${server.url}.`);
    } finally {
      await managed.close();
    }

    const closed = `http://127.0.0.1:${await closedPort()}`;
    await policy({ endpoint: closed });
    const unreachable = await launchWithExtension(join(work, 'two'), extensionDir);
    try {
      const welcome = await welcomePage(unreachable);
      await expect(welcome.getByTestId('endpoint')).toHaveValue(closed);
      expect(await status(welcome)).toContain(`Could not reach ${closed}.`);
      const options = await unreachable.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      expect(await status(options)).toContain(`Could not reach ${closed}.`);
      // The token is not set by this policy: the user's own field stays editable.
      await expect(options.getByTestId('api-token')).not.toHaveAttribute('readonly', '');
    } finally {
      await unreachable.close();
    }
  } finally {
    await rm(policyFile, { force: true });
    await rm(work, { recursive: true, force: true });
  }
});
