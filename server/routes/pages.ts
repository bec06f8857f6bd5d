import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Halo } from '@/lib/halo/schema';
import { haloToMarkdown } from '@/lib/halo/to-markdown';
import { answerWith, toResponse, type Answer, type ConditionalRequest } from '../answer';
import { etagVersion } from '../etag';
import { acceptedCodings, compressedCodingsFor } from '../negotiate';
import { statusPage } from '../page';
import type { CardJobs } from '../card-job';
import type { HaloStore } from '../store';

/**
 * Page headers: no script can run (the CSP has no script source at all, and sandboxes the page),
 * nothing loads from elsewhere but images, and the page is not indexed unless its author chose so.
 */
export function pageCsp(remoteImages: boolean): string {
  // With images kept by the server (the default), the page loads nothing from anywhere else.
  // Images the client uploaded (issue 11) are served from the Halo's origin in both cases.
  const img = remoteImages ? "img-src 'self' https: data:" : "img-src 'self' data:";
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

/**
 * A kept image under the address its page uses (`?v=` names its bytes, and an update that shows
 * other images gives them other versions): browsers keep it for a year; shared caches check back
 * after a minute, so an unpublished Halo's images leave them as quickly as its page (issue 21).
 */
const VERSIONED_IMAGE_CACHE = 'public, max-age=31536000, s-maxage=60, immutable';

const CARD_MISSING_HEADERS = { ...IMAGE_HEADERS, 'Cache-Control': 'no-store' };

/** How long a card may be missing or stale before any instance viewing it draws it again. */
const CARD_REDRAW_AFTER_MS = 30_000;

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
    set = {
      ...pageHeaders(indexable, https, remoteImages),
      'Content-Type': 'text/html; charset=UTF-8',
      // Which stored variant is sent depends on Accept-Encoding, even while only the page exists.
      Vary: 'Accept-Encoding',
    };
    headerSets.set(key, set);
  }
  return set;
}

const statusBodies = new Map<number, Uint8Array>();
function statusAnswer(status: 404 | 406 | 410, method: string, https: boolean): Answer {
  let body = statusBodies.get(status);
  if (!body) {
    body = new TextEncoder().encode(
      status === 406 ? 'This page is available uncompressed, brotli or gzip.\n' : statusPage(status),
    );
    statusBodies.set(status, body);
  }
  const headers = {
    ...headersFor(false, https),
    ...(status === 406 ? { 'Content-Type': 'text/plain; charset=UTF-8' } : {}),
    'Content-Length': String(body.length),
  };
  return { status, headers, body: method === 'HEAD' ? null : body };
}

export interface PageRequest extends ConditionalRequest {
  acceptEncoding: string | undefined;
}

/**
 * The answer for /h/:id (GET or HEAD): one indexed read of the stored representation the request
 * accepts best (brotli, gzip or the page itself, all made at write time: no compression here),
 * or 304 when the client already holds it.
 */
export async function pageAnswer(
  store: HaloStore,
  id: string,
  request: PageRequest,
  https: boolean,
  remoteImages = false,
): Promise<Answer> {
  const accepted = acceptedCodings(request.acceptEncoding);
  const page = await store.getPage(id, compressedCodingsFor(accepted));
  if (!page) return statusAnswer(404, request.method, https);
  if (page.deletedAt) return statusAnswer(410, request.method, https);
  // Only the page itself is stored (yet), and the client refused it.
  if (page.coding === 'identity' && !accepted.includes('identity')) return statusAnswer(406, request.method, https);
  return answerWith(page, request, headersFor(page.indexable, https, remoteImages));
}

/** /h/:id (HTML), /h/:id.md (Markdown), /h/:id.json (the Halo document). */
export interface PageDeps {
  store: HaloStore;
  /** Redraws a card that is missing well after its Halo was written (issue 13, issue 14). */
  cards?: CardJobs;
  publicUrl: string | null;
  /** True when the server does not keep image copies, so pages must load images from their hosts. */
  remoteImages: boolean;
}

export function pageRoutes({ store, publicUrl, remoteImages, cards }: PageDeps): Hono {
  const pages = new Hono();
  pages.get('/h/:id/i/:n', async (c) => {
    const n = Number(c.req.param('n'));
    const image = Number.isInteger(n) && n >= 0 ? await store.blobs.get(c.req.param('id'), n) : undefined;
    if (!image) return c.body(null, 404, IMAGE_HEADERS);
    // Kept as fetched: images are compressed already, and recompressing would only cost time.
    const versioned = c.req.query('v') === etagVersion(image.etag);
    const headers = {
      ...IMAGE_HEADERS,
      ...(versioned ? { 'Cache-Control': VERSIONED_IMAGE_CACHE } : {}),
      'Content-Type': image.type,
    };
    const request = { method: c.req.method, ifNoneMatch: c.req.header('If-None-Match') };
    return toResponse(
      answerWith({ body: new Uint8Array(image.bytes), coding: 'identity', etag: image.etag }, request, headers),
    );
  });
  // The link-preview card (issue 13): 404 until drawn (no-store, so a crawler asks again), 410 once unpublished.
  pages.get('/h/:id/card.png', async (c) => {
    const id = c.req.param('id');
    const record = await store.get(id);
    if (!record || record.deletedAt) return c.body(null, record ? 410 : 404, CARD_MISSING_HEADERS);
    const card = await store.getCard(id);
    // The instance that wrote this version draws its card; when it has not come after a while
    // (that instance was killed, or stopped first), the card is drawn again here, from the Halo.
    if (
      card?.version !== record.updatedAt &&
      cards &&
      Date.now() - Date.parse(record.updatedAt) > CARD_REDRAW_AFTER_MS
    ) {
      cards.schedule(id, JSON.parse(record.json) as Halo, record.updatedAt);
    }
    if (!card) return c.body(null, 404, { ...CARD_MISSING_HEADERS, 'Retry-After': '5' });
    const etag = `"${Date.parse(card.version).toString(36)}"`;
    const headers = { ...IMAGE_HEADERS, ETag: etag };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(card.png), 200, { ...headers, 'Content-Type': 'image/png' });
  });
  pages.get('/h/:file', async (c) => {
    const https = (publicUrl ?? c.req.url).startsWith('https:');
    const match = FORMATS.exec(c.req.param('file'));
    const [, id, format] = match ?? [];
    if (!match || !format) {
      const request = {
        method: c.req.method,
        acceptEncoding: c.req.header('Accept-Encoding'),
        ifNoneMatch: c.req.header('If-None-Match'),
      };
      return toResponse(
        match ? await pageAnswer(store, id!, request, https, remoteImages) : statusAnswer(404, c.req.method, https),
      );
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

const PAGE_PATH = /^\/h\/([A-Za-z0-9_-]{1,64})(?:\?.*)?$/;

/**
 * The page-view fast path at the node:http level: GET and HEAD /h/:id skip the fetch-API adapter
 * (a Request and a Response object per view), which costs more than the view itself. Same answer
 * as the hono route, from the same pageAnswer().
 */
export function pageFastPath(
  { store, publicUrl, remoteImages }: PageDeps,
  onError: (error: unknown, res: ServerResponse) => void,
) {
  const https = (publicUrl ?? '').startsWith('https:');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
    const match = PAGE_PATH.exec(req.url);
    if (!match) return false;
    const request = {
      method: req.method,
      acceptEncoding: req.headers['accept-encoding'],
      ifNoneMatch: req.headers['if-none-match'],
    };
    pageAnswer(store, match[1]!, request, https, remoteImages).then(
      (answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? undefined);
      },
      (error: unknown) => onError(error, res),
    );
    return true;
  };
}
