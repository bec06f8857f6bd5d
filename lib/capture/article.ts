import { Readability } from '@mozilla/readability';
import { htmlToMarkdown } from '@/lib/capture/html-to-markdown';
import { sanitizeFragment } from '@/lib/capture/sanitize';
import { sourceOf } from '@/lib/capture/source';
import type { Capture } from '@/lib/capture/types';

/** The page's main article (Readability on a clone: the page itself is never touched). */
export function captureArticle(doc: Document, url: string, now: Date = new Date()): Capture | null {
  const clone = doc.cloneNode(true) as Document;
  const article = new Readability(clone, { keepClasses: true }).parse();
  const html = article?.content ?? doc.body?.innerHTML ?? '';
  const markdown = htmlToMarkdown(sanitizeFragment(doc, html, url));
  if (!markdown) return null;
  const source = sourceOf(doc, url, now);
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content?.trim() || undefined;
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const image = meta('meta[property="og:image"]');
  const httpOnly = (value: string | undefined) => (value && /^https?:\/\//i.test(value) ? value : undefined);
  return {
    kind: 'article',
    title: article?.title?.trim() || source.title || source.site,
    source: {
      ...source,
      url: httpOnly(canonical) ?? url,
      ...(article?.byline ? { byline: article.byline.slice(0, 300) } : {}),
      ...(article?.siteName ? { siteName: article.siteName.slice(0, 300) } : {}),
      ...(article?.publishedTime ? { publishedAt: article.publishedTime.slice(0, 64) } : {}),
      ...(httpOnly(image) ? { image: httpOnly(image) } : {}),
    },
    blocks: [{ block: { type: 'text', markdown }, included: true }],
    warnings: [],
  };
}
