// Images that last (issue 7), in Chromium: the page shows the server's copy, from its own origin,
// after the original host is gone, and makes no third-party request.
import { startImageHost } from '../support/image-host';
import { expect, test } from './harness';

test.use({
  serverOptions: {
    images: {
      fetch: true,
      allowPrivateHosts: true,
      maxBytes: 5 * 1024 * 1024,
      maxTotalBytes: 25 * 1024 * 1024,
      timeoutMs: 3_000,
    },
  },
});

test('a published image still shows after its host is gone, served from the Halo origin (issue 7)', async ({
  page,
  server,
}) => {
  const host = await startImageHost();
  const res = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      version: 1,
      title: 'Pictures',
      source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
      blocks: [{ type: 'text', markdown: `![A chart](${host.url}/ok.png)\n\n![Gone](${host.url}/nothing.png)` }],
    }),
  });
  const { url } = (await res.json()) as { url: string };
  await host.close();

  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  const chart = page.getByRole('img', { name: 'A chart' });
  await expect(chart).toBeVisible();
  await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
  await expect(page.getByText('Image unavailable: Gone')).toBeVisible();
  expect(requests.every((r) => r.startsWith(server.url))).toBe(true);
  expect(errors).toEqual([]);
});
