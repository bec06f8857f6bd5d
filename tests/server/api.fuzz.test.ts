// Requests generated from the API's own OpenAPI schema, valid and invalid, never get a 500 and
// never take the server down (issue 16). Real server on loopback, real SQLite file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi';
import { startHaloServer, type RunningServer } from '../../server/start';
import { RENDER_REGRESSIONS } from '../fixtures/fuzz/regressions';
import { fromJsonSchema } from '../support/arbitraries/from-json-schema';
import { fuzz, fuzzTimeout } from '../support/fuzz';

let dir: string;
let server: RunningServer;
let published = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-fuzz-'));
  server = await startHaloServer({
    port: 0,
    dbPath: join(dir, 'halos.db'),
    rateLimit: { perMinute: 1e9, perDay: 1e9 },
    // Image archiving is fuzzed too; with no network here, a short timeout keeps each case short.
    images: {
      fetch: true,
      allowPrivateHosts: false,
      maxBytes: 1024 * 1024,
      maxTotalBytes: 4 * 1024 * 1024,
      timeoutMs: 200,
    },
  });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const haloSchema = (openApiDocument() as { components: { schemas: { Halo: object } } }).components.schemas.Halo;
const validHalo = fromJsonSchema(haloSchema) as fc.Arbitrary<Record<string, unknown>>;

/** A valid-shaped Halo broken one way: a key gone, a value of another type, a key unknown. */
const brokenHalo = fc
  .tuple(validHalo, fc.nat(), fc.jsonValue(), fc.string({ maxLength: 10 }))
  .map(([halo, pick, value, key]) => {
    const keys = Object.keys(halo);
    const broken: Record<string, unknown> = { ...halo };
    const victim = keys[pick % keys.length]!;
    switch (pick % 4) {
      case 0:
        delete broken[victim];
        break;
      case 1:
        broken[victim] = value;
        break;
      case 2:
        broken[key || 'extra'] = value;
        break;
      default:
        broken.blocks = [value, ...((halo.blocks as unknown[]) ?? [])];
    }
    return broken;
  });

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const id = fc.oneof(fc.constantFrom('abc', '0', '..%2F..', '%00', 'a'.repeat(300)), fc.string({ maxLength: 20 }));
const header = fc.oneof(
  fc.constantFrom('', 'x', 'Bearer ', 'Bearer x'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  '',
  'application/json;;',
);

const request: fc.Arbitrary<Request> = fc.oneof(
  validHalo.map((halo) => ({
    method: 'POST',
    path: '/api/v1/halos',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(halo),
  })),
  fc.tuple(brokenHalo, contentType).map(([halo, type]) => ({
    method: 'POST',
    path: '/api/v1/halos',
    headers: { 'Content-Type': type },
    body: JSON.stringify(halo),
  })),
  fc
    .tuple(
      fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      contentType,
    )
    .map(([body, type]) => ({
      method: 'POST',
      path: '/api/v1/halos',
      headers: { 'Content-Type': type },
      body,
    })),
  fc.tuple(validHalo, header).map(([halo, key]) => ({
    method: 'POST',
    path: '/api/v1/halos',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(halo),
  })),
  fc
    .tuple(fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), id, header, fc.option(validHalo))
    .map(([method, haloId, token, halo]) => ({
      method,
      path: `/api/v1/halos/${encodeURIComponent(haloId)}`,
      headers: { 'X-Halo-Edit-Token': token, ...(halo ? { 'Content-Type': 'application/json' } : {}) },
      ...(halo && method !== 'GET' && method !== 'HEAD' ? { body: JSON.stringify(halo) } : {}),
    })),
  fc.tuple(id, fc.constantFrom('', '.md', '.json', '/x')).map(([haloId, suffix]) => ({
    method: 'GET',
    path: `/h/${encodeURIComponent(haloId)}${suffix}`,
    headers: {},
  })),
);

async function send(req: Request): Promise<Response> {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
  const once = () =>
    fetch(`${server.url}${req.path}`, {
      method: req.method,
      headers,
      ...(req.body === undefined ? {} : { body: req.body }),
    });
  // A refused request (413, 415) may close its keep-alive connection while the client reuses it:
  // one retry on a fresh connection tells that apart from a server that stopped answering.
  return once().catch(once);
}

describe('API fuzz (issue 16)', () => {
  it(
    'answers every generated request, valid or not, without a 500',
    async () => {
      await fuzz(
        'api requests',
        fc.asyncProperty(request, async (req) => {
          const res = await send(req);
          const body = await res.text();
          expect(res.status, `${req.method} ${req.path} answered ${res.status}: ${body.slice(0, 300)}`).toBeLessThan(
            500,
          );
          if (res.status === 201) {
            published += 1;
            const { url } = JSON.parse(body) as { url: string };
            expect((await fetch(url)).status).toBe(200);
          }
        }),
        80,
      );
      // Valid requests were among them, and published.
      expect(published).toBeGreaterThan(0);
      // Still up, and still publishing.
      expect((await fetch(`${server.url}/api/v1/openapi.json`)).status).toBe(200);
    },
    fuzzTimeout(90_000),
  );

  it('publishes every renderer regression with 201 and a page (issue 16: the 2,000-deep formula)', async () => {
    for (const regression of RENDER_REGRESSIONS) {
      const res = await send({
        method: 'POST',
        path: '/api/v1/halos',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          version: 1,
          title: regression.name.slice(0, 300),
          source: {
            url: 'https://chatgpt.com/c/deep',
            title: 'Chat',
            site: 'chatgpt',
            capturedAt: '2026-11-30T10:00:00Z',
          },
          blocks: [
            { type: 'message', role: 'user', author: 'You', markdown: 'Simplify this.' },
            { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: regression.markdown },
          ],
        }),
      });
      expect(res.status, regression.name).toBe(201);
      const page = await fetch(((await res.json()) as { url: string }).url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Simplify this.');
      if (regression.shownAsSource) expect(html).toContain('class="halo-unrendered"');
    }
  }, 60_000);
});
