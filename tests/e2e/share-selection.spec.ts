// The foundation flow (issue 2): select, toolbar click, edit the title, publish, link on the
// clipboard, a clean published page that runs no script.
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness';
import { selectContents } from './support/extension-driver';

const fixture = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');

test('a selection becomes a published Halo whose link is on the clipboard (issue 2)', async ({
  context,
  extension,
  pages,
  server,
}) => {
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  await selectContents(page, '#share-me');

  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  const preview = await popup.evaluate<string>('document.body.textContent');
  expect(preview).toContain('constant memory');
  expect(preview).toContain('yield a');
  expect(preview).not.toContain('This paragraph is not part of the selection');

  await popup.type('[data-testid="draft-title"]', 'Fibonacci, lazily');
  await popup.click('[data-testid="publish-button"]');
  // A fresh profile's first publish asks for consent (issue 7); waiting for the dialog, not racing it.
  await popup.click('[data-testid="consent-accept"]');
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
  expect(link.startsWith(`${server.url}/h/`)).toBe(true);
  await popup.close();

  await expect.poll(() => extension.readClipboard(`${server.url}/healthz`), { timeout: 10_000 }).toBe(link);

  const published = await context.newPage();
  const problems: string[] = [];
  published.on('dialog', (d) => problems.push(`dialog: ${d.message()}`));
  published.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  const response = await published.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
  await expect(published.locator('h1')).toHaveText('Fibonacci, lazily');
  // The sandboxed CSP still lets the page's own stylesheet load (issue 7).
  expect(await published.evaluate(() => getComputedStyle(document.querySelector('.halo')!).maxWidth)).toBe('736px');
  await expect(published.locator('a', { hasText: 'the generators guide' })).toHaveAttribute(
    'href',
    `${pages.url}/docs/generators.html`,
  );
  await expect(published.locator('li li', { hasText: 'constant memory' })).toBeVisible();
  await expect(published.locator('pre code')).toContainText('a, b = b, a + b');
  await expect(published.getByText('<script>alert(1)</script>')).toBeVisible();
  expect(await published.locator('script').count()).toBe(0);
  expect(await published.evaluate(() => (window as { __haloPwned?: number }).__haloPwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test('closing the popup mid-edit loses nothing (issue 2)', async ({ context, extension, pages }) => {
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  await selectContents(page, '#share-me');

  const first = await extension.clickToolbar(page);
  await first.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await first.type('[data-testid="draft-title"]', 'Half-finished title');
  await first.close();

  const second = await extension.clickToolbar(page);
  const title = await second.waitFor<string>(
    `document.querySelector('[data-testid="draft-title"]')?.value === 'Half-finished title' && 'ok'`,
  );
  expect(title).toBe('ok');
  await second.close();
});
