// Issue 11 (images behind the login): the extension uploads the images it read with the user's
// login (POST /api/v1/images), then publishes a Halo that references them as halo-image:<sha256>.
// The server checks the bytes again, names them by their hash (so a retry duplicates nothing) and
// serves them from the Halo's own origin.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import { openSqliteStore } from '../../server/sqlite-store';
import { png } from '../support/image-host';

let dir: string;
const servers: RunningServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-upload-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: StartOptions = {}) {
  const server = await startHaloServer({ port: 0, dbPath: join(dir, `halos-${servers.length}.db`), ...options });
  servers.push(server);
  return server;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const upload = (
  server: RunningServer,
  body: Uint8Array | string,
  type = 'image/png',
  headers: Record<string, string> = {},
) =>
  fetch(`${server.url}/api/v1/images`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...headers },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });

async function publish(server: RunningServer, markdown: string) {
  const res = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      version: 1,
      title: 'Behind the login',
      source: { url: 'https://chat.example.com/c/1', title: 'x', site: 'chat', capturedAt: '2026-11-30T10:00:00Z' },
      blocks: [{ type: 'message', role: 'user', author: 'You', markdown }],
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

describe('POST /api/v1/images (issue 11)', () => {
  it('stores an image once by its SHA-256: the same upload again answers the same id and adds nothing', async () => {
    const server = await start();
    const bytes = png(20, 10);
    const first = await upload(server, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: sha(bytes), type: 'image/png', bytes: bytes.length });
    // A retry, even one claiming another raster type: the bytes decide.
    const again = await upload(server, bytes, 'image/jpeg');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: sha(bytes), type: 'image/png', bytes: bytes.length });
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const db = new Database(server.dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 1 });
    db.close();
  });

  it.each([
    ['an SVG content type', '<svg/>', 'image/svg+xml', 415, 'unsupported_media_type'],
    ['a non-image content type', 'x', 'text/plain', 415, 'unsupported_media_type'],
    ['SVG bytes sent as PNG', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/png', 400, 'invalid_image'],
    ['an HTML page sent as PNG', '<!doctype html><p>Sign in</p>', 'image/png', 400, 'invalid_image'],
    ['an empty body', '', 'image/png', 400, 'invalid_image'],
  ])('refuses %s with a JSON error and a stable code', async (_name, body, type, status, code) => {
    const server = await start();
    const res = await upload(server, body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses an image over the size limit with 413 payload_too_large', async () => {
    const server = await start({
      images: { fetch: true, allowPrivateHosts: false, maxBytes: 1000, maxTotalBytes: 5000, timeoutMs: 1000 },
    });
    const res = await upload(server, Buffer.concat([png(1, 1), Buffer.alloc(2000, 7)]));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('needs the API token when the server has one', async () => {
    const server = await start({ apiToken: 'secret' });
    expect((await upload(server, png(2, 2))).status).toBe(401);
    expect((await upload(server, png(2, 2), 'image/png', { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await upload(server, png(2, 2), 'image/png', { Authorization: 'Bearer secret' })).status).toBe(201);
  });

  it('describes the endpoint in the OpenAPI document', async () => {
    const server = await start();
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/api/v1/images']).toMatchObject({ post: { responses: { 201: {}, 400: {}, 413: {}, 415: {} } } });
  });
});

describe('a Halo that references uploaded images (issue 11)', () => {
  it.each([true, false])(
    'serves them from its own origin (server fetching on: %s); missing and left-out ones are placeholders',
    async (fetchImages) => {
      const server = await start({
        images: {
          fetch: fetchImages,
          allowPrivateHosts: false,
          maxBytes: 5 * 1024 * 1024,
          maxTotalBytes: 25 * 1024 * 1024,
          timeoutMs: 1000,
        },
      });
      const bytes = png(30, 20);
      expect((await upload(server, bytes)).status).toBe(201);
      const { id, url } = await publish(
        server,
        `![shot](halo-image:${sha(bytes)}) ![never sent](halo-image:${'0'.repeat(64)}) ![huge](halo-image:left-out:too-big)`,
      );
      const page = await fetch(url);
      const html = await page.text();
      expect(html).toMatch(new RegExp(`<img src="/h/${id}/i/0\\?v=[^"]+" alt="shot"`));
      expect(html).toContain('Image unavailable: never sent');
      expect(html).toContain('Image left out (larger than 5 MB): huge');
      expect(html).not.toContain('halo-image:');
      expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self'/);
      const image = await fetch(`${server.url}/h/${id}/i/0`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(bytes)).toBe(true);
    },
  );

  it('keeps the images through an update', async () => {
    const server = await start();
    const a = png(5, 5);
    const b = png(6, 6);
    await upload(server, a);
    await upload(server, b);
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        version: 1,
        title: 't',
        source: { url: 'https://chat.example.com/', title: 'x', site: 'chat', capturedAt: '2026-11-30T10:00:00Z' },
        blocks: [{ type: 'text', markdown: `![a](halo-image:${sha(a)})` }],
      }),
    });
    const { id, editToken } = (await res.json()) as { id: string; editToken: string };
    const put = await fetch(`${server.url}/api/v1/halos/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Halo-Edit-Token': editToken },
      body: JSON.stringify({
        version: 1,
        title: 't',
        source: { url: 'https://chat.example.com/', title: 'x', site: 'chat', capturedAt: '2026-11-30T10:00:00Z' },
        blocks: [{ type: 'text', markdown: `![b](halo-image:${sha(b)})` }],
      }),
    });
    expect(put.status).toBe(200);
    const image = await fetch(`${server.url}/h/${id}/i/0`);
    expect(Buffer.from(await image.arrayBuffer()).equals(b)).toBe(true);
  });
});

it('migration 5 adds the uploads table to a database made by the previous version (issue 11)', async () => {
  const path = join(dir, 'v3.db');
  const old = new Database(path);
  old.exec(`CREATE TABLE halos (id TEXT PRIMARY KEY, json TEXT NOT NULL, html TEXT NOT NULL, title TEXT NOT NULL,
              edit_token_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
              indexable INTEGER NOT NULL DEFAULT 0) STRICT;
            CREATE TABLE idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, halo_id TEXT NOT NULL, response TEXT NOT NULL) STRICT;
            CREATE TABLE images (halo_id TEXT NOT NULL, n INTEGER NOT NULL, source_url TEXT NOT NULL, type TEXT NOT NULL,
              bytes BLOB NOT NULL, PRIMARY KEY (halo_id, n)) STRICT;
            INSERT INTO halos VALUES ('old', '{}', '<p>kept</p>', 'Old', 'h', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NULL, 0);`);
  old.pragma('user_version = 3');
  old.close();
  const store = openSqliteStore(path);
  try {
    expect((await store.get('old'))?.html).toBe('<p>kept</p>');
    const bytes = Buffer.from(png(3, 3));
    const at = '2026-11-30T10:00:00.000Z';
    expect(await store.blobs.putUpload({ sha256: sha(bytes), type: 'image/png', bytes, createdAt: at })).toBe(true);
    expect(await store.blobs.putUpload({ sha256: sha(bytes), type: 'image/png', bytes, createdAt: at })).toBe(false);
    expect((await store.blobs.getUpload(sha(bytes)))?.bytes.equals(bytes)).toBe(true);
    expect(await store.blobs.purgeUploads('2026-11-30T09:00:00.000Z')).toBe(0);
    expect(await store.blobs.purgeUploads('2026-12-01T10:00:00.000Z')).toBe(1);
    expect(await store.blobs.getUpload(sha(bytes))).toBeUndefined();
  } finally {
    await store.close();
  }
});
