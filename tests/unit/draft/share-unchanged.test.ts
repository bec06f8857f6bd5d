// Issue 12: a draft read back from storage keeps the blocks that did not change as the same
// objects, so the editor re-renders, re-previews and re-scans only what an add changed.
import { expect, it } from 'vitest';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { shareUnchanged } from '@/lib/draft/share-unchanged';

const block = (id: string, markdown: string, included = true): DraftBlock => ({
  id,
  included,
  block: { type: 'text', markdown },
});
const draft = (blocks: DraftBlock[], id = 'd'): Draft => ({
  id,
  createdAt: '',
  updatedAt: '',
  title: 't',
  note: '',
  source: { url: 'https://example.com/', title: 'e', site: 'example.com', capturedAt: '' },
  blocks,
  warnings: [],
  captureKey: 'k',
  allowSearchEngines: false,
});
const readBack = (d: Draft): Draft => structuredClone(d);

it('keeps unchanged blocks as the same objects, and takes the changed and the new ones', () => {
  const before = draft([block('a', 'A'), block('b', 'B'), block('c', 'C')]);
  const stored = readBack(
    draft([block('s', 'Section'), block('a', 'A'), block('b', 'B, edited'), block('c', 'C', false), block('n', 'New')]),
  );
  const shared = shareUnchanged(before, stored);
  expect(shared.blocks.map((b) => b.id)).toEqual(['s', 'a', 'b', 'c', 'n']);
  expect(shared.blocks[1]).toBe(before.blocks[0]);
  expect(shared.blocks[2]).toBe(stored.blocks[2]);
  expect(shared.blocks[2]!.block).toEqual({ type: 'text', markdown: 'B, edited' });
  // Excluded since: a change too, though the Markdown is the same.
  expect(shared.blocks[3]).toBe(stored.blocks[3]);
  expect(shared).toEqual(stored);
});

it('shares nothing with another draft, or when nothing is unchanged', () => {
  const before = draft([block('a', 'A')]);
  const other = readBack(draft([block('a', 'A')], 'other'));
  expect(shareUnchanged(before, other)).toBe(other);
  const changed = readBack(draft([block('a', 'Z')]));
  expect(shareUnchanged(before, changed)).toBe(changed);
  expect(shareUnchanged(null, changed)).toBe(changed);
});
