// "Add selection to Halo draft" (issue 5): snippets from three pages make one Halo with three source links.
import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@/lib/capture/types';
import { appendCapture, getCurrentDraft } from '@/lib/draft/repository';
import { draftToHalo } from '@/lib/draft/to-halo';
import { renderHaloBody } from '@/lib/halo/render';
import { validateHalo } from '@/lib/halo/validate';
import { blockText } from '@/lib/halo/block-text';

const snippet = (n: number): Capture => ({
  kind: 'selection',
  title: `Page ${n}`,
  source: {
    url: `https://site${n}.example/article`,
    title: `Article ${n}`,
    site: `site${n}.example`,
    capturedAt: '2026-11-23T10:00:00.000Z',
  },
  blocks: [{ block: { type: 'text', markdown: `Snippet ${n}` }, included: true }],
  warnings: [],
});

beforeEach(() => fakeBrowser.reset());

it('collects snippets from three pages into one draft, each with its source', async () => {
  for (const n of [1, 2, 3]) await appendCapture(snippet(n));
  const draft = (await getCurrentDraft())!;
  expect(draft.blocks.map((b) => [blockText(b.block), b.block.source?.url])).toEqual([
    ['Snippet 1', 'https://site1.example/article'],
    ['Snippet 2', 'https://site2.example/article'],
    ['Snippet 3', 'https://site3.example/article'],
  ]);
  const halo = validateHalo(draftToHalo(draft));
  expect(halo.ok).toBe(true);
  if (!halo.ok) return;
  const html = renderHaloBody(halo.value);
  for (const n of [1, 2, 3]) {
    expect(html).toContain(`<p class="halo-block-source">From <a href="https://site${n}.example/article"`);
  }
});
