// Operations (issue 14): an exhausted or blocked database pool answers 503 at once, and a server
// being stopped finishes the requests it has before closing its database.
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHaloServer } from '../../server/start';
import { freshDatabase } from '../support/stores';

const halo = (n: string) => ({
  version: 1,
  title: `Ops ${n}`,
  source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-30T10:00:00Z' },
  blocks: [{ type: 'text', markdown: `Body ${n}` }],
});
const publish = (url: string, n: string) =>
  fetch(`${url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(halo(n)),
  });
/** Publishes until stored: on a busy machine a 400 ms budget is sometimes spent without any lock. */
async function published(url: string, n: string): Promise<string> {
  for (let tries = 0; ; tries++) {
    const res = await publish(url, n);
    if (res.status === 201 || tries === 20) {
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-ops-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('answers 503 with Retry-After, not a hang, while its one connection is busy (pool exhausted)', async () => {
  const db = await freshDatabase(dir, 'postgres', 'exhausted');
  const server = await startHaloServer({
    port: 0,
    ...db,
    dbPoolSize: 1,
    dbTimeoutMs: 400,
    rateLimit: { perMinute: 1000, perDay: 1000 },
  });
  const id = await published(server.url, 'before');
  // Another client holds the table: the server's one connection waits on it, every other request
  // waits for that connection.
  const blocker = new pg.Client({ connectionString: db.databaseUrl! });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE halos IN ACCESS EXCLUSIVE MODE');
    const started = performance.now();
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => publish(server.url, `during ${i}`)),
      ...Array.from({ length: 6 }, () => fetch(`${server.url}/h/${id}`)),
    ]);
    const took = performance.now() - started;
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    // Bounded by the timeouts (400 ms each, a few in a row), never by the lock.
    expect(took).toBeLessThan(5_000);
    await blocker.query('ROLLBACK');
    await published(server.url, 'after');
    await expect.poll(async () => (await fetch(`${server.url}/h/${id}`)).status, { interval: 200 }).toBe(200);
  } finally {
    await blocker.end();
    await server.close();
  }
});

it('finishes a request in flight when it is stopped, then closes (graceful shutdown)', async () => {
  const server = await startHaloServer({ port: 0, ...(await freshDatabase(dir, 'sqlite', 'drain')) });
  const body = JSON.stringify(halo('in flight'));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${server.url}/api/v1/halos`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    // Half the body now, the rest after the server was told to stop.
    req.write(body.slice(0, 20));
    setTimeout(() => req.end(body.slice(20)), 300);
  });
  await new Promise((ok) => setTimeout(ok, 100));
  let closed = false;
  const closing = server.close().then(() => (closed = true));
  // New connections are refused at once.
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  const { status, body: text } = await answer;
  expect(status).toBe(201);
  expect(JSON.parse(text)).toMatchObject({ id: expect.any(String) });
  await closing;
  expect(closed).toBe(true);
});
