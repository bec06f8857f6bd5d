import type { Source } from '@/lib/halo/schema';

/** Where a capture came from: the page's URL, title and host, and when. */
export function sourceOf(doc: Document, url: string, now: Date, site?: string): Source {
  const title = doc.title.replace(/\s+/g, ' ').trim().slice(0, 1000);
  return {
    url,
    title,
    site: site ?? new URL(url).hostname,
    capturedAt: now.toISOString(),
  };
}
