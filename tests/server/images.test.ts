// Images that last (issue 7): kept by the server at publish time, served from the Halo's origin;
// what cannot be kept becomes a placeholder with its alt text and a logged reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startHaloServer, type RunningServer } from '../../server/start';
import { freshDatabase } from '../support/stores';
import { png, startImageHost } from '../support/image-host';

let dir: string;
let logs: Record<string, unknown>[];
const servers: RunningServer[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-images-'));
  logs = [];
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(allowPrivateHosts: boolean) {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const server = await startHaloServer({
    port: 0,
    ...(await freshDatabase(dir, undefined, `halos-${servers.length}`)),
    logger: pino({ level: 'info' }, sink),
    images: {
      fetch: true,
      allowPrivateHosts,
      maxBytes: 5 * 1024 * 1024,
      maxTotalBytes: 25 * 1024 * 1024,
      timeoutMs: 3_000,
    },
  });
  servers.push(server);
  return server;
}

const haloWith = (markdown: string) => ({
  version: 1,
  title: 'Pictures',
  source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [{ type: 'message', role: 'assistant', author: 'ChatGPT', markdown }],
});

async function publish(server: RunningServer, markdown: string): Promise<{ id: string; url: string }> {
  const res = await fetch(`${server.url}/api/v1/halos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(haloWith(markdown)),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

it('keeps a copy of each image and serves it from the Halo origin, even after the source is gone', async () => {
  const host = await startImageHost();
  const server = await start(true); // the loopback host stands in for the internet
  const { id, url } = await publish(server, `![A chart](${host.url}/ok.png)`);
  await host.close();

  const html = await (await fetch(url)).text();
  // The version names the bytes, so the address can be cached for long (issue 21).
  const src = new RegExp(`<img src="(/h/${id}/i/0\\?v=[A-Za-z0-9_-]{12})" alt="A chart"`).exec(html)?.[1];
  expect(src).toBeDefined();
  expect(html).not.toContain(host.url);
  const image = await fetch(`${server.url}${src}`);
  expect(image.headers.get('content-type')).toBe('image/png');
  expect(image.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await image.arrayBuffer()).equals(png(40, 30))).toBe(true);
});

it.each([
  ['oversize', '/big.png', /larger than 5242880 bytes/],
  ['not an image', '/page.html', /text\/html is not a raster image/],
  ['an SVG', '/drawing.svg', /image\/svg\+xml is not a raster image/],
  ['a redirect loop', '/loop', /more than 4 redirects/],
  ['missing', '/nothing.png', /HTTP 404/],
])('an image that is %s becomes a placeholder with its alt text and a logged reason', async (_name, path, reason) => {
  const host = await startImageHost();
  try {
    const server = await start(true);
    const { url } = await publish(server, `![Diagram of it](${host.url}${path})`);
    const html = await (await fetch(url)).text();
    expect(html).toContain(
      '<span class="halo-image-missing" role="img" aria-label="Diagram of it">Image unavailable: Diagram of it</span>',
    );
    expect(html).not.toContain('<img');
    const entry = logs.find((l) => l.event === 'image_unavailable');
    expect(entry?.url).toBe(`${host.url}${path}`);
    expect(String(entry?.reason)).toMatch(reason);
  } finally {
    await host.close();
  }
});

it('never fetches from private, loopback or link-local addresses unless configured', async () => {
  const host = await startImageHost();
  try {
    const server = await start(false);
    const { url } = await publish(
      server,
      `![a](${host.url}/ok.png) ![b](http://169.254.169.254/latest/meta-data) ![c](http://[::1]:9/x.png) ![d](http://localhost:9/x.png)`,
    );
    const html = await (await fetch(url)).text();
    expect(html.match(/Image unavailable/g)).toHaveLength(4);
    const reasons = logs.filter((l) => l.event === 'image_unavailable').map((l) => String(l.reason));
    expect(reasons).toHaveLength(4);
    for (const r of reasons) expect(r).toMatch(/refused private address/);
  } finally {
    await host.close();
  }
});
