// The train scenario (issue 5): publish with the server down, close the popup, the worker is
// killed; when the server is back, exactly one Halo exists and its link is on the clipboard.
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { startHaloServer } from '../../server/start';
import { expect, test } from './harness';
import { selectContents } from './support/extension-driver';

const fixture = readFile(new URL('../fixtures/pages/selection-article.html', import.meta.url), 'utf8');

test('a queued publish survives the worker being stopped and lands exactly once (issue 5)', async ({
  context,
  extension,
  pages,
  server,
}) => {
  await server.close(); // the network is gone
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', await fixture));
  await selectContents(page, '#share-me');
  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await popup.click('[data-testid="publish-button"]');
  await popup.click('[data-testid="consent-accept"]');
  await popup.waitFor(`document.querySelector('[data-testid="publish-status"]')?.dataset.status === 'queued'`, 15_000);
  await popup.close();

  // Chrome stops idle workers; here it is stopped on purpose, mid-queue.
  const cdp = await context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extension.extensionId}/`),
  );
  expect(worker).toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: worker!.targetId });

  const back = await startHaloServer({ host: '127.0.0.1', port: server.port, dbPath: server.dbPath });
  try {
    const db = new Database(server.dbPath, { readonly: true });
    const count = () => (db.prepare('select count(*) as n from halos').get() as { n: number }).n;
    await expect.poll(count, { timeout: 45_000, intervals: [500] }).toBe(1);
    const id = (db.prepare('select id from halos').get() as { id: string }).id;
    db.close();
    await expect
      .poll(() => extension.readClipboard(`${back.url}/healthz`), { timeout: 10_000 })
      .toBe(`${back.url}/h/${id}`);
    // The popup is closed: the toolbar button says it landed, and its tooltip holds the link.
    expect(await extension.actionStatus()).toEqual({
      badge: '✓',
      title: `Halo published. The link is on your clipboard: ${back.url}/h/${id}`,
    });
    // Nothing else arrives later: the job is done, not retried.
    await page.waitForTimeout(2_000);
    const again = new Database(server.dbPath, { readonly: true });
    expect((again.prepare('select count(*) as n from halos').get() as { n: number }).n).toBe(1);
    again.close();
    // Opening Halo is seeing the news: the ✓ goes, the button reads as usual again.
    const seen = await extension.clickToolbar(page);
    await expect.poll(() => extension.actionStatus()).toEqual({ badge: '', title: 'Share as Halo' });
    await seen.close();
  } finally {
    await back.close();
  }
});
