import { Readability } from '@mozilla/readability';
import { preserveCodeViewers } from '@/lib/capture/code-viewers';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { sourceOf } from '@/lib/capture/source';
import type { Capture, CaptureResult } from '@/lib/capture/types';

/** The page's main article (Readability on a clone: the page itself is never touched). */
export function captureArticle(doc: Document, url: string, now: Date = new Date()): Capture | null {
  const clone = doc.cloneNode(true) as Document;
  preserveCodeViewers(clone);
  // The serializer hands back Readability's element (in the inert clone) instead of an HTML string.
  const article = new Readability<Element>(clone, { keepClasses: true, serializer: (el) => el as Element }).parse();
  const content = article?.content ?? doc.body;
  const markdown = content ? domToMarkdown(content, url) : '';
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

/** The article as the article script answers it: the capture, or why there is none. */
export function captureArticleResult(doc: Document, url: string, now: Date = new Date()): CaptureResult {
  const article = captureArticle(doc, url, now);
  if (article) return { ok: true, capture: article };
  return {
    ok: false,
    code: 'empty',
    message: 'This page has no readable text to capture.',
    wording: { key: 'empty' },
  };
}
