import type { Capture } from '@/lib/capture/types';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { blockFingerprint, draftFromCapture } from '@/lib/draft/from-capture';

export interface RecaptureResult {
  draft: Draft;
  /** Blocks of the new capture that the draft did not have (new turns). */
  added: number;
  /** Unedited blocks dropped because the thread no longer has them. */
  dropped: number;
}

/**
 * Updates a draft with a new capture of the same thread (issue 4, "update the existing draft").
 * The rules, in order:
 * 1. Title, note, search-engine choice, id and creation date stay the author's.
 * 2. Each block of the new capture is matched to a draft block captured with the same content
 *    (its `capturedAs` fingerprint, which edits do not change; duplicates match in order). A
 *    matched block stays exactly as the author left it: edited text, included or not, position.
 * 3. A new block that matches nothing is a new turn, included as captured. New turns after the
 *    last known one go after the draft's last block of the thread (before the author's own
 *    closing blocks, whatever order the author gave the rest); any other goes right after the
 *    block before it in the new capture.
 * 4. A captured block the thread no longer has is dropped if unedited, kept if the author edited
 *    it. Blocks the author added, blocks from other pages (collections) and blocks from drafts
 *    older than fingerprints (matched by their content as it is) are always kept: work is never lost.
 * 5. Source, warnings and capture key come from the new capture.
 */
export function mergeRecapture(draft: Draft, capture: Capture, now: Date = new Date()): RecaptureResult {
  const fresh = draftFromCapture(capture, now);
  const samePage = (b: DraftBlock) => !b.block.source || b.block.source.url === draft.source.url;
  const fromThread = (b: DraftBlock) => b.capturedAs !== undefined && samePage(b);

  // Blocks from before fingerprints are matched by their content as it is now.
  const unmatched = new Map<string, DraftBlock[]>();
  for (const b of draft.blocks) {
    if (!samePage(b)) continue;
    const key = b.capturedAs ?? blockFingerprint(b.block);
    const same = unmatched.get(key);
    if (same) same.push(b);
    else unmatched.set(key, [b]);
  }
  const matchOf = new Map<string, DraftBlock>();
  for (const f of fresh.blocks) {
    const match = unmatched.get(f.capturedAs!)?.shift();
    if (match) matchOf.set(f.id, match);
  }
  const matched = new Set([...matchOf.values()].map((b) => b.id));

  const edited = (b: DraftBlock) => blockFingerprint(b.block) !== b.capturedAs;
  const blocks = draft.blocks.filter((b) => matched.has(b.id) || !fromThread(b) || edited(b));
  const dropped = draft.blocks.length - blocks.length;

  const ofThread = blocks.filter((b) => matched.has(b.id) || fromThread(b));
  const lastOfThread = ofThread.at(-1)?.id ?? null;
  let lastMatched = -1;
  fresh.blocks.forEach((f, i) => {
    if (matchOf.has(f.id)) lastMatched = i;
  });
  // A collection marks every block with its page; new turns join it marked the same way.
  const marked = draft.blocks.some((b) => b.block.source);
  let after: string | null = null;
  let added = 0;
  fresh.blocks.forEach((f, i) => {
    const match = matchOf.get(f.id);
    if (match) {
      after = match.id;
      return;
    }
    if (i === lastMatched + 1 && lastOfThread !== null) after = lastOfThread;
    const block: DraftBlock = marked ? { ...f, block: { ...f.block, source: capture.source } } : f;
    const at = after !== null ? blocks.findIndex((b) => b.id === after) + 1 : blocks.indexOf(ofThread[0]!);
    blocks.splice(at < 0 ? blocks.length : at, 0, block);
    after = block.id;
    added++;
  });

  return {
    draft: {
      ...draft,
      updatedAt: now.toISOString(),
      source: capture.source,
      warnings: capture.warnings,
      captureKey: fresh.captureKey,
      blocks,
    },
    added,
    dropped,
  };
}
