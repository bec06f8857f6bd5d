// Editing a capture in the real popup (issue 4): title, note, Markdown edit, keyboard reorder,
// delete, exclude, a new text block; closing the popup, then restarting the browser on the same
// profile, loses none of it; the published page shows the edits in order.
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './harness';
import {
  ExtensionDriver,
  launchWithExtension,
  openAtRealUrl,
  serviceWorkerOf,
  type RealPopup,
} from './support/extension-driver';

const fixture = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');

const openThread = async (context: BrowserContext) =>
  openAtRealUrl(context, 'https://chatgpt.com/c/6742-abcd', await fixture);

/** A real key press in the popup (CDP input, not a synthetic DOM event). */
async function press(popup: RealPopup, key: string, code: string, keyCode: number, modifiers = 0) {
  for (const type of ['rawKeyDown', 'keyUp']) {
    await popup.send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode: keyCode, modifiers });
  }
}
const ALT = 1;

const inBlock = (n: number, testId: string) => `[data-testid="block"]:nth-child(${n}) [data-testid="${testId}"]`;

interface Shown {
  title: string;
  note: string;
  blocks: [string, string, string][];
}
const shown = (popup: RealPopup) =>
  popup.evaluate<Shown>(`({
    title: document.querySelector('[data-testid="draft-title"]').value,
    note: document.querySelector('[data-testid="draft-note"]').value,
    blocks: [...document.querySelectorAll('[data-testid="block"]')].map((b) => [b.dataset.blockId, b.dataset.role, b.dataset.included]),
  })`);

interface StoredDraft {
  title: string;
  note: string;
  blocks: { id: string; included: boolean; block: { type: string; markdown: string } }[];
}

