// The XSS corpus (issue 6): every vector published through the API and its page loaded in
// Chromium: no dialog, no script, no request outside the page's own origin.
import { haloWith, XSS_VECTORS } from '../fixtures/xss/vectors';
import { expect, test } from './harness';

test.use({ serverOptions: { rateLimit: { perMinute: 100_000, perDay: 1_000_000 } } });

test(`${XSS_VECTORS.length} XSS vectors run nothing and load nothing from elsewhere (issue 6)`, async ({
  page,
  server,
}) => {
  // 220 pages published and loaded one by one, each waiting for its compressed copies: slow on a busy machine.
  test.setTimeout(420_000);
  expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(200);
  const problems: string[] = [];
  let current = '';
  page.on('dialog', (dialog) => {
    problems.push(`${current}: dialog "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    // CSP reports are expected (the page refuses things); anything else means code ran.
    if (!/Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`${current}: console "${message.text()}"`);
  });
  page.on('pageerror', (error) => problems.push(`${current}: error ${error.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue();
    problems.push(`${current}: request to ${url}`);
    return route.abort();
  });

  for (const vector of XSS_VECTORS) {
    current = vector.name;
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(haloWith(vector)),
    });
    if (res.status !== 201) {
      // Refused by the schema (e.g. a too-long label): refusing is safe too.
      expect(res.status, vector.name).toBe(400);
      continue;
    }
    const { url } = (await res.json()) as { url: string };
    // Loaded as brotli, as browsers get it once its variants exist (issue 21).
    await server.pagesCompressed();
    const response = await page.goto(url);
    expect(response?.headers()['content-encoding'], vector.name).toBe('br');
    await page.hover('body').catch(() => undefined);
    const ran = await page.evaluate(() => (window as { __xss?: number }).__xss);
    if (ran !== undefined) problems.push(`${vector.name}: script ran`);
    expect(await page.locator('script, iframe, object, embed, form, base, meta[http-equiv]').count(), vector.name).toBe(
      0,
    );
  }
  expect(problems).toEqual([]);
});
