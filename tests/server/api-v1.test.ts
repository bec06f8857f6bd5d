// The full API v1 and page behaviour (issue 6, issue 7): edit, delete, formats, headers, limits, bad input.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import { freshDatabase, openTestStore, testStoreKind, type TestDatabase } from '../support/stores';

const halo = {
  version: 1,
  title: 'A chat worth sharing',
  note: 'Look at the second answer.',
  source: { url: 'https://chatgpt.com/c/abc', title: 'Chat', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [
    { type: 'message', role: 'user', author: 'You', markdown: 'What is $e^{i\\pi}$?' },
    { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'It is $-1$.' },
  ],
};

let dir: string;
let db: TestDatabase;
let server: RunningServer;
const start = async (options: StartOptions = {}) => {
  server = await startHaloServer({
    port: 0,
    ...db,
    rateLimit: { perMinute: 1000, perDay: 10_000 },
    ...options,
  });
};
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const publish = async (body: unknown = halo) =>
  (await call('POST', '/api/v1/halos', body)).json() as Promise<{ id: string; url: string; editToken: string }>;
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-api-'));
  db = await freshDatabase(dir);
});
afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`API v1 on ${testStoreKind()} (issue 6, issue 14)`, () => {
  it('reads a Halo back as JSON', async () => {
    await start();
    const { id, url } = await publish();
    const res = await call('GET', `/api/v1/halos/${id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; url: string; halo: unknown };
    expect(body).toMatchObject({ id, url, halo });
  });

  it('updates with the edit token and keeps the link; the view link alone cannot', async () => {
    await start();
    const { id, url, editToken } = await publish();
    const changed = { ...halo, title: 'Edited title' };
    expect((await call('PUT', `/api/v1/halos/${id}`, changed)).status).toBe(403);
    expect((await call('PUT', `/api/v1/halos/${id}`, changed, { 'X-Halo-Edit-Token': 'wrong' })).status).toBe(403);
    const res = await call('PUT', `/api/v1/halos/${id}`, changed, { 'X-Halo-Edit-Token': editToken });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe(url);
    expect(await (await fetch(url)).text()).toContain('Edited title');
  });

  it('deletes with the edit token; the page then answers 410 and the content is gone', async () => {
    await start();
    const { id, url, editToken } = await publish();
    expect((await call('DELETE', `/api/v1/halos/${id}`, undefined, { 'X-Halo-Edit-Token': 'nope' })).status).toBe(403);
    expect((await call('DELETE', `/api/v1/halos/${id}`, undefined, { 'X-Halo-Edit-Token': editToken })).status).toBe(
      204,
    );
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This Halo was removed');
    expect((await call('GET', `/api/v1/halos/${id}`)).status).toBe(410);
    expect(await errorCode(await call('PUT', `/api/v1/halos/${id}`, halo, { 'X-Halo-Edit-Token': editToken }))).toBe(
      'gone',
    );
    await server.close();
    const store = await openTestStore(db);
    expect(await store.get(id)).toMatchObject({ json: '{}', html: '', title: '' });
    await store.close();
    await start();
  });

  it('serves /h/:id.md and /h/:id.json', async () => {
    await start();
    const { url } = await publish();
    const md = await fetch(`${url}.md`);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain('# A chat worth sharing');
    const json = await fetch(`${url}.json`);
    expect(await json.json()).toEqual(halo);
  });

  it('renders math and speakers on the server, with link-preview tags', async () => {
    await start();
    const { url } = await publish();
    const html = await (await fetch(url)).text();
    expect(html).toContain('<math');
    expect(html).toContain('halo-role-user');
    expect(html).toContain('halo-role-assistant');
    expect(html).toContain('<meta property="og:title" content="A chat worth sharing">');
    // Issue 13: the large link-preview card.
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toContain('Look at the second answer.');
  });

  it('serves its OpenAPI document, generated from the shared schema', async () => {
    await start();
    const doc = (await (await call('GET', '/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { Halo: { properties: Record<string, unknown> } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    // Issue 11 added the image upload.
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/halos', '/api/v1/halos/{id}', '/api/v1/images']);
    expect(Object.keys(doc.components.schemas.Halo.properties)).toContain('blocks');
  });

  it('gives 50 concurrent POSTs with one key one Halo and 50 identical answers', async () => {
    await start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', '/api/v1/halos', halo, { 'Idempotency-Key': 'same' }).then((r) => r.text()),
      ),
    );
    expect(new Set(answers).size).toBe(1);
    expect(((await (await fetch(`${server.url}/readyz`)).json()) as { halos: number }).halos).toBe(1);
  });
});

describe('pages (issue 6, issue 7)', () => {
  it('sends exactly the security headers', async () => {
    await start();
    const { url } = await publish();
    const res = await fetch(url);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
    );
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(await res.text()).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('lets search engines in only when the author chose so', async () => {
    await start();
    const { url } = await publish({ ...halo, allowSearchEngines: true });
    const res = await fetch(url);
    expect(res.headers.get('x-robots-tag')).toBeNull();
    expect(await res.text()).not.toContain('name="robots"');
    expect(await (await fetch(`${server.url}/robots.txt`)).text()).toBe('User-agent: *\nDisallow: /h/\n');
  });
});

describe('rate limits (issue 6, issue 7)', () => {
  it('answers the 31st publish within a minute with 429 and Retry-After', async () => {
    await start({ rateLimit: { perMinute: 30, perDay: 300 } });
    for (let i = 0; i < 30; i++)
      expect((await call('POST', '/api/v1/halos', { ...halo, title: `n${i}` })).status).toBe(201);
    const res = await call('POST', '/api/v1/halos', halo);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorCode(res)).toBe('rate_limited');
  });
});

describe('bad input (issue 6)', () => {
  const base = () => structuredClone(halo) as Record<string, unknown> & typeof halo;
  it.each<
    [string, () => { body: unknown; headers?: Record<string, string>; method?: string; path?: string }, number, string]
  >([
    ['invalid JSON', () => ({ body: '{"version":' }), 400, 'invalid_json'],
    ['a wrong type', () => ({ body: { ...base(), title: 42 } }), 400, 'invalid_halo'],
    ['an unknown field', () => ({ body: { ...base(), html: '<b>x</b>' } }), 400, 'invalid_halo'],
    [
      'no content type',
      () => ({ body: JSON.stringify(halo), headers: { 'Content-Type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    ],
    ['an oversize body', () => ({ body: { ...base(), note: 'x'.repeat(6 * 1024 * 1024) } }), 413, 'payload_too_large'],
    ['an unknown id', () => ({ body: undefined, method: 'GET', path: '/api/v1/halos/nope' }), 404, 'not_found'],
    ['an edit without a token', () => ({ body: halo, method: 'PUT', path: '/api/v1/halos/nope' }), 404, 'not_found'],
  ])('%s', async (_name, make, status, code) => {
    await start();
    const { body, headers, method = 'POST', path = '/api/v1/halos' } = make();
    const res = await call(method, path, body, headers);
    expect(res.status).toBe(status);
    expect(await errorCode(res)).toBe(code);
  });

  it('missing or wrong API token', async () => {
    await start({ apiToken: 'team-token' });
    expect(await errorCode(await call('POST', '/api/v1/halos', halo))).toBe('unauthorized');
    expect(await errorCode(await call('POST', '/api/v1/halos', halo, { Authorization: 'Bearer other' }))).toBe(
      'forbidden',
    );
  });
});
