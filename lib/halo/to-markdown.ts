import type { Halo } from '@/lib/halo/schema';

/**
 * A Halo as one Markdown document (`/h/:id.md`): title, source, note, then each block with its
 * speaker. Shared by the server and the editor's export (issue 12), so both give the same text.
 */
export function haloToMarkdown(halo: Halo): string {
  const parts = [
    `# ${halo.title}`,
    `From [${halo.source.title || halo.source.url}](${halo.source.url}) · ${halo.source.capturedAt}`,
  ];
  if (halo.note?.trim()) parts.push(halo.note.trim().replace(/^/gm, '> '));
  for (const block of halo.blocks) {
    if (block.type === 'section') {
      const from = block.source ? `\n\nFrom [${block.source.title || block.source.url}](${block.source.url})` : '';
      parts.push(`## ${block.title || 'Section'}${from}`);
    } else if (block.type === 'message') parts.push(`**${block.author || block.role}:**\n\n${block.markdown}`);
    else if (block.type === 'reasoning')
      parts.push(`**${block.author || 'Assistant'} (reasoning):**\n\n${block.markdown}`);
    else parts.push(block.markdown);
  }
  return `${parts.join('\n\n---\n\n')}\n`;
}
