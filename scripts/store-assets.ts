/**
 * `npm run store-assets` (issue 18): the store listing's pictures, which the README shows too.
 * - store/screenshots/*.png, 1280×800, taken from real Chromium with the built extension and the
 *   real Halo server (loopback port, temporary SQLite file): the real popup opened by a toolbar
 *   click on a ChatGPT thread, set on the page it was opened over, where Chrome draws it (top
 *   right, under the toolbar); the editor at full size; the side panel's page beside the page it
 *   follows; the published Halo in light and in dark.
 * - store/promo-tile.svg and .png, 440×280, from the Halo mark (scripts/promo-tile.ts).
 *
 * Needs a test build (`HALO_E2E=1 npx wxt build`): sections are added by the context menus'
 * handler through the test hook, as tests/e2e/compose.spec.ts does, since Chromium's native menus
 * cannot be clicked from a script. The build's UI is the product's.
 */
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHaloServer } from '../server/start';
import {
  ExtensionDriver,
  dismissWelcome,
  launchWithExtension,
  openAtRealUrl,
  selectContents,
  serviceWorkerOf,
  startPageServer,
} from '../tests/e2e/support/extension-driver';
import { PROMO_TILE, SCREENSHOT_SIZE, STORE_SCREENSHOTS, promoTileSvg, renderPromoTile } from './promo-tile';

type ShotName = (typeof STORE_SCREENSHOTS)[number];
const root = new URL('../', import.meta.url);
const shotsDir = new URL('store/screenshots/', root);
const { width: W, height: H } = SCREENSHOT_SIZE;
/** Chrome's side panel at the width a user drags it to for editing. */
const PANEL_WIDTH = 440;

/**
 * The chat fixture is bare markup with ChatGPT's structure (and a test's traps: an injected
 * toolbar). For the picture, a plain chat layout of our own behind the popup, added after the
 * capture read the page: no one's look is copied, and nothing changes what the extension sees.
 */
const CHAT_STYLE = `
body { margin: 0; font: 15px/1.6 system-ui, sans-serif; color: #1f1f23; background: #fff; }
nav { position: fixed; inset: 0 auto 0 0; width: 230px; padding: 18px 14px; box-sizing: border-box;
  background: #f5f5f7; display: flex; flex-direction: column; gap: 10px; font-size: 14px; }
nav a { color: #1f1f23; text-decoration: none; }
main { margin-left: 230px; padding: 28px 0 40px; }
.saveai-toolbar, h5.sr-only, article button { display: none; }
article { max-width: 700px; margin: 0 auto 18px; padding: 0 28px; }
[data-message-author-role="user"] .relative { margin-left: auto; width: fit-content; max-width: 70%;
  background: #f0f0f4; border-radius: 20px; padding: 10px 18px; }
pre { background: #f6f7f9; border-radius: 10px; padding: 12px 14px; overflow: auto; font-size: 13px; }
code { font-size: 13px; }
table { border-collapse: collapse; } td, th { border: 1px solid #e2e2e8; padding: 4px 10px; }
details, summary { color: #6b6b75; }
`;

const fixture = (path: string) => readFile(new URL(`tests/fixtures/${path}`, root), 'utf8');
const png = (bytes: Buffer | string) =>
  `data:image/png;base64,${typeof bytes === 'string' ? bytes : bytes.toString('base64')}`;

/**
 * Lays real screenshots on one 1280×800 canvas, in a plain page of the same browser: nothing is
 * drawn but the pictures themselves, the edge between them, and the shadow Chrome gives a popup.
 */
