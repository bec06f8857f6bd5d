// Halos in every language (issue 17): an Arabic, a Hebrew/English and a Japanese ChatGPT thread,
// each at its real URL, captured by a toolbar click and published; then the popup in Arabic.
// One browser for the three threads, one for the Arabic interface.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './harness';
import {
  dismissWelcome,
  ExtensionDriver,
  launchWithExtension,
  openAtRealUrl,
  serviceWorkerOf,
} from './support/extension-driver';

const axeSource = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
/** HALO_SCREENSHOTS=1 writes the README gallery (docs/screenshots/); otherwise nothing is written. */
const SCREENSHOTS = process.env.HALO_SCREENSHOTS === '1';

const turn = (n: number, role: 'user' | 'assistant', html: string) =>
  `<article data-testid="conversation-turn-${n}"><h5 class="sr-only">${role === 'user' ? 'You said:' : 'ChatGPT said:'}</h5>
  <div data-message-author-role="${role}" data-message-id="m-${n}">${
    role === 'user' ? `<div class="whitespace-pre-wrap">${html}</div>` : `<div class="markdown prose">${html}</div>`
  }</div></article>`;

/** A ChatGPT page as the site serves it: its <html lang> is the interface's (en-US), not the thread's. */
const chatPage = (title: string, turns: string[]) =>
  `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>${title}</title>
  <style>.sr-only{position:absolute;width:1px;height:1px;overflow:hidden}</style></head>
  <body><main>${turns.join('\n')}</main></body></html>`;

interface Thread {
  name: string;
  url: string;
  html: string;
  /** The page's declared language, then each block's: its computed direction and its own lang. */
  pageLang: string;
  blocks: { dir: 'rtl' | 'ltr'; lang: string | null }[];
  /** Fonts that cover the thread's script (CSS.getPlatformFontsForNode on its paragraphs). */
  fonts: RegExp;
}

const THREADS: Thread[] = [
  {
    name: 'arabic',
    url: 'https://chatgpt.com/c/ar-6742',
    html: chatPage('الذاكرة الثابتة في المولّدات', [
      turn(1, 'user', 'كيف أولّد أعداد فيبوناتشي دون تخزينها كلها؟'),
      turn(
        2,
        'assistant',
        `<p>استخدم مولّدًا: الدالة <code>fib()</code> تعطي عددًا واحدًا في كل مرة.</p>
        <pre><code class="language-python">def fib():
    a, b = 0, 1</code></pre>
        <p>React هو مكتبة، لكن الفكرة هنا أبسط: هذا يعمل بذاكرة ثابتة.</p>
        <table><thead><tr><th>الطريقة</th><th>الذاكرة</th></tr></thead><tbody><tr><td>قائمة</td><td>O(n)</td></tr><tr><td>مولّد</td><td>ثابتة</td></tr></tbody></table>`,
      ),
    ]),
    pageLang: 'ar',
    blocks: [
      { dir: 'rtl', lang: null },
      { dir: 'rtl', lang: null },
    ],
    fonts: /Arabic|Naskh|Kufi|DejaVu/,
  },
  {
    name: 'hebrew-english',
    url: 'https://chatgpt.com/c/he-en-1',
    html: chatPage('שאלה על זיכרון', [
      turn(1, 'user', 'איך אפשר לחשב את סדרת פיבונאצ׳י בלי לשמור את כל המספרים?'),
      turn(
        2,
        'assistant',
        '<p>Use a generator: it yields one number at a time, so memory stays constant.</p><p>The answer in one line: <code>yield a</code>.</p>',
      ),
    ]),
    // Most of its letters are English: the page is (en-US, as declared), the Hebrew question says he.
    pageLang: 'en-US',
    blocks: [
      { dir: 'rtl', lang: 'he' },
      { dir: 'ltr', lang: null },
    ],
    fonts: /Hebrew|DejaVu|Noto Sans|Liberation/,
  },
  {
    name: 'japanese',
    url: 'https://chatgpt.com/c/ja-42',
    html: chatPage('フィボナッチ数列の遅延評価', [
      turn(1, 'user', 'Python でフィボナッチ数を遅延的に生成するには?'),
      turn(
        2,
        'assistant',
        '<p>ジェネレーターを使います。<code>yield</code> で一つずつ値を返すので、メモリは一定です。</p>',
      ),
    ]),
    pageLang: 'ja',
    blocks: [
      { dir: 'ltr', lang: null },
      { dir: 'ltr', lang: null },
    ],
    fonts: /CJK|JP|Gothic|Hiragino/,
  },
];

