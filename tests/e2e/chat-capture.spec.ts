// A whole ChatGPT thread at its real URL (issue 3): toolbar click, every message with its speaker,
// published with speaker labels, highlighted code and rendered math.
import { readFile } from 'node:fs/promises';
import { expect, test } from './harness';
import { openAtRealUrl } from './support/extension-driver';

const fixture = readFile(new URL('../fixtures/chat/chatgpt/long-thread.html', import.meta.url), 'utf8');

test('a ChatGPT thread becomes a Halo with every speaker, code and math (issue 3)', async ({ context, extension }) => {
  const page = await openAtRealUrl(context, 'https://chatgpt.com/c/6742-abcd', await fixture);

  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 5`);
  const blocks = await popup.evaluate<[string, string][]>(
    `[...document.querySelectorAll('[data-testid="block"]')].map((b) => [b.dataset.role, b.dataset.included])`,
  );
  expect(blocks).toEqual([
    ['user', 'true'],
    ['reasoning', 'false'],
    ['assistant', 'true'],
    ['user', 'true'],
    ['assistant', 'true'],
  ]);
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="draft-title"]').value`)).toBe(
    'Lazy Fibonacci and its complexity',
  );

  await popup.type('[data-testid="draft-note"]', 'The closed form is the surprise.');
  await popup.click('[data-testid="filter-answers"]');
  await popup.waitFor(
    `[...document.querySelectorAll('[data-testid="block"]')].map((b) => b.dataset.included).join() === 'false,false,true,false,true'`,
  );
  await popup.click('[data-testid="filter-all"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"][data-included="true"]').length === 5`);
  await popup.click('[data-testid="filter-no-reasoning"]');
  await popup.click('[data-testid="publish-button"]');
  await popup.evaluate(`document.querySelector('[data-testid="consent-accept"]')?.click()`);
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
  await popup.close();

  const published = await context.newPage();
  // No network here: images on other hosts fail at once instead of waiting for a timeout.
  await published.route(/^https:/, (route) => route.abort());
  await published.goto(link);
  await expect(published.locator('.halo-block')).toHaveCount(4);
  await expect(published.locator('.halo-note')).toHaveText('The closed form is the surprise.');
  await expect(published.locator('.halo-role-user .halo-speaker').first()).toHaveText('You');
  await expect(published.locator('.halo-role-assistant .halo-speaker').first()).toHaveText('ChatGPT');
  await expect(published.locator('code.language-python .hljs-keyword').first()).toHaveText('def');
  await expect(published.locator('math[display="block"]')).toHaveCount(1);
  await expect(published.getByText('The user wants a generator')).toHaveCount(0);
  await expect(published.locator('table td', { hasText: 'constant' })).toBeVisible();
});

test('an unrecognised chat layout is said plainly, with article capture offered (issue 3)', async ({
  context,
  extension,
}) => {
  const page = await context.newPage();
  const html = await readFile(new URL('../fixtures/chat/chatgpt/unrecognised.html', import.meta.url), 'utf8');
  await page.route('https://chatgpt.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('https://chatgpt.com/c/changed-layout');
  const popup = await extension.clickToolbar(page);
  const code = await popup.waitFor<string>(`document.querySelector('[data-testid="popup-error"]')?.dataset.code`);
  expect(code).toBe('unrecognised_layout');
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="block"]').length`)).toBe(0);
  await popup.click('[data-testid="capture-page"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 1`);
  await popup.close();
});

for (const { site, url, roles, warning } of [
  {
    site: 'claude',
    url: 'https://claude.ai/chat/8f2c-1d',
    roles: ['user', 'assistant', 'user', 'assistant'],
    warning: false,
  },
  {
    site: 'gemini',
    url: 'https://gemini.google.com/app/4b1d9e',
    roles: ['user', 'assistant', 'user', 'assistant'],
    warning: true,
  },
  { site: 'grok', url: 'https://grok.com/chat/abc-1', roles: ['user', 'assistant'], warning: false },
  {
    site: 'perplexity',
    url: 'https://www.perplexity.ai/search/what-is-a-csp-sandbox-x1',
    roles: ['user', 'assistant', 'user', 'assistant'],
    warning: false,
  },
]) {
  test(`a ${site} thread at its real URL lists every message with its role (issue 3)`, async ({
    context,
    extension,
  }) => {
    const html = await readFile(new URL(`../fixtures/chat/${site}/thread.html`, import.meta.url), 'utf8');
    const page = await openAtRealUrl(context, url, html);
    const popup = await extension.clickToolbar(page);
    await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === ${roles.length}`);
    expect(
      await popup.evaluate<string[]>(
        `[...document.querySelectorAll('[data-testid="block"]')].map((b) => b.dataset.role)`,
      ),
    ).toEqual(roles);
    const warnings = await popup.evaluate<string>(`document.querySelector('.warnings')?.innerText ?? ''`);
    if (warning) expect(warnings).toMatch(/older turns/);
    else expect(warnings).toBe('');
    await popup.close();
  });
}
