// Defence in depth (issue 7): even HTML written straight into the database, past every check,
// cannot run on a Halo page: the page's CSP allows no script at all.
import Database from 'better-sqlite3';
import { expect, test } from './harness';

test('a <script> written straight into the database does not run (issue 7)', async ({ page, server }) => {
  const res = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      version: 1,
      title: 'Tampered',
      source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
      blocks: [{ type: 'text', markdown: 'original' }],
    }),
  });
  const { id, url } = (await res.json()) as { id: string; url: string };
  // The compressed copies of the untampered page go too (issue 21), so the browser gets this html.
  await server.pagesCompressed();
  const db = new Database(server.dbPath);
  db.prepare('UPDATE halos SET html = ? WHERE id = ?').run(
    '<p>tampered</p><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"><a href="javascript:window.__xss=3" id=l>l</a>',
    id,
  );
  db.prepare('DELETE FROM page_variants WHERE halo_id = ?').run(id);
  db.close();

  const dialogs: string[] = [];
  page.on('dialog', (d) => dialogs.push(d.message()));
  await page.goto(url);
  await expect(page.getByText('tampered')).toBeVisible();
  await page.click('#l').catch(() => undefined);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
