import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Halo } from '@/lib/halo/schema';
import { haloToMarkdown } from '../halo-markdown';
import { statusPage } from '../page';
import type { HaloStore } from '../store';

/**
 * Page headers: no script can run (the CSP has no script source at all, and sandboxes the page),
 * nothing loads from elsewhere but images, and the page is not indexed unless its author chose so.
 */
export function pageCsp(remoteImages: boolean): string {
  // With images kept by the server (the default), the page loads nothing from anywhere else.
  const img = remoteImages ? 'img-src https: data:' : "img-src 'self' data:";
  return `default-src 'none'; style-src 'self'; ${img}; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox`;
}

/** An image copy: never a document, whatever its bytes claim. */
const IMAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=60, must-revalidate',
  // No Cross-Origin-Resource-Policy: same-origin: the sandboxed page has an opaque origin, so
  // Chromium would count its own images as cross-origin and block them.
};

export function pageHeaders(allowIndexing: boolean, https: boolean, remoteImages = false): Record<string, string> {
  return {
    'Content-Security-Policy': pageCsp(remoteImages),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Short-lived, so an unpublished Halo disappears from shared caches within minutes.
    'Cache-Control': 'public, max-age=60, must-revalidate',
    ...(allowIndexing ? {} : { 'X-Robots-Tag': 'noindex, nofollow' }),
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

const FORMATS = /^([A-Za-z0-9_-]{1,64})(\.md|\.json)?$/;

// Header sets built once: a page view does no work it can avoid.
const headerSets = new Map<string, Readonly<Record<string, string>>>();
function headersFor(indexable: boolean, https: boolean, remoteImages = false): Readonly<Record<string, string>> {
  const key = `${indexable}${https}${remoteImages}`;
  let set = headerSets.get(key);
  if (!set) {
    set = { ...pageHeaders(indexable, https, remoteImages), 'Content-Type': 'text/html; charset=UTF-8' };
    headerSets.set(key, set);
  }
  return set;
}

export interface PageView {
  status: 200 | 404 | 410;
  headers: Readonly<Record<string, string>>;
  html: string | Uint8Array<ArrayBuffer>;
}

/** The HTML answer for /h/:id: one indexed read of the page rendered at publish time. */
export async function pageView(store: HaloStore, id: string, https: boolean, remoteImages = false): Promise<PageView> {
  const page = await store.getPage(id);
  if (!page) return { status: 404, headers: headersFor(false, https), html: statusPage(404) };
  if (page.deletedAt) return { status: 410, headers: headersFor(false, https), html: statusPage(410) };
  return { status: 200, headers: headersFor(page.indexable, https, remoteImages), html: page.html };
}

/** /h/:id (HTML), /h/:id.md (Markdown), /h/:id.json (the Halo document). */
export interface PageDeps {
  store: HaloStore;
  publicUrl: string | null;
  /** True when the server does not keep image copies, so pages must load images from their hosts. */
  remoteImages: boolean;
}

export function pageRoutes({ store, publicUrl, remoteImages }: PageDeps): Hono {
  const pages = new Hono();
  pages.get('/h/:id/i/:n', async (c) => {
    const n = Number(c.req.param('n'));
    const image = Number.isInteger(n) && n >= 0 ? await store.blobs.get(c.req.param('id'), n) : undefined;
    if (!image) return c.body(null, 404, IMAGE_HEADERS);
    return c.body(new Uint8Array(image.bytes), 200, { ...IMAGE_HEADERS, 'Content-Type': image.type });
  });
  pages.get('/h/:file', async (c) => {
    const https = (publicUrl ?? c.req.url).startsWith('https:');
    const match = FORMATS.exec(c.req.param('file'));
    const [, id, format] = match ?? [];
    if (!match || !format) {
      const view = match
        ? await pageView(store, id!, https)
        : { status: 404 as const, headers: headersFor(false, https), html: statusPage(404) };
      return c.body(view.html, view.status, view.headers);
    }
    const record = await store.get(id!);
    if (!record || record.deletedAt) {
      const status = record ? 410 : 404;
      return c.body(statusPage(status), status, headersFor(false, https));
    }
    const headers = { ...pageHeaders(record.indexable, https, remoteImages) };
    if (format === '.md') {
      const markdown = haloToMarkdown(JSON.parse(record.json) as Halo);
      return c.body(markdown, 200, { ...headers, 'Content-Type': 'text/markdown; charset=utf-8' });
    }
    return c.body(record.json, 200, { ...headers, 'Content-Type': 'application/json' });
  });
  pages.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /h/\n'));
  return pages;
}

const PAGE_PATH = /^\/h\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The page-view fast path at the node:http level: GET /h/:id skips the fetch-API adapter (a
 * Request and a Response object per view), which costs more than the view itself. Same answer
 * as the Hono route, from the same pageView().
 */
export function pageFastPath(
  { store, publicUrl, remoteImages }: PageDeps,
  onError: (error: unknown, res: ServerResponse) => void,
) {
  const https = (publicUrl ?? '').startsWith('https:');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || !req.url) return false;
    const match = PAGE_PATH.exec(req.url);
    if (!match) return false;
    pageView(store, match[1]!, https, remoteImages).then(
      (view) => {
        res.writeHead(view.status, view.headers);
        res.end(view.html);
      },
      (error: unknown) => onError(error, res),
    );
    return true;
  };
}
