import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import { freshDatabase, testStoreKind, type TestDatabase } from '../support/stores';

const halo = {
  version: 1,
  title: 'Fibonacci in Python',
  note: 'Why I am sharing this',
  source: { url: 'https://chatgpt.com/c/abc', title: 'Fibonacci', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [
    { type: 'message', role: 'user', author: 'You', markdown: 'How do I generate Fibonacci numbers lazily?' },
    {
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: 'Use a generator:\n\n```python\ndef fib():\n    a, b = 0, 1\n```',
    },
    { type: 'text', markdown: 'My own remark.' },
  ],
};

let dir: string;
let db: TestDatabase;
let server: RunningServer;

async function start(options: StartOptions = {}) {
  server = await startHaloServer({ host: '127.0.0.1', port: 0, ...db, ...options });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-server-'));
  db = await freshDatabase(dir);
});
afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`the Halo server over real HTTP on ${testStoreKind()} (issue 2, issue 14)`, () => {
  it('publishes, then serves the page with zero scripts and a strict CSP', async () => {
    await start();
    const res = await post(halo);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; url: string; editToken: string };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.url).toBe(`${server.url}/h/${body.id}`);
    expect(body.editToken.length).toBeGreaterThanOrEqual(22);

    const page = await fetch(body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<h1 class="halo-title">Fibonacci in Python</h1>');
    expect(html).toContain('halo-role-user');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).not.toMatch(/<script/i);

    const css = await fetch(`${server.url}/assets/halo.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('prefers-color-scheme: dark');
  });

  it('stores in the configured database: SQLite with WAL at its path, or Postgres at its URL', async () => {
    await start();
    await post(halo);
    await server.close();
    if (db.databaseUrl) {
      const client = new pg.Client({ connectionString: db.databaseUrl });
      await client.connect();
      expect((await client.query('select count(*)::int n from halos')).rows[0]).toEqual({ n: 1 });
      await client.end();
      expect(existsSync(db.dbPath)).toBe(false);
    } else {
      const file = new Database(db.dbPath, { readonly: true });
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
      expect((file.prepare('select count(*) n from halos').get() as { n: number }).n).toBe(1);
      file.close();
    }
    await start();
  });

  it('answers 400 with the field path for an invalid Halo', async () => {
    await start();
    const bad = structuredClone(halo);
    (bad.blocks[0] as { role: string }).role = 'bot';
    const res = await post(bad);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; path: string; message: string } };
    expect(error.code).toBe('invalid_halo');
    expect(error.path).toBe('blocks.0.role');
    expect(error.message).toContain('blocks.0.role');
  });

  it('refuses a lone UTF-16 surrogate with the field named, instead of storing broken text (issue 4)', async () => {
    await start();
    const bad = structuredClone(halo);
    bad.blocks[1]!.markdown = 'half an emoji: \uD83D here';
    // JSON.stringify escapes it as \ud83d: the server sees the lone surrogate as sent.
    const res = await post(bad);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { path: string; message: string } };
    expect(error.path).toBe('blocks.1.markdown');
    expect(error.message).toMatch(/lone UTF-16 surrogate/);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    await start();
    const res = await post('{"version": 1,');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('answers 413 over the body limit', async () => {
    await start({ bodyLimitBytes: 10_000 });
    const big = structuredClone(halo);
    big.blocks[2]!.markdown = 'x'.repeat(20_000);
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers 404 for an unknown id, as a page and on the API', async () => {
    await start();
    const page = await fetch(`${server.url}/h/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This Halo does not exist');
    const api = await fetch(`${server.url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers the same Halo for the same Idempotency-Key, and 422 for another body', async () => {
    await start();
    const headers = { 'Idempotency-Key': 'key-1' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(halo, headers).then((r) => r.text())));
    expect(new Set(answers).size).toBe(1);
    const other = await post({ ...halo, title: 'Another' }, headers);
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_conflict');
  });

  it('answers CORS preflights for the extension', async () => {
    await start();
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
  });

  it('needs the bearer token when one is configured', async () => {
    await start({ apiToken: 's3cret' });
    expect((await post(halo)).status).toBe(401);
    expect((await post(halo, { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await post(halo, { Authorization: 'Bearer s3cret' })).status).toBe(201);
  });
});
