// Several drafts, recapture and published Halos (issue 4), in the built extension with the real
// popup and the real server: Update keeps the link, Unpublish makes it answer 410, two drafts
// switch back and forth, and a ChatGPT thread that grew updates its draft keeping the edits.
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness';
import { selectContents, type RealPopup } from './support/extension-driver';

const article = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');
const chatgpt = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');

/** The thread one exchange later: the fixture with a new question and answer at its end. */
const grown = async () =>
  (await chatgpt).replace(
    '\n</div>\n</main>',
    `
<article data-testid="conversation-turn-5">
  <h5 class="sr-only">You said:</h5>
  <div data-message-author-role="user" data-message-id="eee-555"><div class="whitespace-pre-wrap">And in Rust?</div></div>
</article>
<article data-testid="conversation-turn-6">
  <h6 class="sr-only">ChatGPT said:</h6>
  <div data-message-author-role="assistant" data-message-id="fff-666" data-message-model-slug="gpt-5-thinking">
    <div class="markdown prose"><p>Implement <code>Iterator</code> for a small struct.</p></div>
  </div>
</article>
</div>
</main>`,
  );

const included = (popup: RealPopup) =>
  popup.evaluate<string>(
    `[...document.querySelectorAll('[data-testid="block"]')].map((b) => b.dataset.included).join()`,
  );

test('Update republishes the edited draft at the same link; Unpublish makes it answer 410 (issue 4)', async ({
  context,
  extension,
  pages,
}) => {
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await article));
  await selectContents(page, '#share-me');
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await popup.type('[data-testid="draft-title"]', 'First title');
  await popup.click('[data-testid="publish-button"]');
  await popup.click('[data-testid="consent-accept"]');
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);

  await popup.type('[data-testid="draft-title"]', 'Second title');
  await popup.click('[data-testid="nav-published"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="published-item"]').length === 1`);
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="published-item-link"]').href`)).toBe(link);
  await popup.click('[data-testid="published-update"]');
  await popup.waitFor(
    `document.querySelector('[data-testid="published-job"]')?.dataset.status === 'published'`,
    20_000,
  );

  // Read from here: opening a tab would close the popup.
  const updated = await fetch(link);
  expect(updated.status).toBe(200);
  expect(await updated.text()).toMatch(/<h1[^>]*>Second title<\/h1>/);

  // From the editor too: a published draft's main button updates its link.
  await popup.click('[data-testid="nav-editor"]');
  await popup.type('[data-testid="draft-title"]', 'Third title');
  await popup.click('[data-testid="update-button"]');
  await popup.waitFor(
    `document.querySelector('[data-testid="publish-status"]')?.dataset.status === 'published' && document.querySelector('[data-testid="published-link"]')?.href === ${JSON.stringify(link)}`,
    20_000,
  );
  await expect
    .poll(async () => (await (await fetch(link)).text()).match(/<h1[^>]*>(.*?)<\/h1>/)?.[1])
    .toBe('Third title');
  await popup.click('[data-testid="nav-published"]');

  await popup.click('[data-testid="published-unpublish"]');
  await popup.click('[data-testid="published-unpublish-confirm"]');
  await popup.waitFor(
    `document.querySelector('[data-testid="published-item"]')?.dataset.status === 'unpublished'`,
    20_000,
  );
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="published-item"]').innerText`)).toContain(
    'Unpublished',
  );
  await popup.close();
  const viewer = await context.newPage();
  expect((await viewer.goto(link))?.status()).toBe(410);
});

test('two drafts switch back and forth, each with its own title (issue 4)', async ({ context, extension, pages }) => {
  const html = await article;
  const first = await context.newPage();
  await first.goto(pages.serve('/notes/one.html', html));
  await selectContents(first, '#share-me');
  const one = await extension.clickToolbar(first);
  await one.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await one.type('[data-testid="draft-title"]', 'Draft one');
  await one.close();

  const second = await context.newPage();
  await second.goto(pages.serve('/notes/two.html', html));
  await selectContents(second, '#share-me');
  const popup = await extension.clickToolbar(second);
  // The popup shows the current draft (one) until the capture of this page has become a draft.
  await popup.waitFor(`document.querySelector('main.editor')?.getAttribute('aria-busy') === 'false'`);
  await popup.type('[data-testid="draft-title"]', 'Draft two');

  const title = () => popup.evaluate<string>(`document.querySelector('[data-testid="draft-title"]').value`);
  const open = async (name: string) => {
    await popup.click('[data-testid="nav-drafts"]');
    await popup.waitFor(`document.querySelectorAll('[data-testid="draft-item"]').length === 2`);
    await popup.evaluate(
      `[...document.querySelectorAll('[data-testid="draft-item"]')].find((li) => li.innerText.includes(${JSON.stringify(name)})).querySelector('[data-testid="draft-open"]').click()`,
    );
    await popup.waitFor(`document.querySelector('[data-testid="draft-title"]')?.value === ${JSON.stringify(name)}`);
  };
  await open('Draft one');
  expect(await title()).toBe('Draft one');
  await open('Draft two');
  expect(await title()).toBe('Draft two');
  await open('Draft one');
  await popup.close();
  const index = await extension.storageValue<{ currentId: string; drafts: { id: string; title: string }[] }>(
    'draftIndex',
  );
  expect(index.drafts.map((d) => d.title).sort()).toEqual(['Draft one', 'Draft two']);
  expect(index.drafts.find((d) => d.id === index.currentId)?.title).toBe('Draft one');
});

test('recapturing a ChatGPT thread that grew offers to update its draft and keeps the edits (issue 4)', async ({
  context,
  extension,
}) => {
  let html = await chatgpt;
  const page = await context.newPage();
  await page.route('https://chatgpt.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ contentType: 'text/html', body: html })
      : route.fulfill({ status: 404, body: '' }),
  );
  await page.goto('https://chatgpt.com/c/6742-abcd');

  const first = await extension.clickToolbar(page);
  await first.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
  await first.type('[data-testid="draft-note"]', 'Kept across the update.');
  // Leave out the question with the image.
  await first.evaluate(`document.querySelectorAll('[data-testid="block-include"]')[3].click()`);
  await first.waitFor(`document.querySelectorAll('[data-testid="block"]')[3].dataset.included === 'false'`);
  expect(await included(first)).toBe('true,false,true,false,true');
  await first.close();

  html = await grown();
  await page.reload();
  const second = await extension.clickToolbar(page);
  const prompt = await second.waitFor<string>(`document.querySelector('[data-testid="recapture-prompt"]')?.innerText`);
  expect(prompt).toMatch(/You already have a draft of this thread, “Lazy Fibonacci and its complexity” \(edited/);
  await second.click('[data-testid="recapture-update"]');
  await second.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 7`);
  expect(await included(second)).toBe('true,false,true,false,true,true,true');
  expect(await second.evaluate<string>(`document.querySelector('[data-testid="draft-note"]').value`)).toBe(
    'Kept across the update.',
  );
  expect(await second.evaluate<string>(`document.querySelector('[data-testid="popup-error"]').innerText`)).toContain(
    'Draft updated: 2 new blocks',
  );
  await second.close();

  // The same content again simply reopens the updated draft: no prompt, no second draft.
  const third = await extension.clickToolbar(page);
  await third.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 7`);
  expect(await third.evaluate<boolean>(`!document.querySelector('[data-testid="recapture-prompt"]')`)).toBe(true);
  await third.close();
  const index = await extension.storageValue<{ drafts: unknown[] }>('draftIndex');
  expect(index.drafts).toHaveLength(1);
});
