// "Load the whole thread" (issue 11): older turns that arrive only when the thread's scroller
// nears its start are loaded, within a bound, cancellably; the reader's position comes back; a
// thread that may still lack turns says so; a page that misbehaves never yields a wrong draft.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadOlderTurns, THREAD_LOAD, type Clock } from '@/lib/capture/chat/load-older-turns';
import { captureWholeThread } from '@/lib/capture/chat/whole-thread';
import { geminiOlderTurns } from '@/lib/capture/chat/gemini';
import type { CaptureResult } from '@/lib/capture/types';

/** Virtual time: sleeping runs the page's timers that fall due, so a 30 s bound takes no real time. */
class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; run: () => void }[] = [];
  now = () => this.t;
  setTimeout(run: () => void, ms: number) {
    this.timers.push({ at: this.t + ms, run });
  }
  async sleep(ms: number, signal?: AbortSignal) {
    const until = this.t + ms;
    for (;;) {
      if (signal?.aborted) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.run();
    }
    this.t = until;
  }
}

const ROW = 100;
const VIEW = 400;

interface PageOptions {
  /** Turns in the page at first (the newest). */
  shown: number;
  /** Older turns the site has; Infinity: it never stops finding more. */
  older: number;
  batch?: number;
  delayMs?: number;
  /** What the site's scroll handler does instead of loading (throw, show a spinner…). */
  onNearTop?: (page: FakePage) => boolean;
  /** A virtualised list: loading older turns drops as many of the newest. */
  dropsNewest?: boolean;
}

interface FakePage {
  doc: Document;
  scroller: HTMLElement;
  clock: FakeClock;
  scrolls: number;
}

const turnHtml = (i: number) =>
  i % 2 === 0
    ? `<div data-testid="user-message"><p>Question ${i}</p></div>`
    : `<div class="font-claude-response"><div class="standard-markdown"><p>Answer ${i}</p></div></div>`;

/** A Claude thread whose scroller fetches older turns, after a delay, when scrolled near its start. */
function claudePage(options: PageOptions): FakePage {
  const { shown, older, batch = 10, delayMs = 400 } = options;
  const first = Number.isFinite(older) ? older : 1_000_000;
  const html = Array.from({ length: shown }, (_, k) => turnHtml(first + k)).join('');
  const dom = new JSDOM(
    `<html><head><title>Trip plan - Claude</title></head><body><main><div id="scroller" style="overflow-y: auto"><div id="turns">${html}</div></div></main></body></html>`,
    { url: 'https://claude.ai/chat/0b1c2d3e' },
  );
  const doc = dom.window.document;
  const scroller = doc.getElementById('scroller')!;
  const list = doc.getElementById('turns')!;
  const page: FakePage = { doc, scroller, clock: new FakeClock(), scrolls: 0 };
  let next = first - 1;
  let top = 0;
  let loading = false;
  let ready = false;
  const height = () => list.children.length * ROW;
  Object.defineProperty(scroller, 'scrollHeight', { get: height });
  Object.defineProperty(scroller, 'clientHeight', { get: () => VIEW });
  Object.defineProperty(scroller, 'scrollTop', {
    get: () => top,
    set: (value: number) => {
      page.scrolls++;
      top = Math.max(0, Math.min(value, height() - VIEW));
      if (!ready || top > 2 * ROW || loading) return;
      if (options.onNearTop?.(page)) return;
      if (next < 0) return;
      loading = true;
      page.clock.setTimeout(() => {
        loading = false;
        const count = Math.min(batch, next + 1);
        for (let k = 0; k < count; k++) {
          list.insertAdjacentHTML('afterbegin', turnHtml(next--));
          if (options.dropsNewest) list.lastElementChild?.remove();
        }
        // As real chat UIs do: the content in view stays in view.
        top += count * ROW;
      }, delayMs);
    },
  });
  scroller.scrollTop = height();
  page.scrolls = 0;
  ready = true;
  return page;
}

const messages = (result: CaptureResult) => {
  if (!result.ok) throw new Error(result.message);
  return result.capture.blocks.map(({ block }) => (block.type === 'message' ? block.markdown : ''));
};

