// Bad input at full size (issue 3), in real Chromium with the built capture scripts: a 10,000-deep
// nesting, a selection of 100,000 nodes and a 20 MB page each end in a capture or a clear message.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CaptureResult } from '@/lib/capture/types';
import { EXTENSION_DIR } from './support/extension-driver';

const script = (file: string) => readFileSync(resolve(EXTENSION_DIR, file), 'utf8');

/** Runs a built capture script in the page, as scripting.executeScript does, and returns its answer. */
function runScript(page: Page, file: string): Promise<CaptureResult> {
  return page.evaluate((source) => (0, eval)(source) as CaptureResult, script(file));
}

async function open(page: Page, body: string): Promise<void> {
  await page.route('https://bad-input.example/**', (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto('https://bad-input.example/page.html');
}

function selectAll(page: Page, selector: string): Promise<void> {
  return page.evaluate((css) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(css)!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, selector);
}

test('a chat answer nested 10,000 deep is captured (issue 3)', async ({ page }) => {
  // Chromium cannot lay out 10,000 levels (its renderer crashes; its parser stops at 512): the
  // tree is built by script and never drawn, which is all a capture needs.
  await page.route('https://chatgpt.com/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<title>Deep</title><article data-testid="conversation-turn-1"><div data-message-author-role="assistant"><div class="markdown" id="root" style="content-visibility: hidden"></div></div></article>',
    }),
  );
  await page.goto('https://chatgpt.com/c/deep');
  await page.evaluate(() => {
    const tags = ['div', 'span', 'blockquote', 'ul', 'li', 'em', 'section', 'table', 'tr', 'td'];
    let parent: Element = document.getElementById('root')!;
    for (let i = 0; i < 10_000; i++) {
      const child = document.createElement(tags[i % tags.length]!);
      if (i % 1000 === 0) child.append(`level ${i} `);
      parent.append(child);
      parent = child;
    }
    parent.append('the bottom');
  });
  const result = await runScript(page, 'capture.js');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const markdown = result.capture.blocks[0]!.block.markdown;
  expect(markdown).toContain('level 9000');
  expect(markdown).toContain('the bottom');
});

test('a selection of 100,000 nodes is captured (issue 3)', async ({ page }) => {
  const rows = Array.from(
    { length: 20_000 },
    (_, i) => `<p>Line ${i} <strong>bold</strong> <a href="/l${i}">x</a></p>`,
  );
  await open(page, `<title>Many</title><div id="all">${rows.join('')}</div>`);
  await selectAll(page, '#all');
  const result = await runScript(page, 'capture.js');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const markdown = result.capture.blocks[0]!.block.markdown;
  expect(markdown).toContain('Line 19999 **bold** [x](https://bad-input.example/l19999)');
});

test('a 20 MB page ends in a clear answer, and the page stays usable (issue 3)', async ({ page }) => {
  const paragraph = `<p>${'Twenty megabytes of prose, sentence after sentence. '.repeat(20)}</p>`;
  const body = `<title>Huge</title><article>${paragraph.repeat(Math.ceil(20_000_000 / paragraph.length))}</article>`;
  await open(page, body);
  const result = await runScript(page, 'article-capture.js');
  if (result.ok) expect(result.capture.blocks[0]!.block.markdown.length).toBeLessThanOrEqual(2_000_000);
  else expect(result).toMatchObject({ code: 'too_large', message: expect.stringMatching(/at most 2,000,000/) });
  expect(await page.evaluate(() => document.title)).toBe('Huge');
});
