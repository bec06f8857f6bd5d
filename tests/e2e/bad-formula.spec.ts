// Issue 16: one pathological formula (a \frac nested 2,000 deep in KaTeX's TeX annotation) on a
// ChatGPT page no longer blanks the popup or fails the publish: that block shows its source with a
// note, the others stay editable, the Halo publishes and its page shows the formula as source.
import { readFile } from 'node:fs/promises';
import { nestedFrac } from '../fixtures/fuzz/regressions';
import { expect, test } from './harness';
import { openAtRealUrl } from './support/extension-driver';

const tex = nestedFrac(2_000);
const katex = `<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">${tex}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">x</span></span></span></span>`;

test('a ChatGPT answer with a 2,000-deep formula opens, edits and publishes, the formula as source (issue 16)', async ({
  context,
  extension,
}) => {
  const base = await readFile(new URL('../fixtures/chat/chatgpt/short-thread.html', import.meta.url), 'utf8');
  const marker = '<p>Revenue +12.5%, churn down to 2.4%, 19 months of runway.&#8203;</p>';
  expect(base).toContain(marker);
  const html = base.replace(marker, `<p>The closed form:</p>${katex}<p>That is all.</p>`);
  const page = await openAtRealUrl(context, 'https://chatgpt.com/c/68a1f0e2-5b7c-8001-9d3e-0c4a7b2e11f3', html);

  test.setTimeout(120_000);
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 4`);
  // The bad block: its source in a code block, with the note; no error boundary was needed.
  const shown = await popup.waitFor<string>(
    `document.querySelectorAll('[data-testid="block"]')[3]?.querySelector('.halo-unrendered pre code')?.textContent`,
  );
  expect(shown).toBe(`$$${tex}$$`);
  expect(
    await popup.evaluate<string>(
      `document.querySelectorAll('[data-testid="block"]')[3].querySelector('.halo-unrendered-note').textContent`,
    ),
  ).toMatch(/nested too deeply/);
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="editor-failure"]').length`)).toBe(0);

  // Another block stays editable.
  await popup.evaluate(`document.querySelectorAll('[data-testid="block-edit"]')[2].click()`);
  await popup.waitFor(`!!document.querySelector('[data-testid="block-markdown"]')`);
  await popup.type('[data-testid="block-markdown"]', ' Edited.');
  await popup.click('[data-testid="block-edit-done"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]')[2]?.textContent.includes('Edited.')`);

  await popup.click('[data-testid="publish-button"]');
  // A fresh profile's first publish asks for consent: waited for, not raced (a CI failure).
  await popup.click('[data-testid="consent-accept"]');
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
  await popup.close();

  const published = await context.newPage();
  await published.route(/^https:/, (route) => route.abort());
  await published.goto(link);
  await expect(published.locator('.halo-block')).toHaveCount(4);
  await expect(published.locator('.halo-unrendered pre code')).toHaveText(`$$${tex}$$`);
  await expect(published.locator('.halo-unrendered-note')).toContainText('nested too deeply');
  await expect(published.getByText('Edited.')).toBeVisible();
  await expect(published.getByText('That is all.')).toBeVisible();
});