describe('Load the whole thread (issue 11)', () => {
  it('loads every older turn, in order, reports progress, and puts the reader back', async () => {
    const page = claudePage({ shown: 10, older: 40 });
    const fromEnd = page.scroller.scrollHeight - page.scroller.scrollTop;
    const progress: number[] = [];
    const result = await captureWholeThread(page.doc, page.doc.URL, {
      clock: page.clock,
      onProgress: ({ turns }) => progress.push(turns),
    });
    const texts = messages(result);
    expect(texts).toHaveLength(50);
    expect(texts[0]).toBe('Question 0');
    expect(texts[49]).toBe('Answer 49');
    expect(progress).toEqual([10, 20, 30, 40, 50]);
    expect(result.ok && result.capture.warnings).toEqual([]);
    expect(page.scroller.scrollHeight - page.scroller.scrollTop).toBe(fromEnd);
    // Done once quiet: the start reached, no new turn for THREAD_LOAD.quietMs.
    expect(page.clock.t).toBeLessThan(5 * 400 + THREAD_LOAD.quietMs + 2 * THREAD_LOAD.tickMs);
  });

  it('a loader that never stops ends at the 30 s bound, with the warning, reader put back', async () => {
    const page = claudePage({ shown: 10, older: Infinity, batch: 2, delayMs: 1_500 });
    const fromEnd = page.scroller.scrollHeight - page.scroller.scrollTop;
    const result = await captureWholeThread(page.doc, page.doc.URL, { clock: page.clock });
    expect(THREAD_LOAD.boundMs).toBe(30_000);
    expect(page.clock.t).toBeGreaterThanOrEqual(30_000);
    expect(page.clock.t).toBeLessThan(30_000 + 2 * THREAD_LOAD.tickMs);
    if (!result.ok) throw new Error(result.message);
    const turns = result.capture.blocks.length;
    expect(turns).toBeGreaterThan(10);
    expect(result.capture.warnings[0]).toBe(
      `Older turns were still loading after 30 seconds: this capture has the ${turns.toLocaleString('en-US')} turns loaded by then, and may lack the thread's start. Use “Load the whole thread” again to go on.`,
    );
    expect(page.scroller.scrollHeight - page.scroller.scrollTop).toBe(fromEnd);
  });

  it('a spinner that stays (a loader that hangs) is not a whole thread', async () => {
    const page = claudePage({
      shown: 6,
      older: 20,
      onNearTop: ({ scroller }) => {
        scroller.setAttribute('aria-busy', 'true');
        return true;
      },
    });
    const result = await captureWholeThread(page.doc, page.doc.URL, { clock: page.clock, boundMs: 5_000 });
    expect(messages(result)).toHaveLength(6);
    expect(result.ok && result.capture.warnings[0]).toMatch(/^Older turns were still loading after 5 seconds/);
  });

  it('a lazy loader that throws: the turns the page holds, with the failure said', async () => {
    const page = claudePage({
      shown: 6,
      older: 20,
      onNearTop: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'cursor')");
      },
    });
    const result = await captureWholeThread(page.doc, page.doc.URL, { clock: page.clock });
    expect(messages(result)).toHaveLength(6);
    expect(result.ok && result.capture.warnings[0]).toBe(
      "Loading older turns failed (Cannot read properties of undefined (reading 'cursor')): this capture has the 6 turns loaded by then, and may lack the thread's start.",
    );
  });

  it('a page that removes turns while loading gets a clear message, never a draft missing them', async () => {
    const page = claudePage({ shown: 10, older: 20, dropsNewest: true });
    const result = await captureWholeThread(page.doc, page.doc.URL, { clock: page.clock });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('failed');
    expect(!result.ok && result.message).toMatch(
      /^The page removed some of the thread's turns while older ones were loading/,
    );
  });

  it('cancelling stops the scrolling at once and puts the reader back', async () => {
    const page = claudePage({ shown: 10, older: Infinity });
    const fromEnd = page.scroller.scrollHeight - page.scroller.scrollTop;
    const controller = new AbortController();
    const result = await captureWholeThread(page.doc, page.doc.URL, {
      clock: page.clock,
      signal: controller.signal,
      onProgress: ({ turns }) => turns >= 30 && controller.abort(),
    });
    const scrolls = page.scrolls;
    await page.clock.sleep(5_000);
    expect(page.scrolls).toBe(scrolls);
    expect(page.clock.t).toBeLessThan(10_000);
    expect(result.ok && result.capture.warnings[0]).toMatch(
      /^Loading older turns was stopped: this capture has the 30 turns/,
    );
    expect(page.scroller.scrollHeight - page.scroller.scrollTop).toBe(fromEnd);
  });

  it("a whole Gemini thread drops the site's warning that older turns may be missing", async () => {
    const dom = new JSDOM(
      `<div class="conversation-container"><user-query><p class="query-text-line">Hi</p></user-query><model-response><div class="model-response-text"><div class="markdown"><p>Hello</p></div></div></model-response></div>`,
      { url: 'https://gemini.google.com/app/abc123' },
    );
    const clock = new FakeClock();
    const result = await captureWholeThread(dom.window.document, 'https://gemini.google.com/app/abc123', { clock });
    expect(messages(result)).toHaveLength(2);
    expect(result.ok && result.capture.warnings).not.toContain(geminiOlderTurns());
  });
});

describe('loadOlderTurns (issue 11)', () => {
  const still = { toStart: () => {}, atStart: () => true, busy: () => false };

  it('a count that throws ends the load as failed, with the reason', async () => {
    let calls = 0;
    const outcome = await loadOlderTurns({
      scroller: still,
      clock: new FakeClock(),
      countTurns: () => {
        if (++calls > 2) throw new Error('node removed');
        return 4;
      },
    });
    expect(outcome).toMatchObject({ status: 'failed', turns: 4, error: 'node removed' });
  });

  it('a progress listener that throws (a closed popup) does not stop the load', async () => {
    const outcome = await loadOlderTurns({
      scroller: still,
      clock: new FakeClock(),
      countTurns: () => 3,
      onProgress: () => {
        throw new Error('port closed');
      },
    });
    expect(outcome.status).toBe('complete');
  });

  it('an already aborted signal scrolls nothing', async () => {
    let scrolled = 0;
    const controller = new AbortController();
    controller.abort();
    const outcome = await loadOlderTurns({
      scroller: { ...still, toStart: () => void scrolled++ },
      clock: new FakeClock(),
      countTurns: () => 3,
      signal: controller.signal,
    });
    expect(outcome.status).toBe('cancelled');
    expect(scrolled).toBe(0);
  });
});
