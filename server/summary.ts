import { isContentBlock } from '@/lib/halo/block-text';
import type { Halo } from '@/lib/halo/schema';

/** Plain-text summary for link previews: the note, else the first words of the first block. */
export function haloSummary(halo: Halo, max = 200): string {
  const text = (halo.note?.trim() || halo.blocks.filter(isContentBlock).find((b) => b.markdown.trim())?.markdown || '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~[\]()!|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}
