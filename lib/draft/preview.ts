import type { Draft } from '@/lib/draft/draft';
import { draftToHalo } from '@/lib/draft/to-halo';
import { isContentBlock } from '@/lib/halo/block-text';
import type { ImageResolver } from '@/lib/halo/render';
import type { Renderer } from '@/lib/halo/render-loader';
import type { Block, Halo } from '@/lib/halo/schema';

/**
 * The popup previews at most this much of one block: rendering 5 MB of Markdown takes seconds
 * (issue 4, bad input). The whole block is kept and published; the preview says it is cut.
 */
export const PREVIEW_CHARS = 100_000;

/** The block as the popup previews it, cut at a line end when it is longer than PREVIEW_CHARS. */
export function previewable(block: Block): Block {
  if (!isContentBlock(block) || block.markdown.length <= PREVIEW_CHARS) return block;
  const end = block.markdown.lastIndexOf('\n', PREVIEW_CHARS);
  return { ...block, markdown: block.markdown.slice(0, end > 0 ? end : PREVIEW_CHARS) };
}

/** The Halo the draft publishes, as the server's page body shows it (with the same cut for huge blocks). */
export function renderDraftPreview(renderer: Renderer, draft: Draft, resolveImage?: ImageResolver): string {
  const halo: Halo = draftToHalo(draft);
  return renderer.renderHaloBody({ ...halo, blocks: halo.blocks.map(previewable) }, resolveImage);
}
