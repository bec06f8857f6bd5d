import type { Block, Source } from '@/lib/halo/schema';

/** One block of a draft: the Halo block plus the editor's state for it. */
export interface DraftBlock {
  /** Stable id for React keys, reordering and undo. */
  id: string;
  included: boolean;
  block: Block;
}

/** Where a published draft lives on its endpoint. */
export interface Publication {
  haloId: string;
  url: string;
  editToken: string;
  endpoint: string;
  publishedAt: string;
}

export interface Draft {
  id: string;
  createdAt: string;
  updatedAt: string;
  title: string;
  note: string;
  source: Source;
  blocks: DraftBlock[];
  /** Capture warnings shown above the draft until dismissed. */
  warnings: string[];
  /** Identifies what was captured (kind + URL + content), so a second capture of the same thing is recognised. */
  captureKey: string;
  publication?: Publication;
}
