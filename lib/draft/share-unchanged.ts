import type { Draft, DraftBlock } from '@/lib/draft/draft';

/**
 * `next` with every block that did not change since `previous` kept as the very same object. A
 * draft read back from storage is all new objects; kept ones let the editor's memoized rows, the
 * preview's render cache and the secret scan skip what did not change (issue 12: a thread added
 * from another tab to a long draft re-rendered every row).
 */
export function shareUnchanged(previous: Draft | null, next: Draft): Draft {
  if (!previous || previous.id !== next.id) return next;
  const before = new Map(previous.blocks.map((item) => [item.id, item]));
  let kept = 0;
  const blocks = next.blocks.map((item): DraftBlock => {
    const old = before.get(item.id);
    if (old && sameBlock(old, item)) {
      kept += 1;
      return old;
    }
    return item;
  });
  return kept === 0 ? next : { ...next, blocks };
}

function sameBlock(a: DraftBlock, b: DraftBlock): boolean {
  // Blocks are small plain data, read back from storage in the order they were written: this is
  // exact, and takes a few milliseconds for 1,000 of them.
  return JSON.stringify(a) === JSON.stringify(b);
}
