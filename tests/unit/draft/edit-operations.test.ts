import { describe, expect, it } from 'vitest';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import {
  addTextBlock,
  applyFilter,
  moveBlock,
  removeBlock,
  setIncluded,
  updateBlockMarkdown,
} from '@/lib/draft/edit-operations';
import { blockText } from '@/lib/halo/block-text';

const block = (id: string, b: DraftBlock['block'], included = true): DraftBlock => ({ id, included, block: b });
const draft: Draft = {
  id: 'd',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  title: 'T',
  note: '',
  source: { url: 'https://chatgpt.com/c/1', title: 'T', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00.000Z' },
  blocks: [
    block('q', { type: 'message', role: 'user', author: 'You', markdown: 'q' }),
    block('r', { type: 'reasoning', author: 'ChatGPT', markdown: 'r' }, false),
    block('a', { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'a' }),
    block('t', { type: 'text', markdown: 'mine' }),
  ],
  warnings: [],
  captureKey: 'k',
  allowSearchEngines: false,
};
const included = (d: Draft) => d.blocks.filter((b) => b.included).map((b) => b.id);

describe('edit operations (issue 4)', () => {
  it('includes and excludes one block without touching the others', () => {
    expect(included(setIncluded(draft, 'r', true))).toEqual(['q', 'r', 'a', 't']);
    expect(included(setIncluded(draft, 'q', false))).toEqual(['a', 't']);
    expect(included(draft)).toEqual(['q', 'a', 't']);
  });

  it.each([
    ['all', ['q', 'r', 'a', 't']],
    ['questions', ['q', 't']],
    ['answers', ['a', 't']],
    ['no-reasoning', ['q', 'a', 't']],
  ] as const)('filter %s', (filter, expected) => {
    expect(included(applyFilter(draft, filter))).toEqual(expected);
  });

  const order = (d: Draft) => d.blocks.map((b) => b.id);

  it('moves a block to an index, clamped, keeping the others in order', () => {
    expect(order(moveBlock(draft, 'q', 2))).toEqual(['r', 'a', 'q', 't']);
    expect(order(moveBlock(draft, 't', 0))).toEqual(['t', 'q', 'r', 'a']);
    expect(order(moveBlock(draft, 'a', 99))).toEqual(['q', 'r', 't', 'a']);
    expect(order(moveBlock(draft, 'a', -5))).toEqual(['a', 'q', 'r', 't']);
    // No move, or an unknown block: the same draft, so no undo step is recorded.
    expect(moveBlock(draft, 'r', 1)).toBe(draft);
    expect(moveBlock(draft, 'nope', 0)).toBe(draft);
    expect(order(draft)).toEqual(['q', 'r', 'a', 't']);
  });

  it("updates one block's Markdown and nothing else", () => {
    const edited = updateBlockMarkdown(draft, 'a', 'new **answer**');
    expect(edited.blocks[2]!.block).toEqual({
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: 'new **answer**',
    });
    expect(edited.blocks[0]).toBe(draft.blocks[0]);
    expect(blockText(draft.blocks[2]!.block)).toBe('a');
  });

  it('adds an included text block after a block, or at the end', () => {
    expect(order(addTextBlock(draft, 'n', 'q'))).toEqual(['q', 'n', 'r', 'a', 't']);
    expect(order(addTextBlock(draft, 'n', null))).toEqual(['q', 'r', 'a', 't', 'n']);
    expect(order(addTextBlock(draft, 'n', 'gone'))).toEqual(['q', 'r', 'a', 't', 'n']);
    expect(addTextBlock(draft, 'n', 't', 'hi').blocks.at(-1)).toEqual({
      id: 'n',
      included: true,
      block: { type: 'text', markdown: 'hi' },
    });
  });

  it('removes a block', () => {
    expect(order(removeBlock(draft, 'r'))).toEqual(['q', 'a', 't']);
  });
});
