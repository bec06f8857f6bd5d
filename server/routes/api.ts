import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EDIT_TOKEN_HEADER, IDEMPOTENCY_HEADER, type UpdateResponse } from '@/lib/halo/api';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import { apiError } from '../api-error';
import { archiveImages } from '../archive-images';
import type { ServerConfig } from '../config';
import { newEditToken, newHaloId, sha256, tokenMatches } from '../ids';
import { openApiDocument } from '../openapi';
import { renderPage } from '../page';
import { IdempotencyLostError, type HaloStore, type IdempotentAnswer } from '../store';

export interface ApiDeps {
  store: HaloStore;
  config: ServerConfig;
  now: () => Date;
  log: (event: Record<string, unknown>) => void;
}

/** /api/v1: publish, read, update and delete Halos (docs/api.md). */
export function apiRoutes({ store, config, now, log }: ApiDeps): Hono {
  const api = new Hono();
  const apiTokenHash = config.apiToken ? sha256(config.apiToken) : null;

  const clientAddress = (c: Context): string => {
    if (config.trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  /** Auth, rate limit, JSON and schema: what a publish and an update both need. */
  const readHalo = async (c: Context): Promise<{ halo: Halo; raw: string } | Response> => {
    const auth = c.req.header('Authorization') ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (apiTokenHash) {
      if (!presented)
        return apiError(c, 401, 'unauthorized', 'This server needs an API token: set it in the extension options.');
      if (!tokenMatches(presented, apiTokenHash)) {
        return apiError(c, 403, 'forbidden', 'The API token was refused: check it in the extension options.');
      }
    }
    const keys = [`ip:${clientAddress(c)}`, ...(presented ? [`token:${sha256(presented)}`] : [])];
    // Counted in the database: every instance sharing it sees the same windows.
    const decision = await store.takeRate(keys, config.rateLimit, now().getTime());
    if (!decision.ok) {
      return apiError(c, 429, 'rate_limited', `Too many publishes. Try again in ${decision.retryAfterSeconds} s.`, {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    if (!(c.req.header('Content-Type') ?? '').toLowerCase().startsWith('application/json')) {
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
      return apiError(c, 400, 'invalid_halo', first.message, { path: first.path });
    }
    return { halo: checked.value, raw };
  };

  const limit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      apiError(
        c,
        413,
        'payload_too_large',
        `The Halo is larger than this server accepts (${config.bodyLimitBytes} bytes).`,
      ),
  });

  const linkFor = (c: Context, id: string) => `${config.publicUrl ?? new URL(c.req.url).origin}/h/${id}`;

  /** The edit token proves authorship; the view link alone never allows a change. */
  const authorize = async (c: Context, id: string) => {
    const record = await store.get(id);
    if (!record) return apiError(c, 404, 'not_found', `No Halo with id ${id}.`);
    if (record.deletedAt) return apiError(c, 410, 'gone', 'This Halo was unpublished.');
    const token = c.req.header(EDIT_TOKEN_HEADER) ?? '';
    if (!token || !tokenMatches(token, record.editTokenHash)) {
      return apiError(c, 403, 'forbidden', `The ${EDIT_TOKEN_HEADER} header is missing or wrong for this Halo.`);
    }
    return record;
  };

  api.get('/openapi.json', (c) => c.json(openApiDocument()));

  api.post('/halos', limit, async (c) => {
    const read = await readHalo(c);
    if (read instanceof Response) return read;
    const { halo, raw } = read;
    const key = c.req.header(IDEMPOTENCY_HEADER)?.trim();
    if (key && key.length > 200)
      return apiError(c, 400, 'invalid_halo', 'The Idempotency-Key is longer than 200 characters.');
    const requestHash = sha256(JSON.stringify(halo));
    const conflict = () =>
      apiError(c, 422, 'idempotency_conflict', 'This Idempotency-Key was already used for a different Halo.');
    const replay = (answer: IdempotentAnswer) =>
      answer.requestHash === requestHash
        ? c.body(answer.response, 201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' })
        : conflict();

    for (;;) {
      if (key) {
        // The key is claimed in the database before any work, so that one publish runs per key
        // across every process sharing it; a retry of a stored publish answers at once.
        const claim = await claimOrWait(store, key, requestHash);
        if (claim.state === 'done') return replay(claim.answer);
        if (claim.state === 'pending') {
          if (claim.requestHash !== requestHash) return conflict();
          return apiError(
            c,
            409,
            'idempotency_in_progress',
            'A publish with this Idempotency-Key is still in progress. Try again in a moment.',
            { headers: { 'Retry-After': '1' } },
          );
        }
      }
      try {
        const archived = await archiveImages(halo, config.images, log);
        const id = newHaloId();
        const editToken = newEditToken();
        const at = now().toISOString();
        const response = JSON.stringify({ id, url: linkFor(c, id), editToken });
        // Images first: a crash before the Halo row leaves bytes nobody links to, never a page
        // without its images.
        if (archived.images.length > 0) await store.blobs.put(id, archived.images);
        await store.insert(
          {
            id,
            json: JSON.stringify(halo),
            html: renderPage(halo, linkFor(c, id), archived.resolverFor(id)),
            title: halo.title,
            indexable: Boolean(halo.allowSearchEngines),
            editTokenHash: sha256(editToken),
            createdAt: at,
            updatedAt: at,
            deletedAt: null,
          },
          key ? { key, requestHash, response } : undefined,
        );
        log({ event: 'halo_published', id, blocks: halo.blocks.length, bytes: raw.length });
        return c.body(response, 201, { 'Content-Type': 'application/json', Location: `/h/${id}` });
      } catch (error) {
        // Another request took this key over (our claim had gone stale): answer what it stored.
        if (error instanceof IdempotencyLostError) continue;
        if (key) await store.releaseIdempotency(key).catch(() => {});
        throw error;
      }
    }
  });

  api.get('/halos/:id', async (c) => {
    const id = c.req.param('id');
    const record = await store.get(id);
    if (!record) return apiError(c, 404, 'not_found', `No Halo with id ${id}.`);
    if (record.deletedAt) return apiError(c, 410, 'gone', 'This Halo was unpublished.');
    return c.json({
      id,
      url: linkFor(c, id),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      halo: JSON.parse(record.json) as Halo,
    });
  });

  api.put('/halos/:id', limit, async (c) => {
    const id = c.req.param('id');
    const record = await authorize(c, id);
    if (record instanceof Response) return record;
    const read = await readHalo(c);
    if (read instanceof Response) return read;
    const archived = await archiveImages(read.halo, config.images, log);
    const at = now().toISOString();
    await store.blobs.put(id, archived.images);
    await store.update(id, {
      json: JSON.stringify(read.halo),
      html: renderPage(read.halo, linkFor(c, id), archived.resolverFor(id)),
      title: read.halo.title,
      indexable: Boolean(read.halo.allowSearchEngines),
      updatedAt: at,
    });
    log({ event: 'halo_updated', id });
    return c.json({ id, url: linkFor(c, id), updatedAt: at } satisfies UpdateResponse);
  });

  api.delete('/halos/:id', async (c) => {
    const id = c.req.param('id');
    const record = await authorize(c, id);
    if (record instanceof Response) return record;
    await store.markDeleted(id, now().toISOString());
    log({ event: 'halo_deleted', id });
    return c.body(null, 204);
  });

  return api;
}

/** A claim older than this belongs to a publish whose process died: another request takes it over. */
const STALE_CLAIM_MS = 60_000;
/** How long a retry waits for the same publish in flight elsewhere before answering 409. */
const WAIT_FOR_CLAIM_MS = 3_000;

// Real time, not the app's clock: claims are compared across processes.
async function claimOrWait(store: HaloStore, key: string, requestHash: string) {
  const until = Date.now() + WAIT_FOR_CLAIM_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const claim = await store.claimIdempotency(key, requestHash, Date.now(), STALE_CLAIM_MS);
    if (claim.state !== 'pending' || claim.requestHash !== requestHash || Date.now() >= until) return claim;
    await new Promise((ok) => setTimeout(ok, pause));
  }
}
