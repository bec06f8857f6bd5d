// The XSS corpus (issue 6): every payload published through the API, in every field at once, and its page loaded in
// Chromium: no dialog, no script, no request outside the page's own origin.
import type { Page } from '@playwright/test';
import { haloWith, haloWithEverywhere, XSS_PAYLOADS, XSS_PLACES } from '../fixtures/xss/vectors';
import { expect, test } from './harness';

test.use({ serverOptions: { rateLimit: { perMinute: 100_000, perDay: 1_000_000 } } });

// Pages are loaded in a few windows at once: one tab at a time made this the longest e2e test
// (over 5 minutes on a busy machine), and the vectors do not share any state.
const TABS = 2;

test(`${XSS_PAYLOADS.length} XSS payloads in every field run nothing and load nothing from elsewhere (issue 6)`, async ({
  browser,
  server,
}) => {
  test.setTimeout(420_000);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  const problems: string[] = [];
  const published: { name: string; url: string }[] = [];
  const publish = async (name: string, halo: unknown) => {
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(halo),
    });
    if (res.status === 201) published.push({ name, url: ((await res.json()) as { url: string }).url });
    // Refused by the schema (e.g. a too-long label): refusing is safe too.
    else expect(res.status, name).toBe(400);
    return res.status === 201;
  };
  for (const { name, payload } of XSS_PAYLOADS) {
    if (await publish(`${name} everywhere`, haloWithEverywhere(payload))) continue;
    for (const place of XSS_PLACES) await publish(`${name} ${place}`, haloWith({ name, place, payload }));
  }
  // Loaded as brotli, as browsers get it once its variants exist (issue 21).
  await server.pagesCompressed();

  const queue = [...published];
  const visit = async (tab: Page) => {
    let current = '';
    await tab.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue();
      problems.push(`${current}: request to ${url}`);
      return route.abort();
    });
    tab.on('dialog', (dialog) => {
      problems.push(`${current}: dialog "${dialog.message()}"`);
      void dialog.dismiss();
    });
    tab.on('console', (message) => {
      // CSP reports are expected (the page refuses things); anything else means code ran.
      if (!/Content Security Policy|Refused to/i.test(message.text()))
        problems.push(`${current}: console "${message.text()}"`);
    });
    tab.on('pageerror', (error) => problems.push(`${current}: error ${error.message}`));
    for (let next = queue.shift(); next; next = queue.shift()) {
      current = next.name;
      const response = await tab.goto(next.url);
      expect(response?.headers()['content-encoding'], next.name).toBe('br');
      await tab.hover('body').catch(() => undefined);
      const ran = await tab.evaluate(() => (window as { __xss?: number }).__xss);
      if (ran !== undefined) problems.push(`${next.name}: script ran`);
      expect(await tab.locator('script, iframe, object, embed, form, base, meta[http-equiv]').count(), next.name).toBe(
        0,
      );
    }
  };
  // One context (and so one window) each: a background tab gets no animation frames, and hover
  // waits for them.
  const tabs = await Promise.all(Array.from({ length: TABS }, async () => (await browser.newContext()).newPage()));
  await Promise.all(tabs.map(visit));
  await Promise.all(tabs.map((tab) => tab.context().close()));
  expect(published.length).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
  expect(problems).toEqual([]);
});
