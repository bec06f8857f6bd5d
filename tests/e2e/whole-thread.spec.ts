// "Load the whole thread" (issue 11) at claude.ai's real address: older turns arrive after a
// delay, only when the thread's scroller nears the top. The popup loads them all with progress;
// a loader that never stops ends at the bound (6 s in a test build) with the warning; Cancel and
// closing the popup stop the page at once; the reader's scroll position comes back each time.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { openAtRealUrl, type RealPopup } from './support/extension-driver';

const template = readFile(new URL('../fixtures/chat-lazy/claude-lazy.html', import.meta.url), 'utf8');
const lazyThread = async (older: number) => (await template).replace('__OLDER__', String(older));

/** The reader's place: the first turn in view and how far below the scroller's top it sits. */
const readerAt = (page: Page) =>
  page.evaluate(() => {
    const scroller = document.getElementById('scroller')!;
    const top = scroller.getBoundingClientRect().top;
    const turn = [...document.querySelectorAll<HTMLElement>('.turn')].find(
      (t) => t.getBoundingClientRect().bottom > top,
    )!;
    return `${turn.dataset.index}@${Math.round(turn.getBoundingClientRect().top - top)}`;
  });
/** The page's turn count once a fetch it had already started has landed. */
const turnsInPage = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('[role="progressbar"]'));
  return page.evaluate(() => document.querySelectorAll('.turn').length);
};
const blocks = (popup: RealPopup) =>
  popup.evaluate<number>(`document.querySelectorAll('[data-testid="block"]').length`);
const warnings = (popup: RealPopup) =>
  popup.evaluate<string[]>(`[...document.querySelectorAll('.warnings li')].map((li) => li.textContent)`);

test('"Load the whole thread": every older turn with progress; a loader that never stops ends at the bound with the warning; Cancel and closing the popup stop it; the reader is put back (issue 11)', async ({
  context,
  extension,
}) => {
  test.setTimeout(120_000);
  const lazy = await openAtRealUrl(context, 'https://claude.ai/chat/5e0c7a1d-lazy', await lazyThread(40));
  const first = await extension.clickToolbar(lazy);
  await first.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 10`);
  // The reader is partway up the thread, not at a loading edge.
  await lazy.evaluate(() => (document.getElementById('scroller')!.scrollTop = 230));
  const lazyPlace = await readerAt(lazy);

  await first.click('[data-testid="load-thread"]');
  const seen = await first.waitFor<number>(
    `Number(document.querySelector('[data-testid="thread-progress"]')?.dataset.turns) > 10 && Number(document.querySelector('[data-testid="thread-progress"]').dataset.turns)`,
  );
  expect(seen).toBeGreaterThan(10);
  await first.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 50`, 30_000);
  expect(
    await first.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="block"]')].map((b) => b.dataset.role).slice(0, 3)`,
    ),
  ).toEqual(['user', 'assistant', 'user']);
  expect(await first.evaluate<string>(`document.querySelector('[data-testid="block"]').textContent`)).toContain(
    'Question 0:',
  );
  expect((await warnings(first)).join('\n')).not.toMatch(/still loading|may lack/);
  expect(await readerAt(lazy)).toBe(lazyPlace);
  await first.close();

  const page = await openAtRealUrl(context, 'https://claude.ai/chat/9a8b7c6d-endless', await lazyThread(-1));
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 10`);
  await page.evaluate(() => (document.getElementById('scroller')!.scrollTop = 230));
  let place = await readerAt(page);

  // The bound: a test build stops after 6 s (30 s for users, tests/unit/capture/chat/whole-thread.test.ts).
  await popup.click('[data-testid="load-thread"]');
  const warning = await popup.waitFor<string>(
    `[...document.querySelectorAll('.warnings li')].map((li) => li.textContent).find((w) => w.startsWith('Older turns were still loading'))`,
    40_000,
  );
  const captured = Number(/has the (\d+) turns/.exec(warning)?.[1]);
  expect(captured).toBeGreaterThan(10);
  // The list mounts a long draft's rows in steps.
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === ${captured}`);
  expect(warning).toBe(
    `Older turns were still loading after 6 seconds: this capture has the ${captured} turns loaded by then, and may lack the thread's start. Use “Load the whole thread” again to go on.`,
  );
  await expect.poll(() => readerAt(page)).toBe(place);

  // Cancel: the page stops at once, the reader is put back, the draft stays as it was.
  place = await readerAt(page);
  await popup.click('[data-testid="load-thread"]');
  await popup.waitFor(`Number(document.querySelector('[data-testid="thread-progress"]')?.dataset.turns) > ${captured}`);
  await popup.click('[data-testid="load-thread-cancel"]');
  await popup.waitFor(`!!document.querySelector('[data-testid="load-thread"]:not([disabled])')`);
  expect(await blocks(popup)).toBe(captured);
  await expect.poll(() => readerAt(page)).toBe(place);
  const afterCancel = await turnsInPage(page);
  await page.waitForTimeout(800);
  expect(await turnsInPage(page)).toBe(afterCancel);

  // Closing the popup mid-load: the page does not go on scrolling.
  await popup.click('[data-testid="load-thread"]');
  await popup.waitFor(
    `Number(document.querySelector('[data-testid="thread-progress"]')?.dataset.turns) > ${afterCancel}`,
  );
  await popup.close();
  await expect.poll(() => readerAt(page)).toBe(place);
  const afterClose = await turnsInPage(page);
  await page.waitForTimeout(800);
  expect(await turnsInPage(page)).toBe(afterClose);
});
