import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { escapeMarkdown, escapePlainText } from '@/lib/capture/markdown/escape-markdown';
import { safeLink } from '@/lib/capture/markdown/safe-url';
import type { Source } from '@/lib/halo/schema';

/** What a drop into the side panel carried (DataTransfer's types that matter here). */
export interface DroppedData {
  html?: string;
  text?: string;
  uriList?: string;
}

const httpUrl = (value: string | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

const IMAGE_PATH = /\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#]|$)/i;

/** One dropped item: its Markdown, a title for its section, and its source when known. */
export interface Dropped {
  title: string;
  markdown: string;
  /** Null for text whose page the panel may not read: the section then has no link, and says so. */
  source: Source | null;
}

/**
 * A selection, link or image dragged from a page into the side panel (issue 12). The dropped HTML
 * is untrusted: it goes through the capture's own allowlisting converter, never into the page.
 * `page` is the tab it came from when the panel may read that tab's address; a link or an image
 * is its own source otherwise.
 */
export function readDropped(data: DroppedData, page: Source | null, now: Date = new Date()): Dropped | null {
  const link = httpUrl(data.uriList?.split(/\r?\n/).find((line) => line && !line.startsWith('#')));
  const doc = data.html ? new DOMParser().parseFromString(data.html, 'text/html') : null;
  const image = doc?.querySelector('img[src]');
  const imageUrl = image
    ? httpUrl(safeLink(image.getAttribute('src'), page?.url ?? link ?? 'about:blank') ?? '')
    : null;
  const source = (url: string, title: string): Source => ({
    url,
    title: title.slice(0, 1000),
    site: new URL(url).hostname,
    capturedAt: now.toISOString(),
  });
  const text = data.text?.trim() ?? '';
  const htmlText = doc?.body.textContent?.trim() ?? '';

  // An image alone (dragging an <img>): an image block whose source is the page, else the image.
  if (imageUrl && !htmlText && (!text || text === link || IMAGE_PATH.test(text))) {
    const alt = image?.getAttribute('alt')?.trim() ?? '';
    return {
      title: alt || 'Image',
      markdown: `![${escapeMarkdown(alt)}](${imageUrl})`,
      source: page ?? source(imageUrl, alt || imageUrl),
    };
  }
  // A link alone: the link, titled by its text.
  if (
    link &&
    (!htmlText || htmlText === text || text === link) &&
    (!doc || doc.querySelectorAll('a[href]').length <= 1)
  ) {
    const label = (htmlText || (text !== link ? text : '') || link).replace(/\s+/g, ' ').slice(0, 300);
    return { title: label, markdown: `[${escapeMarkdown(label)}](${link})`, source: page ?? source(link, label) };
  }
  const markdown = (doc ? domToMarkdown(doc.body, page?.url ?? 'about:blank') : escapePlainText(text)).trim();
  if (!markdown) return null;
  return { title: page?.title || 'Dropped text', markdown, source: page };
}
