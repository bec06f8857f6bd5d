import { HALO_VERSION, type Halo } from '@/lib/halo/schema';
import type { Draft } from '@/lib/draft/draft';

/** The Halo a draft publishes: only included blocks, in the draft's order. */
export function draftToHalo(draft: Draft): Halo {
  const note = draft.note.trim();
  return {
    version: HALO_VERSION,
    title: draft.title.trim(),
    ...(note ? { note } : {}),
    source: draft.source,
    blocks: draft.blocks.filter((b) => b.included).map((b) => b.block),
    ...(draft.allowSearchEngines ? { allowSearchEngines: true } : {}),
  };
}
