import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { API_PREFIX, EDIT_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '@/lib/halo/api';
import { answerWith, toResponse } from './answer';
import { apiError } from './api-error';
import { haloFavicons, haloStylesheet, IMMUTABLE, type StaticAsset } from './assets';
import { CardJobs } from './card-job';
import type { ServerConfig } from './config';
import { apiRoutes } from './routes/api';
import { acceptedCodings } from './negotiate';
import { pageHeaders, pageRoutes } from './routes/pages';
import { frontDoorPage } from './front-door';
import { statusPage } from './page';
import { StoreUnavailableError, type HaloStore } from './store';

export interface AppDeps {
  store: HaloStore;
  config: ServerConfig;
  now?: () => Date;
  log?: (event: Record<string, unknown>) => void;
  /** True once shutdown began: /readyz says so, so the proxy stops sending new requests here. */
  draining?: () => boolean;
  /** Called after a page was stored or replaced, so its compressed variants get made. */
  pageWritten?: (id: string) => void;
  /** Link-preview card drawing (issue 13); one is made when not given. */
  cards?: CardJobs;
}

/** Seconds a client waits before retrying while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_S = 2;

/** The stylesheet's name before issue 21; pages published then still point at it. */
const LEGACY_STYLESHEET = 'halo.css';
/** A content-hashed asset name (stem, hash, extension), today's or an earlier deploy's. */
const HASHED_ASSET = /^(halo|halo-mark)\.[0-9a-f]{16}\.(css|svg|png)$/;

/** Headers for an asset: an SVG is an image here, never a document that could run anything. */
const assetHeaders = (asset: StaticAsset, cacheControl: string): Record<string, string> => ({
  'Content-Type': asset.type,
  'Cache-Control': cacheControl,
  Vary: 'Accept-Encoding',
  'X-Content-Type-Options': 'nosniff',
  ...(asset.type.startsWith('image/') ? { 'Content-Security-Policy': "default-src 'none'; sandbox" } : {}),
});

export function createApp({
  store,
  config,
  now = () => new Date(),
  log = () => {},
  draining = () => false,
  pageWritten,
  cards = new CardJobs(store, log),
}: AppDeps): Hono {
  const app = new Hono();

  // The extension publishes from its service worker (a chrome-extension:// origin). Auth is a bearer
  // token or an edit token, never a cookie, so answering CORS for any origin exposes nothing.
  const apiCors = cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', IDEMPOTENCY_HEADER, EDIT_TOKEN_HEADER],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  app.use('/api/*', apiCors);
  // Liveness: the process answers. It never touches the database, so an outage does not get
  // healthy instances restarted.
  app.get('/healthz', apiCors, (c) => c.json({ ok: true }));
  // Readiness: the database answers (and the instance is not shutting down).
  app.get('/readyz', apiCors, async (c) => {
    if (draining()) return c.json({ ok: false, store: store.kind, reason: 'shutting down' }, 503);
    try {
      return c.json({ ok: true, store: store.kind, halos: await store.count() });
    } catch (error) {
      return c.json({ ok: false, store: store.kind, reason: (error as Error).message }, 503, {
        'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S),
      });
    }
  });
  // The page stylesheet, served from the page's own origin under its content-hashed name.
  const stylesheet = haloStylesheet();
  // The favicons (issue 18), the same way.
  const favicons = haloFavicons();
  const assets = new Map<string, StaticAsset>([
    [stylesheet.file, stylesheet],
    [LEGACY_STYLESHEET, stylesheet],
    [favicons.svg.file, favicons.svg],
    [favicons.png.file, favicons.png],
  ]);
  const serveAsset = (
    asset: StaticAsset,
    cacheControl: string,
    req: { method: string; header(name: string): string | undefined },
  ) => {
    const coding = acceptedCodings(req.header('Accept-Encoding')).find((accepted) =>
      asset.representations.has(accepted),
    );
    if (!coding) return new Response(null, { status: 406, headers: { Vary: 'Accept-Encoding' } });
    const request = { method: req.method, ifNoneMatch: req.header('If-None-Match') };
    return toResponse(answerWith(asset.representations.get(coding)!, request, assetHeaders(asset, cacheControl)));
  };
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const asset = assets.get(file);
    if (!asset) {
      // An earlier version's name (pages published before a deploy): the current one, by redirect,
      // so no name ever serves two contents.
      const old = HASHED_ASSET.exec(file);
      const current =
        old && [...assets.values()].find((a) => a.file.startsWith(`${old[1]}.`) && a.file.endsWith(`.${old[2]}`));
      if (current) return c.body(null, 302, { Location: current.href, 'Cache-Control': 'public, max-age=3600' });
      return c.notFound();
    }
    return serveAsset(asset, file === LEGACY_STYLESHEET ? 'public, max-age=3600' : IMMUTABLE, c.req);
  });
  // Where browsers look when a page names no icon (pages published before issue 18, JSON answers):
  // a fixed name, so cached for a day only.
  app.get('/favicon.ico', (c) => serveAsset(favicons.png, 'public, max-age=86400', c.req));
  app.get('/', (c) =>
    c.html(
      frontDoorPage({ url: config.publicUrl ?? new URL(c.req.url).origin, tokenRequired: config.apiToken !== null }),
      200,
      { ...pageHeaders(false, false), 'Cache-Control': 'no-cache' },
    ),
  );
  app.route(API_PREFIX, apiRoutes({ store, config, now, log, pageWritten, cards }));
  app.route('/', pageRoutes({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch, cards }));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)
      : c.html(statusPage(404), 404, pageHeaders(false, false)),
  );
  app.onError((error, c) => {
    if (error instanceof StoreUnavailableError) {
      log({ event: 'db_unavailable', path: c.req.path, message: error.message });
      return apiError(c, 503, 'unavailable', 'The Halo database is unavailable right now. Try again shortly.', {
        headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) },
      });
    }
    log({ event: 'error', path: c.req.path, message: error.message });
    return apiError(c, 500, 'internal', 'The server failed to handle this request. Try again later.');
  });
  return app;
}
