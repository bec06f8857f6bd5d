// The shared renderer never throws, never runs away and never emits active content, for any
// Markdown (issue 16). Seeded: a failure prints the seed and the command that replays it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHaloBody, renderMarkdown } from '@/lib/halo/render';
import { LIMITS } from '@/lib/halo/limits';
import { LONG_RUN, fuzz, fuzzTimeout } from '../../support/fuzz';
import { bigMarkdown, markdown, oddUrl } from '../../support/arbitraries/markdown';
import { unsafeParts } from '../../support/html-safety';

/**
 * A bound on runaway time, not a speed test (bench/render-fuzz.bench.ts measures speed): a case
 * must finish within 5 s plus 20 ms per KB even on a loaded 2-core machine.
 */
const boundMs = (markdown: string) => 5_000 + (markdown.length / 1024) * 20;

function checkRender(source: string): void {
  const started = performance.now();
  const html = renderMarkdown(source);
  const took = performance.now() - started;
  expect(took, `rendering ${source.length} chars took ${Math.round(took)} ms`).toBeLessThan(boundMs(source));
  expect(typeof html).toBe('string');
  expect(unsafeParts(html)).toEqual([]);
}

describe('renderer fuzz (issue 16)', () => {
  it(
    'renders any generated Markdown without throwing, in bounded time, with no active content',
    () => fuzz('render markdown', fc.property(markdown, checkRender), 150),
    fuzzTimeout(60_000),
  );

  it(
    'renders Markdown up to the schema limit per block',
    () =>
      fuzz(
        'render big markdown',
        fc.property(bigMarkdown(LONG_RUN ? LIMITS.blockMarkdownChars : 200_000), checkRender),
        LONG_RUN ? 1 : 3,
      ),
    fuzzTimeout(60_000),
  );

  it(
    'renders a whole Halo whose every field is hostile',
    () =>
      fuzz(
        'render halo body',
        fc.property(fc.array(markdown, { minLength: 1, maxLength: 4 }), fc.string(), oddUrl, (blocks, title, url) => {
          const html = renderHaloBody({
            version: 1,
            title,
            note: blocks[0],
            source: { url, title, site: 'x', capturedAt: '2026-11-30T10:00:00Z' },
            blocks: [
              { type: 'section', title, source: { url, title, site: 'x', capturedAt: '2026-11-30T10:00:00Z' } },
              ...blocks.map((md) => ({
                type: 'message' as const,
                role: 'assistant' as const,
                author: title,
                markdown: md,
              })),
            ],
          });
          expect(unsafeParts(html)).toEqual([]);
        }),
        40,
      ),
    fuzzTimeout(60_000),
  );
});
