// Issue 12: the real side panel, opened the way a user opens it: a toolbar click on a chat thread,
// then the popup's "Open in side panel" clicked with the mouse (chrome.sidePanel.open needs that
// gesture). The panel's page comes up with the draft the popup made, follows the draft as another
// tab adds to it, and stays open while the user switches tabs. compose.spec.ts drives the panel's
// page in a tab; this one checks the browser really opens it.
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness';
import { openAtRealUrl } from './support/extension-driver';

const chatgpt = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');
const article = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');

const SECTION_TITLES = `[...document.querySelectorAll('[data-testid="section-title"]')].map((i) => i.value)`;

test('"Open in side panel" opens the real side panel on the draft; it follows the draft and stays open across tab switches (issue 12)', async ({
  context,
  extension,
  pages,
}) => {
  const chat = await openAtRealUrl(context, 'https://chatgpt.com/c/6742-abcd', await chatgpt);
  const popup = await extension.clickToolbar(chat);
  const blocks = await popup.waitFor<number>(`document.querySelectorAll('[data-testid="block"]').length`, 20_000);
  const title = await popup.evaluate<string>(`document.querySelector('[data-testid="draft-title"]').value`);
  expect(await extension.sidePanelTargets()).toHaveLength(0);

  await popup.mouseClick('[data-testid="open-in-panel"]');
  const panel = await extension.sidePanel();
  await panel.waitFor(`document.querySelector('main.editor')?.getAttribute('aria-busy') === 'false'`);
  // The same draft, not a new capture: a click in the panel grants no access to the page.
  expect(await panel.waitFor<string>(`document.querySelector('[data-testid="draft-title"]')?.value`)).toBe(title);
  expect(await panel.evaluate<number>(`document.querySelectorAll('[data-testid="block"]').length`)).toBe(blocks);
  expect(await panel.evaluate<string>(`document.querySelector('main.editor').dataset.surface`)).toBe('panel');
  // The popup hands over to the panel and closes itself.
  await expect.poll(() => extension.isOpen(popup.targetId)).toBe(false);

  // Another tab adds its page by the menu: the open panel shows it as a second section.
  const reading = await context.newPage();
  await reading.goto(pages.serve('/notes/lazy.html', await article));
  await extension.press(reading, { menuItemId: 'halo-add-page' });
  await panel.waitFor(`(${SECTION_TITLES}).length === 2`);
  expect(await panel.evaluate<string[]>(SECTION_TITLES)).toEqual([
    'Lazy Fibonacci and its complexity',
    'Lazy sequences in Python – Notes',
  ]);

  // Switching tabs (the article was in front; now the chat, then the article again) keeps the panel.
  await chat.bringToFront();
  await reading.bringToFront();
  expect((await extension.sidePanelTargets()).map((t) => t.targetId)).toEqual([panel.targetId]);
  expect(await panel.evaluate<number>(`document.querySelectorAll('[data-testid="section"]').length`)).toBe(2);
});
