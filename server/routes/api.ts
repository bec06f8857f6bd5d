import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHash } from 'node:crypto';
import { EDIT_TOKEN_HEADER, IDEMPOTENCY_HEADER, type ImageUploadResponse, type UpdateResponse } from '@/lib/halo/api';
import { sniffImage } from '@/lib/halo/image-sniff';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import { apiError } from '../api-error';
import { archiveImages } from '../archive-images';
import type { CardJobs } from '../card-job';
import type { ServerConfig } from '../config';
import { strongEtag } from '../etag';
import { newEditToken, newHaloId, sha256, tokenMatches } from '../ids';
import { openApiDocument } from '../openapi';
import { cardUrl, renderPage } from '../page';
import { IdempotencyLostError, type HaloStore, type IdempotentAnswer } from '../store';

/** How long an upload waits for the publish that shows it. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export interface ApiDeps {
  store: HaloStore;
  config: ServerConfig;
  now: () => Date;
  log: (event: Record<string, unknown>) => void;
  /** After a page was stored or replaced: its compressed variants are made off the request. */
  pageWritten?: (id: string) => void;
  /** Draws each Halo's link-preview card after the answer (issue 13). */
  cards: CardJobs;
}

/** /api/v1: publish, read, update and delete Halos (docs/api.md). */
export function apiRoutes({ store, config, now, log, cards, pageWritten = () => {} }: ApiDeps): Hono {
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

  /** The API token, when the server has one: what a publish, an update and an upload need. */
  const authenticate = (c: Context): { presented: string } | Response => {
    const auth = c.req.header('Authorization') ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (apiTokenHash) {
      if (!presented)
        return apiError(c, 401, 'unauthorized', 'This server needs an API token: set it in the extension options.');
      if (!tokenMatches(presented, apiTokenHash)) {
        return apiError(c, 403, 'forbidden', 'The API token was refused: check it in the extension options.');
      }
    }
    return { presented };
  };

  /** Auth, rate limit, JSON and schema: what a publish and an update both need. */
  const readHalo = async (c: Context): Promise<{ halo: Halo; raw: string } | Response> => {
    const auth = authenticate(c);
    if (auth instanceof Response) return auth;
    const { presented } = auth;
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

  // Uploads have their own, roomier window (one publish may carry dozens of images), also shared
  // by every instance through the database.
  const uploadLimits = { perMinute: config.rateLimit.perMinute * 20, perDay: config.rateLimit.perDay * 20 };
  const imageLimit = bodyLimit({
    maxSize: config.images.maxBytes,
    onError: (c) =>
      apiError(
        c,
        413,
        'payload_too_large',
        `The image is larger than this server keeps (${config.images.maxBytes} bytes).`,
      ),
  });

  /**
   * POST /images (issue 11): an image the client read with the user's login, sent before the Halo
   * that shows it. The bytes are checked again (raster magic bytes, size); the id is their SHA-256,
   * so a retried upload stores nothing new and answers the same id.
   */
  api.post('/images', imageLimit, async (c) => {
    const auth = authenticate(c);
    if (auth instanceof Response) return auth;
    const keys = [
      `upload:ip:${clientAddress(c)}`,
      ...(auth.presented ? [`upload:token:${sha256(auth.presented)}`] : []),
    ];
    const decision = await store.takeRate(keys, uploadLimits, now().getTime());
    if (!decision.ok) {
      return apiError(c, 429, 'rate_limited', `Too many uploads. Try again in ${decision.retryAfterSeconds} s.`, {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    const claimed = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!claimed.startsWith('image/') || claimed.includes('svg')) {
      return apiError(
        c,
        415,
        'unsupported_media_type',
        'Send one raster image (PNG, JPEG, GIF, WebP or AVIF) as image/*.',
      );
    }
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length === 0) return apiError(c, 400, 'invalid_image', 'The image is empty.');
    if (bytes.length > config.images.maxBytes) {
      return apiError(
        c,
        413,
        'payload_too_large',
        `The image is larger than this server keeps (${config.images.maxBytes} bytes).`,
      );
    }
    const type = sniffImage(bytes);
    if (type === 'svg')
      return apiError(c, 400, 'invalid_image', 'SVG images are refused: only raster images are kept.');
    if (!type) {
      return apiError(c, 400, 'invalid_image', 'These bytes are not a PNG, JPEG, GIF, WebP or AVIF image.');
    }
    const id = createHash('sha256').update(bytes).digest('hex');
    const at = now();
    // Uploads no Halo took within a day are dropped: they are kept only for the publish they precede.
    await store.blobs.purgeUploads(new Date(at.getTime() - UPLOAD_TTL_MS).toISOString());
    const created = await store.blobs.putUpload({ sha256: id, type, bytes, createdAt: at.toISOString() });
    if (created) log({ event: 'image_uploaded', id, type, bytes: bytes.length });
    const body: ImageUploadResponse = { id, type, bytes: bytes.length };
    return c.json(body, created ? 201 : 200);
  });

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
        const archived = await archiveImages(halo, config.images, log, (sha) => store.blobs.getUpload(sha));
        const id = newHaloId();
        const editToken = newEditToken();
        const at = now().toISOString();
        const response = JSON.stringify({ id, url: linkFor(c, id), editToken });
        const html = renderPage(halo, linkFor(c, id), archived.resolverFor(id), cardUrl(linkFor(c, id), at));
        // Images first: a crash before the Halo row leaves bytes nobody links to, never a page
        // without its images.
        if (archived.images.length > 0) await store.blobs.put(id, archived.images);
        await store.insert(
          {
            id,
            json: JSON.stringify(halo),
            html,
            etag: strongEtag(html),
            title: halo.title,
            indexable: Boolean(halo.allowSearchEngines),
            editTokenHash: sha256(editToken),
            createdAt: at,
            updatedAt: at,
            deletedAt: null,
          },
          key ? { key, requestHash, response } : undefined,
        );
        pageWritten(id);
        cards.schedule(id, halo, at);
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
    const archived = await archiveImages(read.halo, config.images, log, (sha) => store.blobs.getUpload(sha));
    const at = now().toISOString();
    const html = renderPage(read.halo, linkFor(c, id), archived.resolverFor(id), cardUrl(linkFor(c, id), at));
    await store.blobs.put(id, archived.images);
    await store.update(id, {
      json: JSON.stringify(read.halo),
      html,
      etag: strongEtag(html),
      title: read.halo.title,
      indexable: Boolean(read.halo.allowSearchEngines),
      updatedAt: at,
    });
    pageWritten(id);
    cards.schedule(id, read.halo, at);
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
