// Link-preview cards (issue 13): a 1200×630 PNG drawn after the publish answered, served from the
// Halo's origin with cache headers, drawn again on Update, gone (410) on Unpublish.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { JSDOM } from 'jsdom';
import { cardSvg, wrapText } from '../../server/og-card';
import { migrateSqlite, openSqliteStore, SQLITE_MIGRATIONS } from '../../server/sqlite-store';
import { startHaloServer, type RunningServer } from '../../server/start';
import { EDIT_TOKEN_HEADER } from '../../lib/halo/api';
import type { Halo } from '../../lib/halo/schema';

let dir: string;
let server: RunningServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-card-'));
  server = await startHaloServer({ port: 0, dbPath: join(dir, 'halos.db') });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const MARKUP = '<img src=x onerror=alert(1)> & "quotes" </text><script>x</script>';
const halo = (title: string, note?: string): Halo => ({
  version: 1,
  title,
  ...(note ? { note } : {}),
  source: { url: 'https://chatgpt.com/c/1', title: 'Chat', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [
    { type: 'section', title: `Section ${MARKUP}` },
    { type: 'message', role: 'user', author: 'You', markdown: 'How do I tune autovacuum?' },
    {
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: 'Lower the scale factor.',
      source: {
        url: 'https://www.postgresql.org/docs/',
        title: 'Docs',
        site: 'postgresql.org',
        capturedAt: '2026-11-23T10:00:00Z',
      },
    },
    { type: 'section', title: 'Second' },
    { type: 'text', markdown: 'More.' },
  ],
});

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** The card is drawn after the answer: ask until it is there (bounded, never a timed assertion). */
async function cardOf(url: string): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(url);
    if (res.status !== 404) return res;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`no card at ${url}`);
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

it('answers a 1200×630 PNG with cache headers, named by og:image and twitter:card; Update draws it again; Unpublish → 410', async () => {
  const res = await send('POST', '/api/v1/halos', halo('Autovacuum, tuned'));
  expect(res.status).toBe(201);
  const { id, url, editToken } = (await res.json()) as { id: string; url: string; editToken: string };

  const doc = new JSDOM(await (await fetch(url)).text()).window.document;
  const meta = (sel: string) => doc.querySelector(`meta[${sel}]`)?.getAttribute('content');
  expect(meta('name="twitter:card"')).toBe('summary_large_image');
  const image = meta('property="og:image"')!;
  expect(image.startsWith(`${url}/card.png?v=`)).toBe(true);
  expect(meta('property="og:image:width"')).toBe('1200');
  expect(meta('property="og:image:height"')).toBe('630');

  const card = await cardOf(image);
  expect(card.status).toBe(200);
  expect(card.headers.get('content-type')).toBe('image/png');
  expect(card.headers.get('cache-control')).toMatch(/max-age=\d+/);
  expect(card.headers.get('x-content-type-options')).toBe('nosniff');
  const etag = card.headers.get('etag')!;
  const first = Buffer.from(await card.arrayBuffer());
  expect(pngSize(first)).toEqual({ width: 1200, height: 630 });
  expect((await fetch(image, { headers: { 'If-None-Match': etag } })).status).toBe(304);

  // Update: a new card (new version in the page's og:image, new bytes).
  await new Promise((ok) => setTimeout(ok, 5)); // a later updatedAt than the publish's millisecond
  expect(
    (await send('PUT', `/api/v1/halos/${id}`, halo('A different title entirely'), { [EDIT_TOKEN_HEADER]: editToken }))
      .status,
  ).toBe(200);
  const updated = new JSDOM(await (await fetch(url)).text()).window.document;
  const image2 = updated.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
  expect(image2).not.toBe(image);
  let second = first;
  for (let i = 0; i < 200 && second.equals(first); i++) {
    second = Buffer.from(await (await cardOf(image2)).arrayBuffer());
    if (second.equals(first)) await new Promise((ok) => setTimeout(ok, 50));
  }
  expect(second.equals(first)).toBe(false);
  expect(pngSize(second)).toEqual({ width: 1200, height: 630 });

  // Unpublish: the card goes with the Halo.
  expect((await send('DELETE', `/api/v1/halos/${id}`, undefined, { [EDIT_TOKEN_HEADER]: editToken })).status).toBe(204);
  const gone = await fetch(image2);
  expect(gone.status).toBe(410);
  expect(gone.headers.get('cache-control')).toBe('no-store');
  expect((await fetch(`${server.url}/h/nosuchhalo/card.png`)).status).toBe(404);
});

