// "Add selection to Halo draft" (issue 5): snippets from three pages make one Halo with three source
// links; since issue 12 each page is a section with its heading and link, and a table of contents.
import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@/lib/capture/types';
import { addToDraft, getCurrentDraft } from '@/lib/draft/repository';
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
  for (const n of [1, 2, 3]) await addToDraft(snippet(n));
  const draft = (await getCurrentDraft())!;
  expect(draft.blocks.map((b) => [b.block.type, blockText(b.block), b.block.source?.url])).toEqual([
    ['section', 'Article 1', 'https://site1.example/article'],
    ['text', 'Snippet 1', undefined],
    ['section', 'Page 2', 'https://site2.example/article'],
    ['text', 'Snippet 2', undefined],
    ['section', 'Page 3', 'https://site3.example/article'],
    ['text', 'Snippet 3', undefined],
  ]);
  const halo = validateHalo(draftToHalo(draft));
  expect(halo.ok).toBe(true);
  if (!halo.ok) return;
  const html = renderHaloBody(halo.value);
  for (const n of [1, 2, 3]) {
    expect(html).toContain(`<p class="halo-section-source">From <a href="https://site${n}.example/article"`);
  }
  expect(html).toContain('<nav class="halo-toc"');
});

it('a second selection from the same page joins its section; the same one again adds nothing (issue 12)', async () => {
  await addToDraft(snippet(1));
  await addToDraft(snippet(2));
  const again = await addToDraft(snippet(2));
  expect(again.status).toBe('already_there');
  const more = await addToDraft({
    ...snippet(2),
    blocks: [{ block: { type: 'text', markdown: 'More' }, included: true }],
  });
  expect(more.status).toBe('added');
  const draft = (await getCurrentDraft())!;
  expect(draft.blocks.map((b) => blockText(b.block))).toEqual([
    'Article 1',
    'Snippet 1',
    'Page 2',
    'Snippet 2',
    'More',
  ]);
});
