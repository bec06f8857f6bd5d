import { Hono } from 'hono';
import type { Halo } from '@/lib/halo/schema';
import { haloToMarkdown } from '../halo-markdown';
import { haloPage, statusPage } from '../page';
import type { HaloStore } from '../store';

/**
 * Page headers: no script can run (the CSP has no script source at all, and sandboxes the page),
 * nothing loads from elsewhere but images, and the page is not indexed unless its author chose so.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src https: data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

export function pageHeaders(allowIndexing: boolean, https: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Short-lived, so an unpublished Halo disappears from shared caches within minutes.
    'Cache-Control': 'public, max-age=60, must-revalidate',
    ...(allowIndexing ? {} : { 'X-Robots-Tag': 'noindex, nofollow' }),
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

const FORMATS = /^([A-Za-z0-9_-]{1,64})(\.md|\.json)?$/;

/** /h/:id (HTML), /h/:id.md (Markdown), /h/:id.json (the Halo document). */
export function pageRoutes({ store, publicUrl }: { store: HaloStore; publicUrl: string | null }): Hono {
  const pages = new Hono();
  pages.get('/h/:file', (c) => {
    const url = new URL(c.req.url);
    const https = (publicUrl ?? url.origin).startsWith('https:');
    const match = FORMATS.exec(c.req.param('file'));
    const record = match ? store.get(match[1]!) : undefined;
    if (!record) return c.html(statusPage(404), 404, pageHeaders(false, https));
    if (record.deletedAt) return c.html(statusPage(410), 410, pageHeaders(false, https));
    const halo = JSON.parse(record.json) as Halo;
    const headers = pageHeaders(Boolean(halo.allowSearchEngines), https);
    if (match![2] === '.md')
      return c.body(haloToMarkdown(halo), 200, { ...headers, 'Content-Type': 'text/markdown; charset=utf-8' });
    if (match![2] === '.json') return c.body(record.json, 200, { ...headers, 'Content-Type': 'application/json' });
    const pageUrl = `${publicUrl ?? url.origin}/h/${record.id}`;
    return c.html(haloPage(halo, record.html, pageUrl), 200, headers);
  });
  pages.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /h/\n'));
  return pages;
}
