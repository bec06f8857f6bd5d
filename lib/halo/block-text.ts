import type { Block, ContentBlock } from '@/lib/halo/schema';

// Type-only imports: the capture scripts use this and must not load zod.

/** Every block type but a section heading holds Markdown. */
export function isContentBlock(block: Block): block is ContentBlock {
  return block.type !== 'section';
}

/** The text a block shows: its Markdown, or a section's title (for size checks, fingerprints and search). */
export function blockText(block: Block): string {
  return isContentBlock(block) ? block.markdown : block.title;
}