it('keeps markup in the title, note and section titles as text in the meta tags and the card (issue 13)', async () => {
  const res = await send('POST', '/api/v1/halos', halo(MARKUP, `Note ${MARKUP}`));
  const { url } = (await res.json()) as { url: string };
  const html = await (await fetch(url)).text();
  expect(html).not.toMatch(/<img|<script/);
  const doc = new JSDOM(html).window.document;
  expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(MARKUP);
  expect(doc.querySelector('meta[property="og:image:alt"]')?.getAttribute('content')).toBe(MARKUP);
  expect(doc.querySelector('meta[property="og:description"]')?.getAttribute('content')).toContain('onerror');
  expect(doc.querySelector('nav.halo-toc')?.textContent).toContain(`Section ${MARKUP}`);
  const image = doc.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
  expect(pngSize(Buffer.from(await (await cardOf(image)).arrayBuffer()))).toEqual({ width: 1200, height: 630 });

  // The SVG the card is drawn from: one <svg>, text only, the markup escaped.
  const svg = cardSvg(halo(MARKUP, `Note ${MARKUP}\u0001`));
  const parsed = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
  expect(parsed.querySelector('parsererror')).toBeNull();
  expect(parsed.querySelectorAll('img, script, foreignObject, image')).toHaveLength(0);
  expect(parsed.documentElement.textContent).toContain('<img src=x');
});

it('wraps a long title into at most three lines, cutting the last with an ellipsis', () => {
  const lines = wrapText('word '.repeat(100), 64, 1040, 3, true);
  expect(lines).toHaveLength(3);
  expect(lines[2]!.endsWith('…')).toBe(true);
  expect(wrapText('Short title', 64, 1040, 3, true)).toEqual(['Short title']);
  expect(wrapText('x'.repeat(500), 64, 1040, 2, true)).toHaveLength(2);
});

it('issues 13 + 21: an update draws a new card and new compressed variants; unpublish deletes both', async () => {
  const res = await send('POST', '/api/v1/halos', halo('Variants and cards'));
  const { id, url, editToken } = (await res.json()) as { id: string; url: string; editToken: string };
  await server.pagesCompressed();
  const br = { 'Accept-Encoding': 'br' };
  const before = await fetch(url, { headers: br });
  expect(before.headers.get('content-encoding')).toBe('br');
  const etag = before.headers.get('etag');

  await new Promise((ok) => setTimeout(ok, 5));
  const put = await send('PUT', `/api/v1/halos/${id}`, halo('Variants, updated'), { [EDIT_TOKEN_HEADER]: editToken });
  expect(put.status).toBe(200);
  await server.pagesCompressed();
  const after = await fetch(url, { headers: br });
  expect(after.headers.get('content-encoding')).toBe('br');
  expect(after.headers.get('etag')).not.toBe(etag);
  const page = await after.text();
  expect(page).toContain('Variants, updated');
  const image = new JSDOM(page).window.document.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
  expect((await cardOf(image)).status).toBe(200);

  expect((await send('DELETE', `/api/v1/halos/${id}`, undefined, { [EDIT_TOKEN_HEADER]: editToken })).status).toBe(204);
  expect((await fetch(url, { headers: br })).status).toBe(410);
  expect((await fetch(image)).status).toBe(410);
  const db = new Database(join(dir, 'halos.db'), { readonly: true });
  try {
    expect(db.prepare('SELECT count(*) FROM cards WHERE halo_id = ?').pluck().get(id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM page_variants WHERE halo_id = ?').pluck().get(id)).toBe(0);
  } finally {
    db.close();
  }
});

it('the cards table is the migration after uploads: a fresh database and one at v5 both reach the latest (issue 13)', async () => {
  const fresh = openSqliteStore(join(dir, 'fresh.db'));
  await fresh.close();
  const check = new Database(join(dir, 'fresh.db'), { readonly: true });
  expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
  expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'cards'`).pluck().get()).toBe('cards');
  check.close();

  // A database at v5, as the server before issue 13 left it.
  const path = join(dir, 'v5.db');
  const old = new Database(path);
  migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, 5));
  old.close();
  const store = openSqliteStore(path);
  try {
    await store.insert({
      id: 'old',
      json: '{}',
      html: '<p>kept</p>',
      etag: '"x"',
      title: 'Old',
      indexable: false,
      editTokenHash: 'h',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      deletedAt: null,
    });
    expect(await store.putCard('old', { version: '2026-01-01T00:00:00Z', png: Buffer.from([1, 2, 3]) })).toBe(true);
    expect((await store.getCard('old'))?.png).toEqual(Buffer.from([1, 2, 3]));
    await store.markDeleted('old', '2026-01-02T00:00:00Z');
    expect(await store.getCard('old')).toBeUndefined();
  } finally {
    await store.close();
  }
});

it('draws a card again when it was lost with the instance that should have drawn it (issue 14)', async () => {
  const { id } = (await (await send('POST', '/api/v1/halos', halo('Lost card'))).json()) as { id: string };
  await server.cardsDrawn();
  // As if that instance was killed before drawing, a while ago: no card, the Halo written 1 min ago.
  const db = new Database(join(dir, 'halos.db'));
  const written = new Date(Date.now() - 60_000).toISOString();
  db.prepare('DELETE FROM cards WHERE halo_id = ?').run(id);
  db.prepare('UPDATE halos SET updated_at = ? WHERE id = ?').run(written, id);
  db.close();
  const missing = await fetch(`${server.url}/h/${id}/card.png`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('retry-after')).toBe('5');
  await server.cardsDrawn();
  const drawn = await fetch(`${server.url}/h/${id}/card.png`);
  expect(drawn.status).toBe(200);
  expect(drawn.headers.get('content-type')).toBe('image/png');
  expect(
    Buffer.from(await drawn.arrayBuffer())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});
