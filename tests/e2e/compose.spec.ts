// Compose one Halo from many tabs (issue 12): the side panel's page driven as an extension page,
// sections added from three tabs by the menus, reordered, published with a table of contents;
// export without publishing; drops into the panel; the permission path.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';

// Each test is a long flow over several tabs: on a busy 2-core machine it takes minutes.
test.describe.configure({ timeout: 180_000 });
import { selectContents, type ExtensionDriver } from './support/extension-driver';

const article = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');
const chatgpt = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');

const sectionTitles = (panel: Page) =>
  panel
    .locator('[data-testid="section-title"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

async function openPanel(extension: ExtensionDriver, besideTabId?: number): Promise<Page> {
  const panel = await extension.context.newPage();
  const query = besideTabId === undefined ? '' : `?tabId=${besideTabId}`;
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html${query}`);
  await expect(panel.locator('main.editor')).toHaveAttribute('aria-busy', 'false');
  return panel;
}

async function chatTab(extension: ExtensionDriver): Promise<Page> {
  const page = await extension.context.newPage();
  const html = await chatgpt;
  await page.route('https://chatgpt.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ contentType: 'text/html', body: html })
      : route.fulfill({ status: 404, body: '' }),
  );
  await page.goto('https://chatgpt.com/c/6742-abcd');
  return page;
}

test('three tabs make one draft of three sections; reordered and published with a table of contents; Copy as Markdown equals /h/:id.md (issue 12)', async ({
  context,
  extension,
  pages,
  server,
}) => {
  await extension.setStorage({ consent: { publicLinkAcceptedAt: '2026-11-20T10:00:00.000Z' } });
  // The panel is open first: it follows the draft as the menus add to it.
  const panel = await openPanel(extension);

  const chat = await chatTab(extension);
  await extension.press(chat, { menuItemId: 'halo-add-chat' });
  const reading = await context.newPage();
  await reading.goto(pages.serve('/notes/lazy.html', await article));
  await extension.press(reading, { menuItemId: 'halo-add-page' });
  const notes = await context.newPage();
  await notes.goto(
    pages.serve('/notes/one.html', '<title>One note</title><p id="p">Keep the sum of the two before it.</p>'),
  );
  await selectContents(notes, '#p');
  await extension.press(notes, { menuItemId: 'halo-add-selection' });
  expect(await extension.actionStatus()).toMatchObject({ badge: '3' });

  await panel.bringToFront();
  await expect(panel.locator('[data-testid="section"]')).toHaveCount(3);
  expect(await sectionTitles(panel)).toEqual([
    'Lazy Fibonacci and its complexity',
    'Lazy sequences in Python – Notes',
    'One note',
  ]);
  await expect(panel.locator('[data-testid="section-source"]').nth(0)).toHaveAttribute(
    'href',
    'https://chatgpt.com/c/6742-abcd',
  );

  // Reorder with the keyboard: the note first, then the chat, then the article.
  await panel.locator('[data-testid="section"]').nth(2).focus();
  await panel.keyboard.press('Alt+ArrowUp');
  await panel.keyboard.press('Alt+ArrowUp');
  expect(await sectionTitles(panel)).toEqual([
    'One note',
    'Lazy Fibonacci and its complexity',
    'Lazy sequences in Python – Notes',
  ]);
  await expect(panel.getByTestId('edit-status')).toContainText('moved to position 1 of 3');
  // Rename one.
  await panel.locator('[data-testid="section-title"]').nth(0).fill('The rule');

  await panel.getByTestId('publish-button').click();
  const link = await panel.locator('[data-testid="published-link"]').getAttribute('href', { timeout: 60_000 });
  expect(link).toBeTruthy();

  // Copy as Markdown, offline in the panel: the same text the server serves at /h/:id.md.
  await panel.getByTestId('copy-markdown').click();
  await expect(panel.getByTestId('export-status')).toHaveText('Markdown copied.');
  const copied = await extension.readClipboard(`${server.url}/healthz`);
  const served = await (await fetch(`${link}.md`)).text();
  expect(copied).toBe(served);
  expect(served).toContain('## The rule');

  const published = await context.newPage();
  await published.goto(link!);
  await expect(published.locator('section.halo-section')).toHaveCount(3);
  await expect(published.locator('.halo-section-title')).toHaveText([
    'The rule',
    'Lazy Fibonacci and its complexity',
    'Lazy sequences in Python – Notes',
  ]);
  await expect(published.locator('nav.halo-toc a[href^="#s-"]')).toHaveCount(3);
  await expect(published.locator('.halo-section-source a').nth(1)).toHaveAttribute(
    'href',
    'https://chatgpt.com/c/6742-abcd',
  );
  expect(server.url).toBeTruthy();
});

test('adding a chat that is already a section offers to update that section (issue 12)', async ({
  extension,
  pages,
  context,
}) => {
  const chat = await chatTab(extension);
  await extension.press(chat, { menuItemId: 'halo-add-chat' });
  const reading = await context.newPage();
  await reading.goto(pages.serve('/notes/lazy.html', await article));
  await extension.press(reading, { menuItemId: 'halo-add-page' });
  const panel = await openPanel(extension);
  await expect(panel.locator('[data-testid="section"]')).toHaveCount(2);
  const blocks = await panel.locator('[data-testid="block"]').count();

  await extension.press(chat, { menuItemId: 'halo-add-chat' });
  expect((await extension.actionStatus()).title).toMatch(/already in the draft/);
  await panel.bringToFront();
  await expect(panel.getByTestId('section-offer')).toContainText('Lazy Fibonacci and its complexity');
  await panel.getByTestId('section-offer-update').click();
  await expect(panel.getByTestId('popup-error')).toContainText('Section updated: 0 new blocks');
  await expect(panel.locator('[data-testid="section"]')).toHaveCount(2);
  await expect(panel.locator('[data-testid="block"]')).toHaveCount(blocks);
});

test('a selection, a link and an image dropped into the panel join the draft with their source; the same drop twice adds nothing (issue 12)', async ({
  extension,
  pages,
  context,
}) => {
  const reading = await context.newPage();
  await reading.goto(pages.serve('/notes/lazy.html', await article));
  await extension.press(reading, { menuItemId: 'halo-add-page' });
  // The menu's grant lets the panel read that tab's address: drops from it carry it as their source.
  const tabId = await extension.tabIdOf(reading);
  const panel = await openPanel(extension, tabId);
  const drop = (data: Record<string, string>) =>
    panel.evaluate((items) => {
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(items)) transfer.setData(type, value);
      const zone = document.querySelector('[data-testid="panel-drop"]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, data);

  const before = await panel.locator('[data-testid="block"]').count();
  await drop({
    'text/html': '<p>A generator keeps <b>only</b> its state.</p><script>alert(1)</script>',
    'text/plain': 'A generator keeps only its state.',
  });
  await expect(panel.locator('[data-testid="block"]')).toHaveCount(before + 1);
  await expect(panel.locator('[data-testid="block"]').last()).toContainText('A generator keeps only its state.');
  // From the page the section already holds: the same section, not a new one.
  await expect(panel.locator('[data-testid="section"]')).toHaveCount(0);

  await drop({
    'text/html': '<p>A generator keeps <b>only</b> its state.</p>',
    'text/plain': 'A generator keeps only its state.',
  });
  await expect(panel.getByTestId('popup-error')).toContainText('already in the draft');
  await expect(panel.locator('[data-testid="block"]')).toHaveCount(before + 1);

  await drop({
    'text/uri-list': 'https://docs.python.org/3/library/itertools.html',
    'text/plain': 'https://docs.python.org/3/library/itertools.html',
    'text/html': '<a href="https://docs.python.org/3/library/itertools.html">itertools</a>',
  });
  await expect(panel.locator('[data-testid="block"]')).toHaveCount(before + 2);
  await expect(panel.locator('[data-testid="block"]').last().locator('a')).toHaveAttribute(
    'href',
    'https://docs.python.org/3/library/itertools.html',
  );
  await drop({
    'text/html': '<img src="https://docs.python.org/3/_static/py.svg" alt="Python logo">',
    'text/uri-list': 'https://docs.python.org/3/_static/py.svg',
  });
  await expect(panel.locator('[data-testid="block"]')).toHaveCount(before + 3);
  // Saved as Markdown from the allowlist: the dropped <script> is gone, the bold is Markdown.
  const stored = async () => {
    const { currentId } = await extension.storageValue<{ currentId: string }>('draftIndex');
    return extension.storageValue<{ blocks: { block: { markdown?: string } }[] }>(`draft:${currentId}`);
  };
  await expect
    .poll(async () => (await stored()).blocks.map((b) => b.block.markdown).slice(-2))
    .toEqual([
      '[itertools](https://docs.python.org/3/library/itertools.html)',
      '![Python logo](https://docs.python.org/3/_static/py.svg)',
    ]);
  expect((await stored()).blocks.map((b) => b.block.markdown)).toContain('A generator keeps **only** its state.');
});

test('"Update from the page" asks for that one site; refused, the draft is unchanged, the answer is remembered and the message says how to add it instead (issue 12)', async ({
  extension,
  context,
  pages,
}) => {
  const chat = await chatTab(extension);
  await extension.press(chat, { menuItemId: 'halo-add-chat' });
  const reading = await context.newPage();
  await reading.goto(pages.serve('/notes/lazy.html', await article));
  await extension.press(reading, { menuItemId: 'halo-add-page' });
  const panel = await openPanel(extension);
  await expect(panel.locator('[data-testid="section"]')).toHaveCount(2);
  const draftKey = `draft:${(await extension.storageValue<{ currentId: string }>('draftIndex')).currentId}`;
  const before = await extension.storageValue(draftKey);

  // The user refuses the browser's prompt for chatgpt.com (see askBrowser in lib/capture/tab-access.ts).
  await panel.evaluate(() => Object.assign(window, { __haloE2EPermissionAnswer: false }));
  await panel.locator('[data-testid="section-refresh"]').first().click();
  const notice = panel.getByTestId('popup-error');
  await expect(notice).toHaveAttribute('data-code', 'permission');
  await expect(notice).toContainText('Halo was not allowed to read chatgpt.com, so the draft is unchanged');
  await expect(notice).toContainText('Add this chat to Halo draft');
  await expect(notice).toContainText('Alt+Shift+J');
  expect(await extension.storageValue('tabAccess')).toEqual({ refused: ['https://chatgpt.com/*'] });
  expect(await extension.storageValue(draftKey)).toEqual(before);

  // Remembered: a second click does not ask again.
  await panel.locator('[data-testid="section-refresh"]').first().click();
  await expect(notice).toContainText('not allowed to read chatgpt.com');
  expect(
    await panel.evaluate(() => (window as { __haloE2EPermissionAsked?: string[] }).__haloE2EPermissionAsked),
  ).toEqual(['https://chatgpt.com/*']);

  // "Add this tab" on a tab the panel may not read: nothing changes, and the message says how.
  const other = await context.newPage();
  await other.goto(pages.serve('/notes/other.html', '<title>Other</title><p>Other page</p>'));
  const otherId = await extension.tabIdOf(other);
  const beside = await openPanel(extension, otherId);
  await beside.getByTestId('add-this-tab').click();
  await expect(beside.getByTestId('popup-error')).toContainText('Halo may not read this tab from the side panel');
  await expect(beside.getByTestId('popup-error')).toContainText('Add page to Halo draft');
  expect(await extension.storageValue(draftKey)).toEqual(before);

  // After a menu or the toolbar gave that tab its grant, "Add this tab" reads it.
  await extension.grantActiveTab(other);
  await beside.bringToFront();
  await beside.getByTestId('add-this-tab').click();
  await expect(beside.locator('[data-testid="section"]')).toHaveCount(3);
  await expect(beside.locator('[data-testid="section-title"]').last()).toHaveValue('Other');
});
