/**
 * Popup editor (issue 4), in Chromium with the built extension: open to interactive with a
 * 500-message draft, and keystroke to updated live preview while editing one of its blocks.
 * (It imports nothing from components/: tsx cannot resolve WXT's `#imports`.)
 * The editor is opened as "Open in a tab" opens it (popup.html?view=tab), on a draft seeded in storage.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import type { Draft } from '../lib/draft/draft';
import { dismissWelcome, launchWithExtension, serviceWorkerOf } from '../tests/e2e/support/extension-driver';
import { ensureBuilt, median, percentile } from './support';
import type { BenchRow } from './types';

const MESSAGES = 500;
const OPENS = 9;
const KEYSTROKES = 40;

declare const chrome: { storage: { local: { set(items: object): Promise<void> } } };

function chatDraft(messages: number): Draft {
  const at = '2026-11-23T10:00:00.000Z';
  const code = Array.from({ length: 8 }, (_, n) => `let v${n} = items.map((x) => x * ${n});`).join('\n');
  return {
    id: 'bench-500',
    createdAt: at,
    updatedAt: at,
    title: 'Sorting questions',
    note: '',
    source: { url: 'https://chatgpt.com/c/bench', title: 'Sorting questions', site: 'chatgpt', capturedAt: at },
    blocks: Array.from({ length: messages }, (_, i) => ({
      id: `b${i}`,
      included: true,
      block:
        i % 2 === 0
          ? { type: 'message', role: 'user', author: 'You', markdown: `Question ${i}: how do I sort *this* list?` }
          : {
              type: 'message',
              role: 'assistant',
              author: 'ChatGPT',
              markdown: `Answer ${i} uses **sorted** with \`key=len\`, which costs $O(n \\log n)$.\n\n\`\`\`javascript\n${code}\n\`\`\`\n\n| n | time |\n|---|---|\n| 10 | 1 ms |\n| 1000 | 9 ms |\n\n- stable\n- see [docs.python.org](https://docs.python.org/3/howto/sorting.html)`,
            },
    })),
    warnings: [],
    captureKey: 'bench',
    allowSearchEngines: false,
  };
}

/**
 * Installed before the page's own scripts. Interactive: the first block is rendered with its
 * controls, and the next frame and task have run (the page can take input). Complete: all rows
 * are in the page too, again after the next frame and task.
 */
function watchInteractive(count: number) {
  const w = window as unknown as { __interactiveAt?: number; __completeAt?: number };
  const interactive = () =>
    document.querySelector('[data-testid="block"] .halo-block') !== null &&
    document.querySelector('[data-testid="block-include"]') !== null;
  const complete = () => document.querySelectorAll('[data-testid="block"]').length === count;
  const afterNextFrame = (note: (at: number) => void) =>
    requestAnimationFrame(() => setTimeout(() => note(performance.now())));
  const observer = new MutationObserver(() => {
    if (w.__interactiveAt === undefined && interactive()) {
      w.__interactiveAt = -1;
      afterNextFrame((at) => (w.__interactiveAt = at));
    }
    if (w.__completeAt === undefined && complete()) {
      w.__completeAt = -1;
      observer.disconnect();
      afterNextFrame((at) => (w.__completeAt = at));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page: times each keystroke from its keydown to the frame after the preview changed. */
function watchKeystrokes() {
  const w = window as unknown as { __keystrokes: number[] };
  w.__keystrokes = [];
  const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="block-markdown"]')!;
  const preview = document.querySelector('[data-testid="block-live-preview"]')!;
  let pending: { at: number; before: string } | null = null;
  textarea.addEventListener('keydown', (event) => {
    pending = { at: event.timeStamp, before: preview.textContent ?? '' };
  });
  new MutationObserver(() => {
    if (!pending || preview.textContent === pending.before) return;
    const { at } = pending;
    pending = null;
    requestAnimationFrame(() => w.__keystrokes.push(performance.now() - at));
  }).observe(preview, { childList: true, subtree: true, characterData: true });
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
}

/** The page's main-thread CPU time so far (ms): unlike wall time, it hardly depends on the machine's load. */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

export async function run(): Promise<BenchRow[]> {
  ensureBuilt();
  const profile = await mkdtemp(join(os.tmpdir(), 'halo-bench-popup-'));
  const context = await launchWithExtension(profile);
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    await dismissWelcome(context);
    const draft = chatDraft(MESSAGES);
    await sw.evaluate(
      (d) =>
        chrome.storage.local.set({
          [`draft:${d.id}`]: d,
          [`draft:${d.id}$`]: { v: 2 },
          draftIndex: { currentId: d.id, ids: [d.id] },
        }),
      draft,
    );
    const url = `chrome-extension://${extensionId}/popup.html?view=tab`;
    // tsx keeps function names with an __name() helper that the page lacks: give it one.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });

    const opens: number[] = [];
    const completes: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const page = await context.newPage();
      await page.addInitScript(watchInteractive, MESSAGES);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const cpuBefore = await threadTime(cdp);
      await page.goto(url);
      const [interactiveAt, completeAt] = await page
        .waitForFunction(
          () => {
            const w = window as unknown as { __interactiveAt?: number; __completeAt?: number };
            return (w.__interactiveAt ?? -1) > 0 && (w.__completeAt ?? -1) > 0 && [w.__interactiveAt, w.__completeAt];
          },
          null,
          { timeout: 30_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<[number, number]>);
      opens.push(interactiveAt);
      completes.push(completeAt);
      cpu.push((await threadTime(cdp)) - cpuBefore);
      await page.close();
    }

    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="block"]:nth-child(2) [data-testid="block-edit"]').click();
    await page.locator('[data-testid="block-live-preview"] .halo-block').waitFor();
    await page.evaluate(watchKeystrokes);
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press('x');
      await page.waitForFunction(
        (n) => (window as unknown as { __keystrokes: number[] }).__keystrokes.length === n,
        i + 1,
      );
    }
    const keystrokes = await page.evaluate(() => (window as unknown as { __keystrokes: number[] }).__keystrokes);
    await page.close();

    return [
      {
        group: 'popup',
        name: `open to interactive, ${MESSAGES}-message draft`,
        value: median(opens),
        unit: 'ms (median)',
        target: '< 300 ms',
        note: `${OPENS} opens, navigation start to the first block rendered with its controls, next frame; p90 ${Math.round(percentile(opens, 90))} ms`,
      },
      {
        group: 'popup',
        name: `all ${MESSAGES} rows in the page`,
        value: median(completes),
        unit: 'ms (median)',
        note: `navigation start to every row mounted (they follow the first rows in an interruptible render), next frame`,
      },
      {
        group: 'popup',
        name: `main-thread CPU, open to all ${MESSAGES} rows`,
        value: median(cpu),
        unit: 'ms (median)',
        note: `CPU time of the page's main thread (CDP ThreadTime), less sensitive to load than wall time; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end`,
      },
      {
        group: 'popup',
        name: `keystroke to updated preview, ${MESSAGES}-message draft`,
        value: median(keystrokes),
        unit: 'ms (median)',
        target: '< 50 ms',
        note: `${KEYSTROKES} keystrokes, keydown to the frame after the live preview changed; p90 ${Math.round(percentile(keystrokes, 90))} ms`,
      },
    ];
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
