// The whole flow in real Firefox ESR (issue 15): capture in the page, edit, publish to the real
// server, the link on the clipboard (copied by the background page: Firefox has no offscreen
// documents), the published page checked.
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { expect, test } from './harness';
import { ADDON_ORIGIN, type FirefoxDriver } from './support/firefox-driver';

const article = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');
const chatgpt = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');

/** Polls `fn` in the page until it answers something truthy. */
async function waitIn<T>(page: Page, fn: () => T, timeout = 15_000): Promise<T> {
  const handle = await page.waitForFunction(fn, { timeout, polling: 100 });
  return (await handle.jsonValue()) as T;
}

/** The toolbar click, then the same editor at full size in a tab (as "Open in a tab" opens it). */
async function editorFor(firefox: FirefoxDriver, page: Page): Promise<Page> {
  const tabId = await firefox.tabIdOf(page);
  expect(await firefox.clickToolbar(page)).toBe(`${ADDON_ORIGIN}/popup.html`);
  await firefox.closePopup();
  return firefox.openAddonPage(`popup.html?tabId=${tabId}&view=tab`);
}

async function publish(editor: Page): Promise<string> {
  await editor.click('[data-testid="publish-button"]');
  // A fresh profile's first publish asks for consent (issue 7).
  await editor.waitForSelector('[data-testid="consent-accept"]');
  await editor.click('[data-testid="consent-accept"]');
  return waitIn(
    editor,
    () => document.querySelector<HTMLAnchorElement>('[data-testid="published-link"]')?.href ?? '',
    30_000,
  );
}

test('a selection is captured, edited, published and its link copied, in Firefox (issue 15)', async ({
  firefox,
  server,
}) => {
  const page = await firefox.openAtRealUrl('https://notes.example.org/lazy.html', await article);
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('#share-me')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

  const editor = await editorFor(firefox, page);
  await waitIn(editor, () => document.querySelectorAll('[data-testid="block"]').length > 0);
  const text = await editor.evaluate(() => document.body.innerText);
  expect(text).toContain('constant memory');
  expect(text).not.toContain('This paragraph is not part of the selection');

  const title = await editor.$('[data-testid="draft-title"]');
  await title!.click({ count: 3 });
  await title!.type('Fibonacci, lazily, in Firefox');
  const link = await publish(editor);
  expect(link.startsWith(`${server.url}/h/`)).toBe(true);

  await expect.poll(() => firefox.readClipboard(), { timeout: 30_000 }).toBe(link);

  const response = await fetch(link);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('<h1 class="halo-title">Fibonacci, lazily, in Firefox</h1>');
  expect(html).toContain('a, b = b, a + b');
  expect(html).not.toContain('This paragraph is not part of the selection');
  expect(await firefox.addonConsoleErrors()).toEqual([]);
});

test('a ChatGPT thread at its real URL is captured with its speakers and published, in Firefox (issue 15)', async ({
  firefox,
}) => {
  const page = await firefox.openAtRealUrl('https://chatgpt.com/c/6742-abcd', await chatgpt);
  const editor = await editorFor(firefox, page);
  await waitIn(editor, () => document.querySelectorAll('[data-testid="block"]').length === 5);
  const roles = await editor.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="block"]')].map((b) => [
      b.dataset.role,
      b.dataset.included,
    ]),
  );
  expect(roles).toEqual([
    ['user', 'true'],
    ['reasoning', 'false'],
    ['assistant', 'true'],
    ['user', 'true'],
    ['assistant', 'true'],
  ]);
  const link = await publish(editor);
  const html = await (await fetch(link)).text();
  expect(html.match(/class="halo-block /g)).toHaveLength(4);
  expect(html).toContain('<header class="halo-speaker"><span class="halo-speaker-name" dir="auto">You</span>');
  expect(html).toContain('<header class="halo-speaker"><span class="halo-speaker-name" dir="auto">ChatGPT</span>');
  expect(html).toMatch(/<code class="hljs language-python">/);
  expect(html).toContain('<math');
  expect(await firefox.addonConsoleErrors()).toEqual([]);
});
