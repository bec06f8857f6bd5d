// The extension side of a capture (issue 3): a hung page ends in a clear message, article capture
// loads its own script only when the page asks for it. executeScript is WXT's fake browser, stubbed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureInTab } from '@/lib/capture/run-in-tab';
import type { CaptureResult } from '@/lib/capture/types';

type Injection = { files?: string[]; func?: unknown };
const article: CaptureResult = { ok: false, code: 'empty', message: 'This page has no readable text to capture.' };

function pageAnswering(answer: (files: string[]) => Promise<unknown>) {
  const injected: string[][] = [];
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: Injection) => {
    if (!injection.files) return [];
    injected.push(injection.files);
    return [{ frameId: 0, result: await answer(injection.files) }];
  }) as never);
  return injected;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('captureInTab (issue 3)', () => {
  it('fails with a clear message when the page does not answer in time', async () => {
    pageAnswering(() => new Promise(() => {}));
    const result = await captureInTab(1, 'auto', 50);
    expect(result).toMatchObject({ ok: false, code: 'timed_out' });
    if (!result.ok) expect(result.message).toMatch(/did not answer within/);
  });

  it('loads the article script only when the page asks for it', async () => {
    const injected = pageAnswering(async ([file]) => (file === '/capture.js' ? { needsArticle: true } : article));
    expect(await captureInTab(1, 'page')).toEqual(article);
    expect(injected).toEqual([['/capture.js'], ['/article-capture.js']]);
  });

  it('goes straight to the article script for article capture', async () => {
    const injected = pageAnswering(async () => article);
    expect(await captureInTab(1, 'article')).toEqual(article);
    expect(injected).toEqual([['/article-capture.js']]);
  });
});
