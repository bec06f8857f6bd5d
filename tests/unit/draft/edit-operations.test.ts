import { describe, expect, it } from 'vitest';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { applyFilter, setIncluded } from '@/lib/draft/edit-operations';

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
});