/** The platform fonts that draw each paragraph's own text (CDP), one list per paragraph. */
async function fontsOf(cdp: CDPSession, selector: string): Promise<string[][]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const out: string[][] = [];
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    out.push(fonts.map((f) => f.familyName));
  }
  return out;
}

test('Arabic, Hebrew/English and Japanese threads: each block in its own direction and language, drawn with real glyphs (issue 17)', async ({
  context,
  extension,
}) => {
  let consented = false;
  for (const thread of THREADS) {
    const page = await openAtRealUrl(context, thread.url, thread.html);
    const popup = await extension.clickToolbar(page);
    // The popup opens on the last draft, then captures this thread into a new one.
    const title = /<title>([^<]*)<\/title>/.exec(thread.html)![1]!;
    await popup.waitFor(
      `document.querySelector('[data-testid="draft-title"]')?.value === ${JSON.stringify(title)} && document.querySelectorAll('[data-testid="block"] .halo-block').length === 2`,
    );
    // The editor's fields and previews follow the text (dir="auto", the shared renderer).
    const editor = await popup.evaluate<[boolean, string[]]>(`[
      document.querySelector('[data-testid="draft-title"]').matches(':dir(${thread.blocks[0]!.dir})'),
      [...document.querySelectorAll('[data-testid="block"] .halo-block')].map((b) => getComputedStyle(b).direction),
    ]`);
    expect(editor).toEqual([true, thread.blocks.map((b) => b.dir)]);
    await popup.click('[data-testid="publish-button"]');
    if (!consented) {
      await popup.click('[data-testid="consent-accept"]');
      consented = true;
    }
    const link = await popup.waitFor<string>(`document.querySelector('[data-testid="published-link"]')?.href`, 20_000);
    await popup.close();
    await page.close();

    const published = await context.newPage();
    await published.route(/^https:/, (route) => route.abort());
    await published.goto(link);
    await expect(published.locator('html')).toHaveAttribute('lang', thread.pageLang);
    const blocks = await published
      .locator('.halo-block')
      .evaluateAll((els) => els.map((el) => ({ dir: getComputedStyle(el).direction, lang: el.getAttribute('lang') })));
    expect(blocks).toEqual(thread.blocks);
    // Code stays left to right inside right-to-left text, isolated from it.
    if (thread.name === 'arabic') {
      const code = await published
        .locator('.halo-block p code')
        .first()
        .evaluate((el) => [getComputedStyle(el).unicodeBidi, getComputedStyle(el).direction]);
      expect(code).toEqual(['isolate', 'ltr']);
      await expect(published.locator('.halo-block figure.halo-code-block')).toHaveCSS('direction', 'ltr');
      await expect(published.locator('.halo-block td').first()).toHaveCSS('direction', 'rtl');
    }
    // No missing-glyph boxes: every paragraph of the thread's script is drawn by a font covering it.
    const cdp = await context.newCDPSession(published);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const fonts = await fontsOf(cdp, '.halo-block:not([lang]) .halo-content p, h1.halo-title');
    expect(fonts.length).toBeGreaterThan(0);
    for (const used of fonts)
      expect(
        used.some((family) => thread.fonts.test(family)),
        used.join(),
      ).toBe(true);
    if (SCREENSHOTS) await published.screenshot({ path: `docs/screenshots/halo-${thread.name}.png` });
    await published.close();
  }
});

test('the popup in Arabic is laid out right to left, overflows nothing and passes axe (issue 17)', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'halo-profile-ar-'));
  const context = await launchWithExtension(profile, undefined, { lang: 'ar' });
  try {
    const sw = await serviceWorkerOf(context);
    await dismissWelcome(context);
    const extension = new ExtensionDriver(context, new URL(sw.url()).host);
    const page = await openAtRealUrl(context, THREADS[0]!.url, THREADS[0]!.html);
    const tabId = await extension.grantActiveTab(page);
    const popup: Page = await extension.openPopupTab(tabId);
    await expect(popup.locator('[data-testid="block"]')).toHaveCount(2);
    await expect(popup.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(popup.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(popup.locator('[data-testid="publish-button"]')).toHaveText('نشر');
    await expect(popup.locator('.editor')).toHaveCSS('direction', 'rtl');
    // Nothing sticks out of the popup's 560 px, on either side.
    const overflowing = await popup.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && (box.left < -1 || box.right > width + 1) && !el.closest('.sr-only');
        })
        .map((el) => `${el.tagName}.${el.className}`);
    });
    expect(overflowing).toEqual([]);
    if (SCREENSHOTS) await popup.screenshot({ path: 'docs/screenshots/popup-arabic.png' });
    await popup.evaluate(await axeSource);
    const result = (await popup.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe.run(document),
    )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
