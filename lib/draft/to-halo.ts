import { HALO_VERSION, type Halo } from '@/lib/halo/schema';
import type { Draft } from '@/lib/draft/draft';
import { withWellFormedStrings } from '@/lib/halo/well-formed';
import { canonicalLang } from '@/lib/halo/script';

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
    // Only a tag the schema accepts: a draft is stored data, and the server checks again.
    ...(draft.lang && canonicalLang(draft.lang) ? { lang: canonicalLang(draft.lang) } : {}),
  });
}
