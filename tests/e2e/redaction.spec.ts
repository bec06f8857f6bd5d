// Publishing a secret (issue 4, issue 7): the public-link notice comes once; findings stop the
// publish for review; "Redact all" removes them, and the published page never shows them.
import { expect, test } from './harness';
import { selectContents } from './support/extension-driver';

const key = `sk-proj-${'Q7x2Lm9Vb4Nc8Rt1Yk3Wp6Hs0Jd5Fg'}ZaTu`;
const page = (secret: string) => `<!doctype html><title>Debugging notes</title>
<article id="notes"><p>My config was <code>OPENAI_API_KEY=${secret}</code>; ask jane.doe@acme-corp.io if it fails.</p>
<p>The rest is harmless.</p></article>`;

test('a secret is found, the publish stops, redaction removes it, consent is asked only once (issue 4, issue 7)', async ({
  context,
  extension,
  pages,
}) => {
  const tab = await context.newPage();
  await tab.goto(pages.serve('/debug.html', page(key)));
  await selectContents(tab, '#notes');
  const popup = await extension.clickToolbar(tab);
  await popup.waitFor(`document.querySelectorAll('[data-testid="finding"]').length === 2`);
  expect(
    await popup.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="finding"]')].map((f) => f.dataset.kind)`,
    ),
  ).toEqual(['api-key', 'email']);
  // The list never shows the secret itself.
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="findings"]').innerText`)).not.toContain(
    key,
  );
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="block"]').dataset.flagged`)).toBe('true');

  await popup.click('[data-testid="publish-button"]');
  expect(await popup.waitFor<string>(`document.querySelector('[data-testid="consent"]')?.dataset.reason`)).toBe(
    'first',
  );
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="consent"]').innerText`)).toMatch(
    /Anyone with the link can read this Halo/,
  );
  await popup.click('[data-testid="consent-accept"]');
  expect(await popup.waitFor<string>(`document.querySelector('[data-testid="consent"]')?.dataset.reason`)).toBe(
    'findings',
  );
  expect(await popup.evaluate<string>(`document.querySelector('[data-testid="consent"]').innerText`)).toMatch(
    /2 possible secrets[\s\S]*Anyone with the link/,
  );
  await popup.click('[data-testid="consent-cancel"]'); // Review
  await popup.click('[data-testid="redact-all"]');
  await popup.waitFor(`document.querySelectorAll('[data-testid="finding"]').length === 0`);

  await popup.click('[data-testid="publish-button"]');
  // Consent was given once: no notice this time, straight to publishing.
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
  expect(await popup.evaluate<number>(`document.querySelectorAll('[data-testid="consent"]').length`)).toBe(0);
  await popup.close();

  const published = await context.newPage();
  await published.goto(link);
  const text = await published.locator('article').innerText();
  expect(text).toContain('[redacted API key]');
  expect(text).toContain('[redacted email]');
  expect(text).not.toContain(key);
  expect(text).not.toContain('jane.doe');
});
