import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { API_PREFIX, EDIT_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '@/lib/halo/api';
import { apiError } from './api-error';
import { CardJobs } from './card-job';
import type { ServerConfig } from './config';
import { apiRoutes } from './routes/api';
import { pageHeaders, pageRoutes } from './routes/pages';
import { frontDoorPage } from './front-door';
import { statusPage } from './page';
import type { HaloStore } from './store';

export interface AppDeps {
  store: HaloStore;
  config: ServerConfig;
  /** The Halo page stylesheet (lib/halo/halo.css), served from the page's own origin. */
  stylesheet: string;
  now?: () => Date;
  log?: (event: Record<string, unknown>) => void;
  /** Link-preview card drawing (issue 13); one is made when not given. */
  cards?: CardJobs;
}

export function createApp({
  store,
  config,
  stylesheet,
  now = () => new Date(),
  log = () => {},
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
  app.get('/healthz', apiCors, (c) => c.json({ ok: true, halos: store.count() }));
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
  app.route(API_PREFIX, apiRoutes({ store, config, now, log, cards }));
  app.route('/', pageRoutes({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch }));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)
      : c.html(statusPage(404), 404, pageHeaders(false, false)),
  );
  app.onError((error, c) => {
    log({ event: 'error', path: c.req.path, message: error.message });
    return apiError(c, 500, 'internal', 'The server failed to handle this request. Try again later.');
  });
  return app;
}
