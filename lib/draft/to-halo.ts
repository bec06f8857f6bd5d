import { HALO_VERSION, type Halo } from '@/lib/halo/schema';
import type { Draft } from '@/lib/draft/draft';
import { withWellFormedStrings } from '@/lib/halo/well-formed';

/** The Halo a draft publishes: only included blocks, in the draft's order, every string well formed. */
export function draftToHalo(draft: Draft): Halo {
  const note = draft.note.trim();
  return withWellFormedStrings({
    version: HALO_VERSION,
    title: draft.title.trim(),
    ...(note ? { note } : {}),
    source: draft.source,
    blocks: draft.blocks.filter((b) => b.included).map((b) => b.block),
    ...(draft.allowSearchEngines ? { allowSearchEngines: true } : {}),
  });
}
