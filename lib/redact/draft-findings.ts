import type { Draft } from '@/lib/draft/draft';
import type { Block } from '@/lib/halo/schema';
import { findSensitive, redact, type Match } from '@/lib/redact/find-sensitive';
import { blockText, isContentBlock } from '@/lib/halo/block-text';

/** A finding in one block of a draft, with a short masked excerpt to show in the list. */
export interface Finding extends Match {
  blockId: string;
  /** The first and last characters only: the list must not display the secret itself. */
  excerpt: string;
}

function mask(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= 8 ? `${flat.slice(0, 2)}…` : `${flat.slice(0, 4)}…${flat.slice(-4)}`;
}

/**
 * Scans are kept by Markdown: a draft read back from storage (every block a new object) or a block
 * edited back to what it was needs no second scan of the same text.
 */
const scanned = new Map<string, Match[]>();
/** Enough for the longest drafts; past it the cache starts again rather than grow without end. */
const SCANNED_LIMIT = 20_000;
/** Scanning a 500-block draft takes long: it gives the page a turn this often (ms), so typing stays smooth. */
const SLICE_MS = 12;

async function matchesIn(block: Block): Promise<Match[]> {
  // A section holds only its title, which the author sets; findings are about captured content.
  if (!isContentBlock(block)) return [];
  let matches = scanned.get(block.markdown);
  if (!matches) {
    matches = await findSensitive(block.markdown);
    if (scanned.size >= SCANNED_LIMIT) scanned.clear();
    scanned.set(block.markdown, matches);
  }
  return matches;
}

/** Findings in every included block (excluded ones are not published, so they cannot leak). */
export async function findInDraft(draft: Draft): Promise<Finding[]> {
  const findings: Finding[] = [];
  let sliceStart = performance.now();
  for (const item of draft.blocks) {
    if (!item.included) continue;
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve));
      sliceStart = performance.now();
    }
    for (const match of await matchesIn(item.block)) {
      findings.push({ ...match, blockId: item.id, excerpt: mask(blockText(item.block).slice(match.start, match.end)) });
    }
  }
  const note = draft.note ? await findSensitive(draft.note) : [];
  for (const match of note)
    findings.push({ ...match, blockId: 'note', excerpt: mask(draft.note.slice(match.start, match.end)) });
  return findings;
}

/** The draft with the given findings replaced by visible labels such as "[redacted API key]". */
export function redactDraft(draft: Draft, findings: Finding[]): Draft {
  const byBlock = Map.groupBy(findings, (f) => f.blockId);
  return {
    ...draft,
    note: byBlock.has('note') ? redact(draft.note, byBlock.get('note')!) : draft.note,
    blocks: draft.blocks.map((b) =>
      byBlock.has(b.id) && isContentBlock(b.block)
        ? { ...b, block: { ...b.block, markdown: redact(b.block.markdown, byBlock.get(b.id)!) } }
        : b,
    ),
  };
}
