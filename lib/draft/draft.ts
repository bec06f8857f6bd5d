import type { Block, Source } from '@/lib/halo/schema';

/** One block of a draft: the Halo block plus the editor's state for it. */
export interface DraftBlock {
  /** Stable id for React keys, reordering and undo. */
  id: string;
  included: boolean;
  block: Block;
  /**
   * blockFingerprint of the block as captured; kept through edits, so a recapture recognises the
   * block and keeps the edits (lib/draft/recapture.ts). Absent on blocks the author added, and on
   * blocks captured before issue 4's recapture (optional: no storage migration needed).
   */
  capturedAs?: string;
  /**
   * Section blocks only (issue 12): the capture key of what the section was added from, so adding
   * the same thread again offers to update this section (lib/draft/sections.ts).
   */
  captureKey?: string;
  /** Section blocks only: folded in the editor (the published page always shows it). */
  collapsed?: boolean;
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
  /** The captured text's language, BCP 47 (issue 17); absent in drafts from before it (no migration: optional). */
  lang?: string;
  /** The author let search engines index the published page (off unless chosen; issue 7). Since draft v2. */
  allowSearchEngines: boolean;
}