async function compose(canvas: Page, html: string): Promise<Buffer> {
  await canvas.setViewportSize({ width: W, height: H });
  await canvas.setContent(
    `<!doctype html><style>html,body{margin:0;width:${W}px;height:${H}px;overflow:hidden;background:#fff}img{position:absolute;display:block}</style>${html}`,
  );
  await canvas.waitForFunction(() => [...document.images].every((img) => img.complete));
  return canvas.screenshot({ type: 'png' });
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'halo-store-assets-'));
  const server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(work, 'halos.db') });
  const pages = await startPageServer();
  const context = await launchWithExtension(join(work, 'profile'));
  const shots = new Map<ShotName, Buffer>();
  try {
    const sw = await serviceWorkerOf(context);
    const extension = new ExtensionDriver(context, new URL(sw.url()).host);
    await dismissWelcome(context);
    await extension.setEndpoint(server.url);
    // The first publish's notice was accepted earlier: the shots show the work, not the notice.
    await extension.setStorage({ consent: { publicLinkAcceptedAt: '2026-11-20T10:00:00.000Z' } });

    // 1. The popup on a chat thread: a real toolbar click, the real popup over the real page.
    const chat = await openAtRealUrl(
      context,
      'https://chatgpt.com/c/6742-abcd',
      await fixture('chat/chatgpt/long-thread.html'),
    );
    await chat.setViewportSize({ width: W, height: H });
    const popup = await extension.clickToolbar(chat);
    await popup.waitFor(`document.querySelectorAll('[data-testid="block"]').length > 0`, 20_000);
    await popup.waitFor(`document.querySelector('main.editor')?.getAttribute('aria-busy') === 'false'`);
    await popup.evaluate('document.activeElement?.blur(), true');
    const size = await popup.evaluate<{ w: number; h: number }>(
      '({ w: document.documentElement.clientWidth, h: innerHeight })',
    );
    const popupShot = (await popup.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    await popup.close();
    await chat.addStyleTag({ content: CHAT_STYLE });
    const chatShot = await chat.screenshot({ type: 'png' });

    const canvas = await context.newPage();
    shots.set(
      '1-popup-chat-thread.png',
      await compose(
        canvas,
        `<img src="${png(chatShot)}" style="left:0;top:0;width:${W}px;height:${H}px">
         <img src="${png(popupShot.data)}" style="right:12px;top:4px;width:${size.w}px;height:${size.h}px;border-radius:8px;box-shadow:0 2px 6px rgba(0,0,0,.3),0 8px 24px rgba(0,0,0,.2)">`,
      ),
    );

    // More sources, by the menus: an article and a note, each a section of the same draft.
    const reading = await context.newPage();
    await reading.goto(pages.serve('/notes/lazy.html', await fixture('pages/selection-article.html')));
    await extension.press(reading, { menuItemId: 'halo-add-page' });
    const notes = await context.newPage();
    await notes.goto(
      pages.serve(
        '/notes/one.html',
        '<title>One note</title><p id="p">Memoise the recursive version, or keep only the last two numbers: both run in linear time.</p>',
      ),
    );
    await selectContents(notes, '#p');
    await extension.press(notes, { menuItemId: 'halo-add-selection' });

    // 3. The side panel with sections, beside the chat it stands by (the panel's page at panel width).
    const chatTabId = await extension.tabIdOf(chat);
    await chat.setViewportSize({ width: W - PANEL_WIDTH, height: H });
    const pageBeside = await chat.screenshot({ type: 'png' });
    const panel = await context.newPage();
    await panel.setViewportSize({ width: PANEL_WIDTH - 1, height: H });
    await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html?tabId=${chatTabId}`);
    await panel.locator('main.editor[aria-busy="false"]').waitFor();
    await panel.locator('[data-testid="section"]').nth(2).waitFor();
    // The long chat folded, as a user folds a section to see the others.
    await panel.locator('[data-testid="section-fold"]').first().click();
    await panel.locator('[data-testid="section"][data-collapsed="true"]').waitFor();
    const panelShot = await panel.screenshot({ type: 'png' });
    shots.set(
      '3-side-panel-sections.png',
      await compose(
        canvas,
        `<img src="${png(pageBeside)}" style="left:0;top:0;width:${W - PANEL_WIDTH}px;height:${H}px">
         <div style="position:absolute;left:${W - PANEL_WIDTH}px;top:0;width:1px;height:${H}px;background:#c7c7cc"></div>
         <img src="${png(panelShot)}" style="left:${W - PANEL_WIDTH + 1}px;top:0;width:${PANEL_WIDTH - 1}px;height:${H}px">`,
      ),
    );
    await panel.close();

    // 2. The editor at full size: blocks beside the live preview of the whole Halo.
    const editor = await context.newPage();
    await editor.setViewportSize({ width: W, height: H });
    await editor.goto(`chrome-extension://${extension.extensionId}/popup.html?view=tab&tabId=${chatTabId}`);
    await editor.locator('main.editor[aria-busy="false"]').waitFor();
    await editor.locator('[data-testid="draft-title"]').fill('Lazy Fibonacci, three ways');
    await editor.locator('[data-testid="section"]').nth(2).waitFor();
    await editor.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await editor.waitForTimeout(400);
    shots.set('2-editor.png', await editor.screenshot({ type: 'png' }));

    // 4, 5. Publish, then the Halo as a reader sees it, in light and in dark.
    await editor.getByTestId('publish-button').click();
    const link = await editor.locator('[data-testid="published-link"]').getAttribute('href', { timeout: 60_000 });
    if (!link) throw new Error('the publish gave no link');
    const halo = await context.newPage();
    await halo.setViewportSize({ width: W, height: H });
    for (const [scheme, name] of [
      ['light', '4-halo-light.png'],
      ['dark', '5-halo-dark.png'],
    ] as const) {
      await halo.emulateMedia({ colorScheme: scheme });
      await halo.goto(link);
      shots.set(name, await halo.screenshot({ type: 'png' }));
    }
  } finally {
    await context.close();
    await pages.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }

  await mkdir(shotsDir, { recursive: true });
  for (const name of STORE_SCREENSHOTS) {
    const bytes = shots.get(name);
    if (!bytes) throw new Error(`no screenshot ${name}`);
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    if (w !== W || h !== H) throw new Error(`${name} is ${w}×${h}, not ${W}×${H}`);
    await writeFile(new URL(name, shotsDir), bytes);
  }
  await writeFile(new URL('store/promo-tile.svg', root), promoTileSvg());
  await writeFile(new URL('store/promo-tile.png', root), renderPromoTile());
  console.log(
    `store-assets: ${STORE_SCREENSHOTS.length} screenshots (${W}×${H}) in store/screenshots/, promo tile (${PROMO_TILE.width}×${PROMO_TILE.height}) in store/`,
  );
}

await main();