test('every kind of edit survives closing the popup and restarting the browser, and is published in order (issue 4)', async ({
  context,
  extension,
  profileDir,
  server,
}) => {
  const page = await openThread(context);
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
  // Q1, reasoning (excluded), A1, Q2, A2.

  await popup.type('[data-testid="draft-title"]', 'Fibonacci, edited');
  await popup.type('[data-testid="draft-note"]', 'Shortened for the team.');

  // Edit the first question's Markdown; the live preview follows the typing.
  await popup.click(inBlock(1, 'block-edit'));
  await popup.waitFor(`document.activeElement?.dataset.testid === 'block-markdown'`);
  await popup.type('[data-testid="block-markdown"]', 'My **edited** question about Fibonacci');
  await popup.waitFor(`document.querySelector('[data-testid="block-live-preview"] strong')?.textContent === 'edited'`);
  await press(popup, 'Escape', 'Escape', 27);
  await popup.waitFor(`!document.querySelector('[data-testid="block-editor"]')`);

  // Keyboard reorder: the last answer (A2) moves up twice, above A1 and Q2.
  await popup.evaluate(`document.querySelector('[data-testid="block"]:nth-child(5)').focus()`);
  await press(popup, 'ArrowUp', 'ArrowUp', 38, ALT);
  await press(popup, 'ArrowUp', 'ArrowUp', 38, ALT);
  await popup.waitFor(
    `document.querySelector('[data-testid="edit-status"]').textContent.includes('moved to position 3 of 5')`,
  );
  // Q1, reasoning, A2, A1, Q2: delete Q2, exclude A1.
  await popup.click(inBlock(5, 'block-remove'));
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 4`);
  await popup.click(inBlock(4, 'block-include'));

  // A text block at the end, typed into straight away.
  await popup.click('[data-testid="add-text-block"]');
  await popup.waitFor(`document.activeElement?.dataset.testid === 'block-markdown'`);
  await popup.send('Input.insertText', { text: 'A closing remark by me.' });
  const before = await shown(popup);
  expect(before.blocks.map(([, role, included]) => [role, included])).toEqual([
    ['user', 'true'],
    ['reasoning', 'false'],
    ['assistant', 'true'],
    ['assistant', 'false'],
    ['text', 'true'],
  ]);
  // Closed at once, mid-edit: pagehide writes what the debounce has not yet.
  await popup.close();

  const reopened = await extension.clickToolbar(page);
  await reopened.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
  expect(await shown(reopened)).toEqual(before);
  // "Open in a tab": the same editor, on the same draft, at full size; the popup closes itself.
  const opened = context.waitForEvent('page');
  await reopened.click('[data-testid="open-in-tab"]');
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).searchParams.get('view')).toBe('tab');
  await expect(tab.locator('[data-testid="block"]')).toHaveCount(5);
  await expect(tab.locator('[data-testid="draft-title"]')).toHaveValue('Fibonacci, edited');
  await expect(tab.locator('[data-testid="open-in-tab"]')).toHaveCount(0);
  await tab.close();
  await reopened.close();

  const draftId = (await extension.storageValue<{ currentId: string }>('draftIndex')).currentId;
  const stored = await extension.storageValue<StoredDraft>(`draft:${draftId}`);
  expect(stored.blocks.map((b) => b.block.markdown.split('\n')[0])).toEqual([
    'My **edited** question about Fibonacci',
    'The user wants a generator. I should mention `itertools.islice` and the O(1) memory.',
    'That image shows the golden spiral. An older-style block:',
    'Here is a quick plan.',
    'A closing remark by me.',
  ]);

  // The browser restarts on the same profile.
  await context.close();
  const restarted = await launchWithExtension(profileDir);
  try {
    const driver = new ExtensionDriver(restarted, new URL((await serviceWorkerOf(restarted)).url()).host);
    const again = await openThread(restarted);
    const afterRestart = await driver.clickToolbar(again);
    await afterRestart.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
    expect(await shown(afterRestart)).toEqual(before);

    // Publish is disabled while the popup's own capture of the tab is still running.
    await afterRestart.waitFor(`!document.querySelector('[data-testid="publish-button"]').disabled`);
    await afterRestart.click('[data-testid="publish-button"]');
    // Nothing was published on this profile yet: the one-time public-link notice comes first.
    await afterRestart.click('[data-testid="consent-accept"]');
    const link = await afterRestart.waitFor<string>(
      `document.querySelector('[data-testid="published-link"]')?.href`,
      20_000,
    );
    expect(link.startsWith(`${server.url}/h/`)).toBe(true);
    await afterRestart.close();

    const published = await restarted.newPage();
    await published.route(/^https:/, (route) => route.abort());
    await published.goto(link);
    await expect(published.locator('h1')).toHaveText('Fibonacci, edited');
    await expect(published.locator('.halo-note')).toHaveText('Shortened for the team.');
    const blocks = published.locator('.halo-block');
    await expect(blocks).toHaveCount(3);
    await expect(blocks.nth(0)).toContainText('My edited question about Fibonacci');
    await expect(blocks.nth(0).locator('strong')).toHaveText('edited');
    await expect(blocks.nth(1)).toContainText('That image shows the golden spiral');
    // The block's content, not its self-link (#3, issue 13).
    await expect(blocks.nth(2).locator('.halo-content')).toHaveText('A closing remark by me.');
    await expect(published.getByText('Here is a quick plan.')).toHaveCount(0);
  } finally {
    await restarted.close();
  }
});

test('a block dragged onto another moves there, and the order is saved (issue 4)', async ({ context, extension }) => {
  const page = await openThread(context);
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
  await popup.close();

  // The editor at full size ("Open in a tab") is an ordinary page, where Playwright drags with real
  // mouse events.
  const editor = await context.newPage();
  await editor.goto(`chrome-extension://${extension.extensionId}/popup.html?view=tab`);
  // Tall enough that no block needs scrolling to: a drag that scrolls starts on whatever scrolled
  // under the mouse.
  await editor.setViewportSize({ width: 1280, height: 2400 });
  const blocks = editor.locator('[data-testid="block"]');
  await expect(blocks).toHaveCount(5);
  const ids = await blocks.evaluateAll((all) => all.map((b) => (b as HTMLElement).dataset.blockId!));
  // Blocks render their content as they come into view: drag once the layout has settled.
  await expect(editor.locator('[data-testid="block-placeholder"]')).toHaveCount(0);
  // The last answer onto the top half of the first question: it becomes the first block.
  const from = (await blocks.nth(4).boundingBox())!;
  const to = (await blocks.nth(0).boundingBox())!;
  await editor.mouse.move(from.x + 20, from.y + from.height / 2);
  await editor.mouse.down();
  await editor.mouse.move(to.x + 20, to.y + 5, { steps: 8 });
  await editor.mouse.up();
  const moved = [ids[4], ids[0], ids[1], ids[2], ids[3]];
  await expect
    .poll(() => blocks.evaluateAll((all) => all.map((b) => (b as HTMLElement).dataset.blockId!)))
    .toEqual(moved);
  await expect
    .poll(async () => {
      const draftId = (await extension.storageValue<{ currentId: string }>('draftIndex')).currentId;
      return (await extension.storageValue<StoredDraft>(`draft:${draftId}`)).blocks.map((b) => b.id);
    })
    .toEqual(moved);
});
