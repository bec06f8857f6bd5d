// The extension's publish client against a real loopback HTTP server answering each case
// (issue 5, issue 2 "Bad input"): a clear message for each, and only 408/429/5xx retried.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Halo } from '@/lib/halo/schema';
import { deleteHalo, retryAfterMs, sendHalo } from '@/lib/publish/client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let endpoint: string;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const halo: Halo = {
  version: 1,
  title: 'T',
  source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [{ type: 'text', markdown: 'x' }],
};
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const apiError = (status: number, code: string, message: string, extra: Record<string, string> = {}) =>
  json(status, { error: { code, message } }, extra);

describe('publish client (issue 5)', () => {
  it('sends the token as a Bearer and the idempotency key, and answers the link', async () => {
    handler = json(201, { id: 'abc', url: `${endpoint}/h/abc`, editToken: 'e' });
    const outcome = await sendHalo({ endpoint, apiToken: 'tok' }, halo, 'key-1');
    expect(outcome).toEqual({ ok: true, response: { id: 'abc', url: `${endpoint}/h/abc`, editToken: 'e' } });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer tok');
    expect(seen.at(-1)!.headers['idempotency-key']).toBe('key-1');
  });

  it.each([
    [400, 'invalid_halo', false, /refused the Halo: bad field Fix it/],
    [401, 'unauthorized', false, /refused the API token \(HTTP 401\).*options/],
    [403, 'forbidden', false, /refused the API token \(HTTP 403\).*options/],
    [413, 'payload_too_large', false, /larger than this server accepts/],
    [408, 'timeout', true, /HTTP 408/],
    [429, 'rate_limited', true, /limiting publishes.*retry automatically/],
    [500, 'internal', true, /failed \(HTTP 500\).*retry automatically/],
    [503, 'internal', true, /failed \(HTTP 503\)/],
  ])('HTTP %i: %s, retried: %s', async (status, code, retryable, message) => {
    handler = apiError(status, code, 'bad field', status === 429 ? { 'Retry-After': '7' } : {});
    const outcome = await sendHalo({ endpoint, apiToken: '' }, halo, 'k');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.retryable).toBe(retryable);
    expect(outcome.error).toMatchObject({ code, status });
    expect(outcome.error.message).toMatch(message);
    if (status === 429) expect(outcome.retryAfterMs).toBe(7000);
  });

  it('a server older than sections (issue 12): 400 at blocks.N.type says so and is not retried', async () => {
    handler = json(400, {
      error: { code: 'invalid_halo', message: 'blocks.1.type: Invalid input', path: 'blocks.1.type' },
    });
    const sectioned: Halo = { ...halo, blocks: [{ type: 'section', title: 'One' }, ...halo.blocks] };
    const outcome = await sendHalo({ endpoint, apiToken: '' }, sectioned, 'k-sections');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.retryable).toBe(false);
    expect(outcome.error.message).toMatch(/older than sections .*draft is unchanged.*Copy as Markdown/);
  });

  it.each<[string, Handler, RegExp]>([
    ['an answer that is not JSON', (_req, res) => res.writeHead(201).end('<html>hello</html>'), /not a Halo link/],
    [
      'a link on another origin',
      json(201, { id: 'a', url: 'https://evil.example/h/a', editToken: 'e' }),
      /outside .*did not copy or open/,
    ],
    ['a javascript: link', json(201, { id: 'a', url: 'javascript:alert(1)', editToken: 'e' }), /outside/],
    ['a redirect', (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end(), /redirects elsewhere/],
  ])('refuses %s without retrying', async (_name, answer, message) => {
    handler = answer;
    const outcome = await sendHalo({ endpoint, apiToken: '' }, halo, 'k');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.retryable).toBe(false);
    expect(outcome.error.message).toMatch(message);
  });

  it('gives up on a publish that hangs, with a message, and retries later', async () => {
    handler = () => undefined; // never answers
    const outcome = await sendHalo({ endpoint, apiToken: '' }, halo, 'k', undefined, 300);
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: { code: 'timeout' } });
  });

  it('says where it could not reach', async () => {
    const outcome = await sendHalo({ endpoint: 'http://127.0.0.1:9', apiToken: '' }, halo, 'k');
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: { code: 'network' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/Could not reach .*127\.0\.0\.1:9.*draft is kept/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs(new Date(1_000_000 + 5_000).toUTCString(), 1_000_000)).toBe(5_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('update and unpublish (issue 4)', () => {
  const target = { haloId: 'abc', editToken: 'edit-secret' };

  it('updates with PUT and the edit token; the link and the edit token stay', async () => {
    handler = json(200, { id: 'abc', url: `${endpoint}/h/abc`, updatedAt: '2026-11-25T10:00:00.000Z' });
    const outcome = await sendHalo({ endpoint, apiToken: '' }, halo, 'key-u', target);
    expect(outcome).toEqual({ ok: true, response: { id: 'abc', url: `${endpoint}/h/abc`, editToken: 'edit-secret' } });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: '/api/v1/halos/abc' });
    expect(seen.at(-1)!.headers['x-halo-edit-token']).toBe('edit-secret');
  });

  it('unpublishes with DELETE and the edit token, sending no body', async () => {
    handler = (_req, res) => res.writeHead(204).end();
    expect(await deleteHalo({ endpoint, apiToken: '' }, target)).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/halos/abc' });
    expect(seen.at(-1)!.headers['x-halo-edit-token']).toBe('edit-secret');
    expect(seen.at(-1)!.headers['content-type']).toBeUndefined();
  });

  it.each([
    [
      403,
      'forbidden',
      'The X-Halo-Edit-Token header is missing or wrong.',
      /refused the change \(HTTP 403\): The X-Halo-Edit-Token.*options/,
    ],
    [404, 'not_found', 'No Halo with id abc.', /no longer has this Halo \(HTTP 404\)/],
    [410, 'gone', 'This Halo was unpublished.', /already unpublished \(HTTP 410\)/],
    [401, 'unauthorized', 'token needed', /refused the API token \(HTTP 401\).*options/],
  ])('HTTP %i on a change: %s, said plainly, not retried', async (status, code, serverMessage, message) => {
    handler = apiError(status, code, serverMessage);
    for (const outcome of [
      await sendHalo({ endpoint, apiToken: '' }, halo, 'k', target),
      await deleteHalo({ endpoint, apiToken: '' }, target),
    ]) {
      expect(outcome).toMatchObject({ ok: false, retryable: false, error: { code, status } });
      if (!outcome.ok) expect(outcome.error.message).toMatch(message);
    }
  });

  it('retries a change the server failed', async () => {
    handler = apiError(503, 'internal', 'down');
    expect(await deleteHalo({ endpoint, apiToken: '' }, target)).toMatchObject({ ok: false, retryable: true });
  });
});
