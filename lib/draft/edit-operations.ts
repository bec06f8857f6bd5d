import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { isContentBlock } from '@/lib/halo/block-text';

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

/** Moves a block to `toIndex` (clamped), the others keeping their order. */
export function moveBlock(draft: Draft, blockId: string, toIndex: number): Draft {
  const from = draft.blocks.findIndex((b) => b.id === blockId);
  if (from === -1) return draft;
  const to = Math.max(0, Math.min(draft.blocks.length - 1, toIndex));
  if (to === from) return draft;
  const blocks = [...draft.blocks];
  const [moved] = blocks.splice(from, 1);
  blocks.splice(to, 0, moved!);
  return { ...draft, blocks };
}

export function updateBlockMarkdown(draft: Draft, blockId: string, markdown: string): Draft {
  return {
    ...draft,
    blocks: draft.blocks.map((b) =>
      b.id === blockId
        ? { ...b, block: isContentBlock(b.block) ? { ...b.block, markdown } : { ...b.block, title: markdown } }
        : b,
    ),
  };
}

/**
 * A new, included text block (the author's own words) after `afterBlockId`, or at the end when it
 * is null or not found. The caller gives the id, so the edit stays pure.
 */
export function addTextBlock(draft: Draft, id: string, afterBlockId: string | null, markdown = ''): Draft {
  const added: DraftBlock = { id, included: true, block: { type: 'text', markdown } };
  const after = afterBlockId === null ? -1 : draft.blocks.findIndex((b) => b.id === afterBlockId);
  const at = after === -1 ? draft.blocks.length : after + 1;
  return { ...draft, blocks: [...draft.blocks.slice(0, at), added, ...draft.blocks.slice(at)] };
}

/**
 * The other speaker for a message (user ↔ assistant), for a thread read as a generic chat whose
 * speakers were guessed wrong (issue 11). The assistant keeps the name the draft gives it elsewhere.
 */
export function switchSpeaker(draft: Draft, blockId: string): Draft {
  let assistantName = 'Assistant';
  for (const { block } of draft.blocks) {
    if (block.type === 'message' && block.role === 'assistant') {
      assistantName = block.author;
      break;
    }
  }
  return {
    ...draft,
    blocks: draft.blocks.map((b) => {
      if (b.id !== blockId || b.block.type !== 'message') return b;
      const toUser = b.block.role !== 'user';
      return {
        ...b,
        block: { ...b.block, role: toUser ? 'user' : 'assistant', author: toUser ? 'You' : assistantName },
      };
    }),
  };
}
