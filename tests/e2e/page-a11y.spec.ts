// The published page people open (issue 13): landmarks, contents, permalinks, folds, print; and
// axe-core reports 0 violations on the page and on every extension page, light and dark.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { RICH_MARKUP, richHalo } from '../fixtures/pages/rich-halo';
import { expect, test } from './harness';
import { openAtRealUrl } from './support/extension-driver';

const axeSource = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[];
}

/** axe-core's violations on the page as shown, one line each ("rule: target: why"). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe.run(document),
  )) as AxeResult;
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  );
}

async function publishRich(serverUrl: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(richHalo),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

test('the published page: <main>, contents that resolve, a self-link on every message, closed folds, :target, axe light and dark (issue 13)', async ({
  browser,
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const url = await publishRich(server.url);
  await page.goto(url);

  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.locator('main h1')).toHaveText(richHalo.title);
  // The table of contents: every link lands on an element of the page; markup stayed text.
  const tocLinks = await page.locator('nav.halo-toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(tocLinks.length).toBe(2 + 5);
  for (const href of tocLinks) await expect(page.locator(`[id="${href.slice(1)}"]`), href).toHaveCount(1);
  await expect(page.locator('nav.halo-toc')).toContainText(`The thread ${RICH_MARKUP}`);
  await expect(page.locator('nav.halo-toc')).toContainText(
    'Why is my table bloated? <img src=x onerror=alert(1)> & "q"',
  );
  expect(await page.locator('img, script').count()).toBe(0);

  // Every message and section: a stable id and a visible link to itself.
  const blocks = page.locator('.halo-message, .halo-reasoning');
  expect(await blocks.count()).toBe(11);
  for (const block of await blocks.all()) {
    const id = await block.getAttribute('id');
    expect(id).toMatch(/^m-\d+$/);
    await expect(block.locator(`a.halo-permalink[href="#${id}"]`)).toBeVisible();
  }
  for (const n of [1, 2]) await expect(page.locator(`.halo-section-head a[href="#s-${n}"]`)).toBeVisible();

  // Folds: reasoning closed; a 65-line block shows its first lines, the rest folded.
  const reasoning = page.locator('.halo-reasoning details');
  await expect(reasoning).not.toHaveAttribute('open');
  await expect(page.getByText('hiddenreasoningword', { exact: false })).toBeHidden();
  const folded = page.locator('.halo-code-folded');
  await expect(folded.locator('.halo-code-head')).toHaveText(/typescript\s*65 lines/);
  await expect(folded.locator('> pre')).toContainText('const line0');
  await expect(folded.locator('details')).not.toHaveAttribute('open');
  await expect(page.getByText('quuxfoldedneedle')).toBeHidden();
  await expect(page.locator('.halo-code-head').first()).toHaveText(/sql\s*1 line/);

  // A link to one message highlights it without any script.
  await page.goto(`${url}#m-3`);
  expect(await page.locator('#m-3').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  expect(await page.locator('#m-4').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');

  // The page's CSP sandbox runs no script at all, not even axe's timers: axe reads the same page
  // in a context that sets the CSP aside (the HTML, the stylesheet and the layout are the same).
  const axeContext = await browser.newContext({ bypassCSP: true });
  try {
    const axePage = await axeContext.newPage();
    for (const colorScheme of ['light', 'dark'] as const) {
      await axePage.emulateMedia({ colorScheme });
      await axePage.goto(url);
      expect(await axeViolations(axePage), colorScheme).toEqual([]);
    }
  } finally {
    await axeContext.close();
  }
});

test('print: folded parts open, link addresses after links, no backgrounds; a screenshot (issue 13)', async ({
  page,
  server,
}, testInfo) => {
  const url = await publishRich(server.url);
  await page.goto(url);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  // Chromium prints a closed <details>' content through ::details-content.
  await expect(page.getByText('quuxfoldedneedle')).toBeVisible();
  await expect(page.getByText('hiddenreasoningword', { exact: false })).toBeVisible();
  await expect(page.locator('.halo-code-folded .halo-code-rest')).toBeVisible();
  const docs = page.locator('a[href^="https://www.postgresql.org/docs/current/routine"]');
  expect(await docs.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('routine-vacuuming.html');
  const backgrounds = await page.evaluate(() =>
    [...document.querySelectorAll('body, body *')]
      .map((el) => getComputedStyle(el).backgroundColor)
      .filter((bg) => bg !== 'rgba(0, 0, 0, 0)'),
  );
  expect(backgrounds).toEqual([]);
  await expect(page.locator('.halo-permalink').first()).toBeHidden();
  const shot = await page.screenshot({ fullPage: true });
  await testInfo.attach('print-media', { body: shot, contentType: 'image/png' });
  expect(shot.length).toBeGreaterThan(10_000);
});

test('axe reports 0 violations on the popup, the editor tab and the options page, light and dark (issue 13)', async ({
  context,
  extension,
}) => {
  test.setTimeout(240_000);
  const fixture = await readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');
  const thread = await openAtRealUrl(context, 'https://chatgpt.com/c/6742-abcd', fixture);
  const popup = await extension.clickToolbar(thread);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await popup.close();
  const tabId = await extension.tabIdOf(thread);

  const pages = {
    popup: { path: `popup.html?tabId=${tabId}`, size: { width: 420, height: 600 } },
    editor: { path: 'popup.html?view=tab', size: { width: 1280, height: 900 } },
    options: { path: 'options.html', size: { width: 1024, height: 800 } },
  };
  const page = await context.newPage();
  for (const [name, { path, size }] of Object.entries(pages)) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`chrome-extension://${extension.extensionId}/${path}`);
      if (name !== 'options') {
        await expect(page.locator('[data-testid="block"]').first()).toBeVisible();
        if (name === 'editor') {
          // Blocks below the fold render as they come near view: bring each one there (bounded).
          for (let i = 0; i < 50 && (await page.locator('[data-testid="block-placeholder"]').count()) > 0; i++)
            await page
              .locator('[data-testid="block-placeholder"]')
              .first()
              .scrollIntoViewIfNeeded({ timeout: 5_000 })
              // It may render (and leave the DOM) while being scrolled to: then the next one.
              .catch(() => {});
          await expect(page.locator('[data-testid="block-placeholder"]')).toHaveCount(0, { timeout: 30_000 });
        }
      } else await expect(page.getByTestId('endpoint')).toBeVisible();
      expect(await axeViolations(page), `${name} ${colorScheme}`).toEqual([]);
    }
  }
});
