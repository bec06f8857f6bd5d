import type { Draft, DraftBlock } from '@/lib/draft/draft';

/** Pure edits of a draft: each returns a new draft, so the store can keep history and persist. */

export type BlockFilter = 'all' | 'questions' | 'answers' | 'no-reasoning';

export function setIncluded(draft: Draft, blockId: string, included: boolean): Draft {
  return { ...draft, blocks: draft.blocks.map((b) => (b.id === blockId ? { ...b, included } : b)) };
}

function isQuestion(b: DraftBlock): boolean {
  return b.block.type === 'message' && b.block.role === 'user';
}

function isAnswer(b: DraftBlock): boolean {
  return b.block.type === 'message' && b.block.role === 'assistant';
}

/**
 * Quick filters: "only my questions", "only answers", "hide reasoning" or "all". Text blocks the
 * author added stay in every filter: they are the author's own words.
 */
export function applyFilter(draft: Draft, filter: BlockFilter): Draft {
  const keep = (b: DraftBlock): boolean => {
    if (b.block.type === 'text') return true;
    switch (filter) {
      case 'all':
        return true;
      case 'questions':
        return isQuestion(b);
      case 'answers':
        return isAnswer(b);
      case 'no-reasoning':
        return b.block.type !== 'reasoning' && b.included;
    }
  };
  return { ...draft, blocks: draft.blocks.map((b) => ({ ...b, included: keep(b) })) };
}

export function removeBlock(draft: Draft, blockId: string): Draft {
  return { ...draft, blocks: draft.blocks.filter((b) => b.id !== blockId) };
}
