// Pages over the wire (issue 21): compressed variants made once and negotiated, strong ETags and
// 304s, HEAD, the content-hashed stylesheet and long-cached images, over real HTTP. node:http,
// not fetch: fetch would decode the body, and the test is about the bytes on the wire.
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import { png, startImageHost } from '../support/image-host';

let dir: string;
let server: RunningServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-wire-'));
});
afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: StartOptions = {}) {
  server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'halos.db'), ...options });
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (answer: RawAnswer): Buffer => {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(answer.body);
  if (coding === 'gzip') return gunzipSync(answer.body);
  expect(coding).toBeUndefined();
  return answer.body;
};

/** The headers that are the server's choice (Date and the connection's are node's). */
const chosen = (headers: IncomingHttpHeaders) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
};

const words = ['sorted', 'generator', 'lazily', 'memory', 'tuple', 'index', 'closure', 'slice', 'yield', 'heap'];
const chat = (title: string, messages = 30) => ({
  version: 1,
  title,
  source: { url: 'https://chatgpt.com/c/wire', title, site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: Array.from({ length: messages }, (_, i) => ({
    type: 'message',
    role: i % 2 ? 'assistant' : 'user',
    author: i % 2 ? 'ChatGPT' : 'You',
    markdown: `${title}, message ${i}: ${words.map((w, k) => words[(i * 7 + k * 3) % words.length]! + w.length).join(' ')}\n\n\`\`\`python\nprint(${i})\n\`\`\``,
  })),
});

async function publish(body: unknown): Promise<{ id: string; url: string; editToken: string }> {
  const res = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; editToken: string };
}

/** The page as stored, read from the SQLite file itself. */
function storedPage(id: string): Buffer {
  const db = new Database(join(dir, 'halos.db'), { readonly: true });
  try {
    return Buffer.from((db.prepare('SELECT html FROM halos WHERE id = ?').pluck().get(id) as string) ?? '');
  } finally {
    db.close();
  }
}

function variantRows(id: string): { coding: string; of_etag: string }[] {
  const db = new Database(join(dir, 'halos.db'), { readonly: true });
  try {
    return db.prepare('SELECT coding, of_etag FROM page_variants WHERE halo_id = ? ORDER BY coding').all(id) as {
      coding: string;
      of_etag: string;
    }[];
  } finally {
    db.close();
  }
}

