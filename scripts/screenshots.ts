/**
 * `npm run screenshots`: the README's pictures, taken from real Chromium: the real popup opened
 * by a toolbar click on a selection, and the Halo it publishes. Needs a build (`npm run build`).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHaloServer } from '../server/start';
import {
  ExtensionDriver,
  dismissWelcome,
  launchWithExtension,
  selectContents,
  serviceWorkerOf,
  startPageServer,
} from '../tests/e2e/support/extension-driver';

const outDir = new URL('../docs/screenshots/', import.meta.url);
const work = await mkdtemp(join(tmpdir(), 'halo-shots-'));
const server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(work, 'halos.db') });
const pages = await startPageServer();
const context = await launchWithExtension(join(work, 'profile'));
try {
  const sw = await serviceWorkerOf(context);
  const extension = new ExtensionDriver(context, new URL(sw.url()).host);
  await dismissWelcome(context);
  await extension.setEndpoint(server.url);

  const fixture = await readFile(new URL('../tests/fixtures/pages/selection-article.html', import.meta.url), 'utf8');
  const page = await context.newPage();
  await page.goto(pages.serve('/notes/lazy.html', fixture));
  await selectContents(page, '#share-me');

  const popup = await extension.clickToolbar(page);
  await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`);
  await popup.type('[data-testid="draft-title"]', 'Fibonacci, lazily');
  await new Promise((ok) => setTimeout(ok, 400));
  const shot = (await popup.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
  await mkdir(outDir, { recursive: true });
  await writeFile(new URL('popup.png', outDir), Buffer.from(shot.data, 'base64'));

  await popup.click('[data-testid="publish-button"]');
  await popup.evaluate(`document.querySelector('[data-testid="consent-accept"]')?.click()`);
  const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
  await popup.close();

  const halo = await context.newPage();
  await halo.setViewportSize({ width: 900, height: 900 });
  await halo.goto(link);
  await halo.screenshot({ path: new URL('halo.png', outDir).pathname });
  console.log(`wrote docs/screenshots/popup.png and docs/screenshots/halo.png (${link})`);
} finally {
  await context.close();
  await pages.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
