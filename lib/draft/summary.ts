import type { Draft } from '@/lib/draft/draft';

/**
 * What the drafts list shows of a draft, kept in the draft index so the list (and the search for
 * a draft of the same capture) never loads every draft's content.
 */
export interface DraftSummary {
  id: string;
  title: string;
  /** The source's site ("chatgpt", or the host name). */
  site: string;
  url: string;
  updatedAt: string;
  blocks: number;
  captureKey: string;
}

export function summarize(draft: Draft): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    site: draft.source.site,
    url: draft.source.url,
    updatedAt: draft.updatedAt,
    blocks: draft.blocks.length,
    captureKey: draft.captureKey,
  };
}
