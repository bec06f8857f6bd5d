// Rate limits (issue 7): the server's 429 reaches the user as a clear status, and the publish
// stays queued to retry after Retry-After instead of failing or duplicating.
import { expect, test } from './harness';
import { selectContents } from './support/extension-driver';

test.use({ serverOptions: { rateLimit: { perMinute: 1, perDay: 300 } } });

test('a 429 shows the limit and queues the retry (issue 7)', async ({ context, extension, pages, server }) => {
  // The one publish allowed this minute is used up by someone else on this address.
  const used = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      version: 1,
      title: 'Earlier',
      source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
      blocks: [{ type: 'text', markdown: 'earlier' }],
    }),
  });
  expect(used.status).toBe(201);

  const tab = await context.newPage();
  await tab.goto(pages.serve('/a.html', '<title>A note</title><p id="p">Something worth sharing.</p>'));
  await selectContents(tab, '#p');
  const popup = await extension.clickToolbar(tab);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length === 1`);
  await popup.click('[data-testid="publish-button"]');
  await popup.click('[data-testid="consent-accept"]');
  const status = await popup.waitFor<string>(
    `document.querySelector('[data-testid="publish-status"][data-status="queued"]')?.innerText.includes('limiting') && document.querySelector('[data-testid="publish-status"]').innerText`,
    15_000,
  );
  expect(status).toMatch(/limiting publishes right now\. Halo will retry automatically/);
  // Queued for after Retry-After (up to a minute away), not failed.
  const jobs =
    await extension.storageValue<
      Record<string, { state: { status: string; nextAttemptAt: string; lastError?: { status: number } } }>
    >('publishJobs');
  const job = Object.values(jobs)[0]!.state;
  expect(job.status).toBe('queued');
  expect(job.lastError?.status).toBe(429);
  expect(Date.parse(job.nextAttemptAt) - Date.now()).toBeGreaterThan(20_000);
  await popup.close();
});
