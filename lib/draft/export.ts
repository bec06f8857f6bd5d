import type { Draft } from '@/lib/draft/draft';
import { draftToHalo } from '@/lib/draft/to-halo';
import { loadRenderer } from '@/lib/halo/render-loader';
import { haloToMarkdown } from '@/lib/halo/to-markdown';

/**
 * Export without publishing (issue 12): the same Markdown that `/h/:id.md` serves for the Halo this
 * draft publishes, and the same HTML its page shows, made here, offline, for any draft.
 */
export function draftMarkdown(draft: Draft): string {
  return haloToMarkdown(draftToHalo(draft));
}

/** A file name from the title: letters, digits and dashes, never empty. */
export function markdownFileName(draft: Draft): string {
  const slug = draft.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'halo'}.md`;
}

export async function copyMarkdown(draft: Draft): Promise<void> {
  await navigator.clipboard.writeText(draftMarkdown(draft));
}

/** Rich text for documents and email: the rendered page body as HTML, the Markdown as plain text. */
export async function copyRichText(draft: Draft): Promise<void> {
  // The renderer's chunk is loaded by then in the editor (issue 18); the await is for a first use.
  const { renderHaloBody } = await loadRenderer();
  const html = renderHaloBody(draftToHalo(draft));
  await navigator.clipboard.write([
    new ClipboardItem({
      'text/html': new Blob([html], { type: 'text/html' }),
      'text/plain': new Blob([draftMarkdown(draft)], { type: 'text/plain' }),
    }),
  ]);
}

export function downloadMarkdown(draft: Draft): void {
  const url = URL.createObjectURL(new Blob([draftMarkdown(draft)], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = markdownFileName(draft);
  link.click();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
