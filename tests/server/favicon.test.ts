// Issue 18: the Halo mark is the published page's favicon, served from the page's own origin under
// content-hashed names with the stylesheet's caching (issue 21), and drawn on the link-preview card.
import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSvg, CARD_WIDTH, MARK_SIZE, MARK_X, MARK_Y } from '../../server/og-card';
import { startHaloServer, type RunningServer } from '../../server/start';
import type { Halo } from '../../lib/halo/schema';

const root = join(import.meta.dirname, '../..');
const mark = readFileSync(join(root, 'assets', 'halo-mark.svg'));
const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** One request, bytes as sent (fetch would decode them). */
const raw = (url: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });

const halo: Halo = {
  version: 1,
  title: 'Autovacuum, tuned',
  source: { url: 'https://chatgpt.com/c/1', title: 'Chat', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [{ type: 'text', markdown: 'Lower the scale factor.' }],
};

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-favicon-'));
  server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'halos.db') });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const iconLinks = (html: string) =>
  [...new JSDOM(html).window.document.querySelectorAll('link[rel="icon"]')].map((link) => ({
    href: link.getAttribute('href'),
    type: link.getAttribute('type'),
    sizes: link.getAttribute('sizes'),
  }));

describe('the favicon (issue 18)', () => {
  it('every page names the mark from its own origin: a 32 px PNG, then the SVG itself', async () => {
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(halo),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const links = iconLinks(await (await fetch(url)).text());
    expect(links).toEqual([
      { href: expect.stringMatching(/^\/assets\/halo-mark\.[0-9a-f]{16}\.png$/), type: 'image/png', sizes: '32x32' },
      { href: `/assets/halo-mark.${hash(mark)}.svg`, type: 'image/svg+xml', sizes: null },
    ]);
    // The 404 page and the front door carry the same links.
    expect(iconLinks(await (await fetch(`${server.url}/h/nosuchhalo`)).text())).toEqual(links);
    expect(iconLinks(await (await fetch(`${server.url}/`)).text())).toEqual(links);
  });

  it('serves the SVG compressed and the PNG (the toolbar icon at 32 px) under hashed names, cached for a year', async () => {
    const links = iconLinks(await (await fetch(`${server.url}/h/nosuchhalo`)).text());
    const [png, svg] = links.map((link) => `${server.url}${link.href}`) as [string, string];

    const plain = await raw(svg);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('image/svg+xml');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    // An SVG opened on its own is a document: nothing in it may run or load.
    expect(plain.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(plain.body.equals(mark)).toBe(true);
    const br = await raw(svg, { 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(mark)).toBe(true);
    expect((await raw(svg, { 'If-None-Match': String(plain.headers.etag) })).status).toBe(304);

    const image = await raw(png, { 'Accept-Encoding': 'br, gzip' });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(png).toContain(`/halo-mark.${hash(image.body)}.png`);
    // The same pixels as the toolbar's 32 px icon: one mark everywhere.
    expect(image.body.equals(readFileSync(join(root, 'public', 'icon', '32.png')))).toBe(true);

    // Pages published before issue 18 name no icon: the browser's own guess finds it too.
    const ico = await raw(`${server.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toBe('image/png');
    expect(ico.headers['cache-control']).toBe('public, max-age=86400');
    expect(ico.body.equals(image.body)).toBe(true);
  });

  it("an earlier deploy's mark leads to today's; other names are not found", async () => {
    const links = iconLinks(await (await fetch(`${server.url}/h/nosuchhalo`)).text());
    const old = await raw(`${server.url}/assets/halo-mark.0123456789abcdef.svg`);
    expect(old.status).toBe(302);
    expect(old.headers.location).toBe(links[1]!.href);
    expect((await raw(`${server.url}/assets/halo-mark.0123456789abcdef.png`)).headers.location).toBe(links[0]!.href);
    expect((await raw(`${server.url}/assets/halo-mark.svg`)).status).toBe(404);
    // The stylesheet keeps its own redirect (issue 21).
    expect((await raw(`${server.url}/assets/halo.0123456789abcdef.css`)).headers.location).toMatch(
      /^\/assets\/halo\.[0-9a-f]{16}\.css$/,
    );
  });
});

describe('the link-preview card (issue 18)', () => {
  it('draws the Halo mark in its top right corner: tile, page and ring', () => {
    const svg = cardSvg(halo);
    const parsed = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
    expect(parsed.querySelector('parsererror')).toBeNull();
    const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
    // A point of the mark's 128-unit drawing, as RGB on the card.
    const at = (u: number, v: number) => {
      const x = Math.round(MARK_X + (u * MARK_SIZE) / 128);
      const y = Math.round(MARK_Y + (v * MARK_SIZE) / 128);
      const i = (y * CARD_WIDTH + x) * 4;
      return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!] as const;
    };
    const [tr, tg, tb] = at(14, 110); // the deep violet tile
    expect(tr).toBeLessThan(80);
    expect(tb).toBeGreaterThan(tg);
    const [pr, pg, pb] = at(44, 100); // the light page
    expect(Math.min(pr, pg, pb)).toBeGreaterThan(230);
    const [rr, rg, rb] = at(64, 21); // the gold ring's top
    expect(rr).toBeGreaterThan(220);
    expect(rg).toBeGreaterThan(150);
    expect(rb).toBeLessThan(140);
  });
});
