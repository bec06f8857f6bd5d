/**
 * Side panel (issue 12), in Chromium with the built extension, the panel's page opened as an
 * extension page:
 * - a 500-message thread added (as the menus add it: the draft announced to open editors on the
 *   extension's BroadcastChannel as its storage write starts, lib/draft/repository.ts) to a draft of 500 blocks,
 *   until the panel shows the new section and can take input;
 * - keystroke to updated preview with 1,000 blocks, in the panel at full width (blocks beside the
 *   live preview of the whole Halo): the block's own preview, and the whole-Halo preview.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Draft, DraftBlock } from '../lib/draft/draft';
import { DRAFT_CHANNEL } from '../lib/messaging/draft-channel';
import { launchWithExtension, serviceWorkerOf } from '../tests/e2e/support/extension-driver';
import { ensureBuilt, median, percentile } from './support';
import type { BenchRow } from './types';

const ADDS = 7;
const KEYSTROKES = 30;

declare const chrome: { storage: { local: { set(items: object): Promise<void> } } };

const at = '2026-11-30T10:00:00.000Z';
const code = Array.from({ length: 6 }, (_, n) => `let v${n} = items.map((x) => x * ${n});`).join('\n');
function messages(prefix: string, count: number): DraftBlock[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    included: true,
    block:
      i % 2 === 0
        ? { type: 'message', role: 'user', author: 'You', markdown: `Question ${i}: how do I sort *this* list?` }
        : {
            type: 'message',
            role: 'assistant',
            author: 'Claude',
            markdown: `Answer ${i} uses **sorted** with \`key=len\`.\n\n\`\`\`javascript\n${code}\n\`\`\`\n\n- stable\n- see [the docs](https://docs.python.org/3/howto/sorting.html)`,
          },
  }));
}
const section = (id: string, title: string, url: string): DraftBlock => ({
  id,
  included: true,
  block: { type: 'section', title, source: { url, title, site: new URL(url).hostname, capturedAt: at } },
});
function draft(blocks: DraftBlock[]): Draft {
  return {
    id: 'bench-panel',
    createdAt: at,
    updatedAt: at,
    title: 'Planning, reviewed',
    note: '',
    source: { url: 'https://chatgpt.com/c/plan', title: 'Plan', site: 'chatgpt', capturedAt: at },
    blocks,
    warnings: [],
    captureKey: 'chat|https://chatgpt.com/c/plan|x',
    allowSearchEngines: false,
  };
}

/** In the page: notes Date.now() once `count` sections are shown with their controls, after the next frame and task. */
function watchSections(count: number) {
  const w = window as unknown as { __sectionsAt?: number };
  const observer = new MutationObserver(() => {
    if (w.__sectionsAt !== undefined) return;
    if (document.querySelectorAll('[data-testid="section"] [data-testid="section-title"]').length < count) return;
    w.__sectionsAt = -1;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__sectionsAt = Date.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page: keydown to the frame after `selector`'s text changed, per keystroke. */
function watchKeystrokes(selector: string) {
  const w = window as unknown as { __keystrokes: number[] };
  w.__keystrokes = [];
  const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="block-markdown"]')!;
  const target = document.querySelector(selector)!;
  let pending: { at: number; before: string } | null = null;
  textarea.addEventListener('keydown', (event) => {
    pending = { at: event.timeStamp, before: target.textContent ?? '' };
  });
  new MutationObserver(() => {
    if (!pending || target.textContent === pending.before) return;
    const { at } = pending;
    pending = null;
    requestAnimationFrame(() => w.__keystrokes.push(performance.now() - at));
  }).observe(target, { childList: true, subtree: true, characterData: true });
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
}

export async function run(): Promise<BenchRow[]> {
  ensureBuilt();
  const profile = await mkdtemp(join(os.tmpdir(), 'halo-bench-panel-'));
  const context = await launchWithExtension(profile);
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    const url = `chrome-extension://${extensionId}/sidepanel.html`;
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    const seed = (d: Draft) =>
      sw.evaluate(
        (value) =>
          chrome.storage.local.set({
            [`draft:${value.id}`]: value,
            [`draft:${value.id}$`]: { v: 3 },
            draftIndex: { currentId: value.id, drafts: [] },
            draftIndex$: { v: 2 },
          }),
        d,
      );
    const before = draft(messages('a', 500));
    const after: Draft = {
      ...draft([
        section('s1', 'Plan', 'https://chatgpt.com/c/plan'),
        ...before.blocks,
        section('s2', 'Review', 'https://claude.ai/chat/review'),
        ...messages('b', 500),
      ]),
      // Newer than what the panel shows: an add from another context, as addToDraft saves it.
      updatedAt: '2026-11-30T11:00:00.000Z',
    };

    const adds: number[] = [];
    for (let i = 0; i < ADDS; i++) {
      await seed(before);
      const page = await context.newPage();
      await page.setViewportSize({ width: 420, height: 900 });
      await page.addInitScript(watchSections, 2);
      await page.goto(url);
      await page.locator('[data-testid="block"]').first().waitFor();
      await page.locator('main.editor[aria-busy="false"]').waitFor();
      const start = await sw.evaluate(
        async ({ value, channel }) => {
          const t = Date.now();
          const announce = new BroadcastChannel(channel);
          announce.postMessage({ draft: value });
          announce.close();
          await chrome.storage.local.set({ [`draft:${value.id}`]: value });
          return t;
        },
        { value: after, channel: DRAFT_CHANNEL },
      );
      const end = await page
        .waitForFunction(
          () =>
            ((window as unknown as { __sectionsAt?: number }).__sectionsAt ?? -1) > 0 &&
            (window as unknown as { __sectionsAt: number }).__sectionsAt,
          null,
          { timeout: 30_000 },
        )
        .then((h) => h.jsonValue() as Promise<number>);
      adds.push(end - start);
      await page.close();
    }

    const big = draft([
      section('s1', 'Plan', 'https://chatgpt.com/c/plan'),
      ...messages('a', 500),
      section('s2', 'Review', 'https://claude.ai/chat/review'),
      ...messages('b', 498),
    ]);
    await seed(big);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.locator('[data-testid="halo-preview"] .halo-block').first().waitFor();
    await page.locator('[data-testid="block"]:nth-child(3) [data-testid="block-edit"]').click();
    await page.locator('[data-testid="block-live-preview"] .halo-block').waitFor();
    const type = async (selector: string) => {
      await page.evaluate(watchKeystrokes, selector);
      for (let i = 0; i < KEYSTROKES; i++) {
        await page.keyboard.press('x');
        await page.waitForFunction(
          (n) => (window as unknown as { __keystrokes: number[] }).__keystrokes.length === n,
          i + 1,
          { timeout: 30_000 },
        );
      }
      return page.evaluate(() => (window as unknown as { __keystrokes: number[] }).__keystrokes);
    };
    const own = await type('[data-testid="block-live-preview"]');
    // The whole-Halo preview beside the blocks: from the last keystroke to its refresh, once
    // typing pauses (components/halo-preview.tsx waits PAUSE_MS on long drafts).
    const whole: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => {
        const w = window as unknown as { __wholeAt?: number; __keyAt?: number };
        const target = document.querySelector('[data-testid="halo-preview"]')!;
        const before = target.textContent;
        w.__wholeAt = undefined;
        new MutationObserver((_, observer) => {
          if (target.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() => (w.__wholeAt = performance.now() - w.__keyAt!));
        }).observe(target, { childList: true, subtree: true, characterData: true });
        document.addEventListener('keydown', () => (w.__keyAt = performance.now()), { once: true });
      });
      await page.keyboard.press('y');
      whole.push(
        await page
          .waitForFunction(() => (window as unknown as { __wholeAt?: number }).__wholeAt, null, { timeout: 60_000 })
          .then((h) => h.jsonValue() as Promise<number>),
      );
    }
    await page.close();

    return [
      {
        group: 'side panel',
        name: 'add a 500-message thread to a 500-block draft, to interactive',
        value: median(adds),
        unit: 'ms (median)',
        target: '< 300 ms',
        note: `${ADDS} adds; the add (announced, and written to storage, as a menu adds) to the new section shown with its controls, next frame; p90 ${Math.round(percentile(adds, 90))} ms; load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      },
      {
        group: 'side panel',
        name: 'keystroke to updated block preview, 1,000 blocks, wide',
        value: median(own),
        unit: 'ms (median)',
        target: '< 50 ms',
        note: `${KEYSTROKES} keystrokes, keydown to the frame after the edited block's preview changed; p90 ${Math.round(percentile(own, 90))} ms`,
      },
      {
        group: 'side panel',
        name: 'pause in typing to refreshed whole-Halo preview, 1,000 blocks, wide',
        value: median(whole),
        unit: 'ms (median)',
        note: `3 keystrokes, keydown to the frame after the preview beside the blocks changed; it waits 300 ms for a pause on drafts over 200 blocks, then renders the whole Halo in one pass`,
      },
    ];
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
