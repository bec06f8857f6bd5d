import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { API_PREFIX, EDIT_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '@/lib/halo/api';
import { apiError } from './api-error';
import type { ServerConfig } from './config';
import { apiRoutes } from './routes/api';
import { pageHeaders, pageRoutes } from './routes/pages';
import { frontDoorPage } from './front-door';
import { statusPage } from './page';
import { StoreUnavailableError, type HaloStore } from './store';

export interface AppDeps {
  store: HaloStore;
  config: ServerConfig;
  /** The Halo page stylesheet (lib/halo/halo.css), served from the page's own origin. */
  stylesheet: string;
  now?: () => Date;
  log?: (event: Record<string, unknown>) => void;
  /** True once shutdown began: /readyz says so, so the proxy stops sending new requests here. */
  draining?: () => boolean;
}

/** Seconds a client waits before retrying while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_S = 2;

export function createApp({
  store,
  config,
  stylesheet,
  now = () => new Date(),
  log = () => {},
  draining = () => false,
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
  app.get('/assets/halo.css', (c) =>
    c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
  );
  app.get('/', (c) =>
    c.html(
      frontDoorPage({ url: config.publicUrl ?? new URL(c.req.url).origin, tokenRequired: config.apiToken !== null }),
      200,
      { ...pageHeaders(false, false), 'Cache-Control': 'no-cache' },
    ),
  );
  app.route(API_PREFIX, apiRoutes({ store, config, now, log }));
  app.route('/', pageRoutes({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch }));

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