describe('pages over the wire (issue 21)', () => {
  it('sends brotli, gzip or the page itself as the request accepts, each decoding to the stored page byte for byte', async () => {
    await start();
    const { id, url } = await publish(chat('Fibonacci'));
    await server.pagesCompressed();
    const page = storedPage(id);
    expect(page.length).toBeGreaterThan(10_000);

    const cases: [string | undefined, string][] = [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'br'],
      ['br, gzip', 'br'],
      [undefined, 'identity'],
      ['', 'identity'],
      ['deflate', 'identity'],
      ['br;q=0.5, gzip', 'gzip'],
      ['GZIP;Q=0.8, br;q=0.2', 'gzip'],
      ['x-gzip', 'gzip'],
      ['*', 'br'],
      ['*;q=0.1, br;q=0', 'gzip'],
      ['gzip;q=0.5, identity', 'identity'],
      ['identity;q=0, gzip', 'gzip'],
      ['br;q=0', 'identity'],
    ];
    const sizes: Record<string, number> = {};
    for (const [acceptEncoding, coding] of cases) {
      const answer = await raw(url, acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding });
      expect(answer.status, String(acceptEncoding)).toBe(200);
      expect(answer.headers['content-encoding'] ?? 'identity', String(acceptEncoding)).toBe(coding);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(decode(answer).equals(page), String(acceptEncoding)).toBe(true);
      sizes[coding] = answer.body.length;
    }
    expect(sizes.br).toBeLessThan(sizes.gzip!);
    expect(sizes.gzip).toBeLessThan(page.length / 3);

    // Refusing the page itself and every coding the server has: 406, never a guess.
    const refused = await raw(url, { 'Accept-Encoding': 'identity;q=0, *;q=0' });
    expect(refused.status).toBe(406);
  });

  it('answers exactly these headers: a brotli page, a HEAD, a 304', async () => {
    await start();
    const { url } = await publish(chat('Headers'));
    await server.pagesCompressed();
    const page = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    const etag = page.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
    const security = {
      'content-security-policy':
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'public, max-age=60, must-revalidate',
      'x-robots-tag': 'noindex, nofollow',
      vary: 'Accept-Encoding',
    };
    expect(chosen(page.headers)).toEqual({
      ...security,
      'content-type': 'text/html; charset=UTF-8',
      'content-encoding': 'br',
      etag,
      'content-length': String(page.body.length),
    });

    const head = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(chosen(head.headers)).toEqual(chosen(page.headers));

    const notModified = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(chosen(notModified.headers)).toEqual({ ...security, etag });
  });

  it('answers 304 only when If-None-Match names the representation it would send', async () => {
    await start();
    const { url } = await publish(chat('Conditional'));
    await server.pagesCompressed();
    const br = (await raw(url, { 'Accept-Encoding': 'br' })).headers.etag!;
    const gzip = (await raw(url, { 'Accept-Encoding': 'gzip' })).headers.etag!;
    const plain = (await raw(url)).headers.etag!;
    expect(new Set([br, gzip, plain]).size).toBe(3);

    const status = async (acceptEncoding: string, ifNoneMatch: string, method = 'GET') =>
      (await raw(url, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': ifNoneMatch }, method)).status;
    expect(await status('br', br)).toBe(304);
    expect(await status('br', `W/${br}`)).toBe(304);
    expect(await status('br', `"nope", ${gzip}, ${br}`)).toBe(304);
    expect(await status('br', '*')).toBe(304);
    expect(await status('br', br, 'HEAD')).toBe(304);
    expect(await status('gzip', gzip)).toBe(304);
    expect(await status('identity', plain)).toBe(304);
    // The client holds the brotli bytes but now asks for gzip: it needs the gzip ones.
    expect(await status('gzip', br)).toBe(200);
    expect(await status('br', plain)).toBe(200);
    expect(await status('br', '"nope"')).toBe(200);
  });

  it('Update changes every ETag, and no variant of the old page is ever served', async () => {
    await start();
    const { id, url, editToken } = await publish(chat('Before'));
    await server.pagesCompressed();
    const before = await raw(url, { 'Accept-Encoding': 'br' });
    expect(before.headers['content-encoding']).toBe('br');

    const put = await fetch(`${server.url}/api/v1/halos/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Halo-Edit-Token': editToken },
      body: JSON.stringify(chat('After')),
    });
    expect(put.status).toBe(200);
    // At once, before the new variants exist: the new page, raw or compressed, never the old one.
    const newPage = storedPage(id);
    expect(newPage.includes('After, message 0')).toBe(true);
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const answer = await raw(url, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': before.headers.etag! });
      expect(answer.status).toBe(200);
      expect(answer.headers.etag).not.toBe(before.headers.etag);
      expect(decode(answer).equals(newPage)).toBe(true);
    }

    await server.pagesCompressed();
    const after = await raw(url, { 'Accept-Encoding': 'br' });
    expect(after.headers['content-encoding']).toBe('br');
    expect(decode(after).equals(newPage)).toBe(true);
    const current = (await raw(url)).headers.etag!;
    expect(variantRows(id)).toEqual([
      { coding: 'br', of_etag: current },
      { coding: 'gzip', of_etag: current },
    ]);
  });

  it('Unpublish deletes the variants: every coding answers 410', async () => {
    await start();
    const { id, url, editToken } = await publish(chat('Gone soon'));
    await server.pagesCompressed();
    expect(variantRows(id)).toHaveLength(2);
    const del = await fetch(`${server.url}/api/v1/halos/${id}`, {
      method: 'DELETE',
      headers: { 'X-Halo-Edit-Token': editToken },
    });
    expect(del.status).toBe(204);
    expect(variantRows(id)).toEqual([]);
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const answer = await raw(url, { 'Accept-Encoding': acceptEncoding });
      expect(answer.status).toBe(410);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.etag).toBeUndefined();
      expect(answer.body.toString()).toContain('This Halo was removed');
    }
    const head = await raw(url, {}, 'HEAD');
    expect(head.status).toBe(410);
    expect(head.body.length).toBe(0);
  });

  it('tags and compresses pages stored before issue 21 (migration 4, then in the background)', async () => {
    const db = new Database(join(dir, 'halos.db'));
    db.exec(`CREATE TABLE halos (id TEXT PRIMARY KEY, json TEXT NOT NULL, html TEXT NOT NULL, title TEXT NOT NULL,
        edit_token_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;
      CREATE TABLE idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL,
        halo_id TEXT NOT NULL REFERENCES halos(id), response TEXT NOT NULL) STRICT;
      ALTER TABLE halos ADD COLUMN indexable INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE images (halo_id TEXT NOT NULL REFERENCES halos(id), n INTEGER NOT NULL, source_url TEXT NOT NULL,
        type TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (halo_id, n)) STRICT;
      PRAGMA user_version = 3;`);
    const oldPage = `<!doctype html><html><head><link rel="stylesheet" href="/assets/halo.css"></head><body>${'<p>Kept from before.</p>\n'.repeat(300)}</body></html>`;
    db.prepare(
      `INSERT INTO halos VALUES ('old', '{}', ?, 'Old', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NULL, 0)`,
    ).run(oldPage);
    db.prepare(`INSERT INTO images VALUES ('old', 0, 'https://example.com/a.png', 'image/png', ?)`).run(png(4, 4));
    db.close();

    await start();
    await server.pagesCompressed();
    const url = `${server.url}/h/old`;
    const plain = await raw(url);
    expect(plain.headers.etag).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
    expect(plain.body.toString()).toBe(oldPage);
    const br = await raw(url, { 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(decode(br).toString()).toBe(oldPage);
    const image = await raw(`${server.url}/h/old/i/0`);
    expect(image.headers.etag).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
    // Its page points at the stylesheet's name from before, which still answers.
    const css = await raw(`${server.url}/assets/halo.css`);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('serves the stylesheet under its content hash, compressed, cached for a year', async () => {
    await start();
    const { url } = await publish(chat('Styled'));
    const href = /<link rel="stylesheet" href="(\/assets\/halo\.([0-9a-f]{16})\.css)">/.exec(
      (await raw(url)).body.toString(),
    );
    expect(href).not.toBeNull();
    const css = await readFile(new URL('../../lib/halo/halo.css', import.meta.url));
    const { createHash } = await import('node:crypto');
    expect(href![2]).toBe(createHash('sha256').update(css).digest('hex').slice(0, 16));

    for (const [acceptEncoding, coding] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['', undefined],
    ] as const) {
      const answer = await raw(`${server.url}${href![1]}`, { 'Accept-Encoding': acceptEncoding });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['content-encoding']).toBe(coding);
      expect(decode(answer).equals(css)).toBe(true);
      const again = await raw(`${server.url}${href![1]}`, {
        'Accept-Encoding': acceptEncoding,
        'If-None-Match': answer.headers.etag!,
      });
      expect(again.status).toBe(304);
    }
    // A name from an earlier deploy leads to today's stylesheet; anything else is not found.
    const old = await raw(`${server.url}/assets/halo.0123456789abcdef.css`);
    expect(old.status).toBe(302);
    expect(old.headers.location).toBe(href![1]);
    expect((await raw(`${server.url}/assets/other.css`)).status).toBe(404);
  });

  it('gives kept images an ETag and long caching under a versioned address, never recompressed', async () => {
    const host = await startImageHost();
    try {
      await start({
        images: { fetch: true, allowPrivateHosts: true, maxBytes: 1e6, maxTotalBytes: 1e7, timeoutMs: 3_000 },
      });
      const { id, url, editToken } = await publish({
        ...chat('Pictures', 2),
        blocks: [{ type: 'message', role: 'assistant', author: 'ChatGPT', markdown: `![A](${host.url}/ok.png)` }],
      });
      const src = (html: string) => /<img src="([^"]+)"/.exec(html)?.[1] ?? '';
      const first = src((await raw(url)).body.toString());
      expect(first).toMatch(new RegExp(`^/h/${id}/i/0\\?v=[A-Za-z0-9_-]{12}$`));

      const image = await raw(`${server.url}${first}`, { 'Accept-Encoding': 'gzip, br' });
      expect(image.status).toBe(200);
      expect(image.body.equals(png(40, 30))).toBe(true);
      expect(chosen(image.headers)).toEqual({
        'content-security-policy': "default-src 'none'; sandbox",
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=31536000, s-maxage=60, immutable',
        'content-type': 'image/png',
        etag: image.headers.etag,
        'content-length': String(png(40, 30).length),
      });
      expect(first.endsWith(image.headers.etag!.slice(1, 13))).toBe(true);
      expect((await raw(`${server.url}${first}`, { 'If-None-Match': image.headers.etag! })).status).toBe(304);
      // Without the version (pages published before issue 21) it is checked back often.
      const unversioned = await raw(`${server.url}/h/${id}/i/0`);
      expect(unversioned.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
      expect(unversioned.headers.etag).toBe(image.headers.etag);

      // An update that shows another image at the same index gives it another address.
      await fetch(`${server.url}/api/v1/halos/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Halo-Edit-Token': editToken },
        body: JSON.stringify({
          ...chat('Pictures', 2),
          blocks: [{ type: 'message', role: 'assistant', author: 'ChatGPT', markdown: `![B](${host.url}/other.png)` }],
        }),
      });
      const second = src((await raw(url)).body.toString());
      expect(second).toMatch(new RegExp(`^/h/${id}/i/0\\?v=`));
      expect(second).not.toBe(first);
      const stale = await raw(`${server.url}${first}`);
      expect(stale.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
      expect((await raw(`${server.url}${second}`)).body.equals(png(20, 10))).toBe(true);
    } finally {
      await host.close();
    }
  });
});
