import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { EDIT_TOKEN_HEADER, HALOS_PATH, IDEMPOTENCY_HEADER, type ErrorCode } from '@/lib/halo/api';
import { renderHaloBody } from '@/lib/halo/render';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import type { ServerConfig } from './config';
import { newEditToken, newHaloId, sha256, tokenMatches } from './ids';
import { haloPage, statusPage } from './page';
import type { HaloStore } from './store';

export interface AppDeps {
  store: HaloStore;
  config: ServerConfig;
  /** The Halo page stylesheet (lib/halo/halo.css), served from the page's own origin. */
  stylesheet: string;
  now?: () => Date;
  log?: (event: Record<string, unknown>) => void;
}

/** Page headers: no script can run, nothing loads from elsewhere, and the page is not indexed by default. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src https: data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function pageHeaders(allowIndexing: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Short-lived, so an unpublished Halo disappears from caches within minutes.
    'Cache-Control': 'public, max-age=60, must-revalidate',
    ...(allowIndexing ? {} : { 'X-Robots-Tag': 'noindex, nofollow' }),
  };
}

function apiError(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, path?: string) {
  return c.json({ error: { code, message, ...(path !== undefined ? { path } : {}) } }, status);
}

export function createApp({ store, config, stylesheet, now = () => new Date(), log = () => {} }: AppDeps): Hono {
  const app = new Hono();

  // The extension publishes from its service worker (a chrome-extension:// origin). Auth is a bearer
  // token, never a cookie, so answering CORS for any origin exposes nothing.
  app.use(
    '/api/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', IDEMPOTENCY_HEADER, EDIT_TOKEN_HEADER],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );

  // Readable cross-origin so the options page's "Test connection" can ask it.
  app.get('/healthz', cors({ origin: '*' }), (c) => c.json({ ok: true, halos: store.count() }));

  app.get('/assets/halo.css', (c) =>
    c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
  );

  app.post(
    HALOS_PATH,
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) =>
        apiError(
          c,
          413,
          'payload_too_large',
          `The Halo is larger than this server accepts (${config.bodyLimitBytes} bytes).`,
        ),
    }),
    async (c) => {
      if (config.apiToken) {
        const auth = c.req.header('Authorization') ?? '';
        const presented = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
        if (!presented)
          return apiError(c, 401, 'unauthorized', 'This server needs an API token: set it in the extension options.');
        if (!tokenMatches(presented, sha256(config.apiToken))) {
          return apiError(c, 403, 'forbidden', 'The API token was refused: check it in the extension options.');
        }
      }
      const type = c.req.header('Content-Type') ?? '';
      if (!type.toLowerCase().startsWith('application/json')) {
        return apiError(c, 415, 'unsupported_media_type', 'Send the Halo as application/json.');
      }
      const raw = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.');
      }
      const checked = validateHalo(body);
      if (!checked.ok) {
        const first = checked.problems[0]!;
        return apiError(c, 400, 'invalid_halo', first.message, first.path);
      }
      const halo = checked.value;

      // No await from here to the insert: better-sqlite3 is synchronous, so two requests with one
      // key cannot both miss the lookup and both insert.
      const key = c.req.header(IDEMPOTENCY_HEADER)?.trim();
      const requestHash = sha256(JSON.stringify(halo));
      if (key) {
        const seen = store.findIdempotent(key);
        if (seen) {
          if (seen.requestHash !== requestHash) {
            return apiError(
              c,
              422,
              'idempotency_conflict',
              'This Idempotency-Key was already used for a different Halo.',
            );
          }
          return c.body(seen.response, 201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
        }
      }
      const id = newHaloId();
      const editToken = newEditToken();
      const at = now().toISOString();
      const origin = config.publicUrl ?? new URL(c.req.url).origin;
      const response = JSON.stringify({ id, url: `${origin}/h/${id}`, editToken });
      store.insert(
        {
          id,
          json: JSON.stringify(halo),
          html: renderHaloBody(halo),
          title: halo.title,
          editTokenHash: sha256(editToken),
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        },
        key ? { key, requestHash, response } : undefined,
      );
      log({ event: 'halo_published', id, blocks: halo.blocks.length, bytes: raw.length });
      return c.body(response, 201, { 'Content-Type': 'application/json', Location: `/h/${id}` });
    },
  );

  app.get('/h/:id', (c) => {
    const record = store.get(c.req.param('id'));
    if (!record) return c.html(statusPage(404), 404, pageHeaders(false));
    if (record.deletedAt) return c.html(statusPage(410), 410, pageHeaders(false));
    const halo = JSON.parse(record.json) as Halo;
    return c.html(haloPage(halo, record.html, c.req.url), 200, pageHeaders(Boolean(halo.allowSearchEngines)));
  });

  app.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /h/\n'));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)
      : c.html(statusPage(404), 404, pageHeaders(false)),
  );

  app.onError((error, c) => {
    log({ event: 'error', path: c.req.path, message: error.message });
    return apiError(c, 500, 'internal', 'The server failed to handle this request. Try again later.');
  });

  return app;
}
