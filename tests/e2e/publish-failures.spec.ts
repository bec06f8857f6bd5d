// What a person sees when things go wrong (issue 2 "Bad input"): nothing selected, the endpoint
// down, an answer the server refuses. The draft always stays.
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness';
import { selectContents } from './support/extension-driver';

const fixture = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');

test('with nothing selected the popup offers to capture the page, and that works (issue 2)', async ({
  context,
  extension,
  pages,
}) => {
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  const popup = await extension.clickToolbar(page);
  const code = await popup.waitFor<string>(`document.querySelector('[data-testid="popup-error"]')?.dataset.code`);
  expect(code).toBe('no_selection');
  expect(await popup.evaluate<string>('document.body.innerText')).toMatch(/Select the text to share/);
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="publish-button"]').length`)).toBe(0);
  await popup.click('[data-testid="capture-page"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  const text = await popup.evaluate<string>('document.body.innerText');
  expect(text).toContain('This paragraph is not part of the selection');
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="draft-title"]').value`)).toBe(
    'Lazy sequences in Python – Notes',
  );
  await popup.close();
});

test('endpoint down: a clear message, the draft kept, and Retry publishes once it is back (issue 2)', async ({
  context,
  extension,
  pages,
  server,
}) => {
  // Nothing listens on this port: the publish must queue, not fail silently or lose the draft.
  await extension.setEndpoint('http://127.0.0.1:9');
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  await selectContents(page, '#share-me');
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await popup.click('[data-testid="publish-button"]');
  await popup.click('[data-testid="consent-accept"]');
  const message = await popup.waitFor<string>(
    `document.querySelector('[data-testid="publish-status"][data-status="queued"]')?.innerText.includes('Could not reach') && document.querySelector('[data-testid="publish-status"]').innerText`,
    15_000,
  );
  expect(message).toContain('Your draft is kept');
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="block"]').length`)).toBe(1);
  await popup.close();

  // The user fixes the endpoint (as the options page saves it): Retry now publishes there.
  await extension.setEndpoint(server.url);
  const again = await extension.clickToolbar(page);
  await again.click('[data-testid="publish-status"] button');
  const link = await again.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 15_000);
  expect(link.startsWith(`${server.url}/h/`)).toBe(true);
  await again.close();
});

test('a refused Halo says why and keeps the draft (issue 2)', async ({ context, extension, pages }) => {
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  await selectContents(page, '#share-me');
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  // An empty title is refused before anything is sent, with the field named.
  await popup.type('[data-testid="draft-title"]', ' ');
  await popup.click('[data-testid="publish-button"]');
  const error = await popup.waitFor<string>(`document.querySelector('[data-testid="popup-error"]')?.innerText`);
  expect(error).toMatch(/title/);
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="block"]').length`)).toBe(1);
  await popup.close();
});
