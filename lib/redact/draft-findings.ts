import type { Draft } from '@/lib/draft/draft';
import { findSensitive, redact, type Match } from '@/lib/redact/find-sensitive';

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

/** Findings in every included block (excluded ones are not published, so they cannot leak). */
export async function findInDraft(draft: Draft): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const item of draft.blocks) {
    if (!item.included) continue;
    for (const match of await findSensitive(item.block.markdown)) {
      findings.push({ ...match, blockId: item.id, excerpt: mask(item.block.markdown.slice(match.start, match.end)) });
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
      byBlock.has(b.id) ? { ...b, block: { ...b.block, markdown: redact(b.block.markdown, byBlock.get(b.id)!) } } : b,
    ),
  };
}
