// `npm run migrate-to-postgres` (issue 14): a SQLite deployment copied into Postgres, verified, and
// safe to run again after more publishes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { migrateToPostgres } from '../../server/migrate-to-postgres';
import { startHaloServer } from '../../server/start';
import { freshDatabase, openTestStore } from '../support/stores';

const halo = (n: number) => ({
  version: 1,
  title: `Copied ${n} ✓`,
  source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-30T10:00:00Z' },
  blocks: [{ type: 'text', markdown: `Body ${n}: ünïcödé 🎉 $e^{i\\pi}$` }],
});

it('copies Halos, tombstones, images and keys; verifies bytes; runs again safely', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'halo-migrate-'));
  try {
    const sqlite = await freshDatabase(dir, 'sqlite');
    const postgres = await freshDatabase(dir, 'postgres');
    const source = await startHaloServer({ port: 0, ...sqlite, images: { ...defaults(), fetch: false } });
    const publish = async (n: number, key?: string) =>
      (await (
        await fetch(`${source.url}/api/v1/halos`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
          body: JSON.stringify(halo(n)),
        })
      ).json()) as { id: string; editToken: string };
    const published = [await publish(1, 'key-1'), await publish(2), await publish(3)];
    await fetch(`${source.url}/api/v1/halos/${published[2]!.id}`, {
      method: 'DELETE',
      headers: { 'X-Halo-Edit-Token': published[2]!.editToken },
    });
    const store = await openTestStore(sqlite);
    await store.blobs.put(published[0]!.id, [
      { n: 0, sourceUrl: 'https://i/0.png', type: 'image/png', bytes: Buffer.alloc(2048, 3), etag: '"i0"' },
    ]);
    await store.blobs.putUpload({
      sha256: 'cd'.repeat(32),
      type: 'image/png',
      bytes: Buffer.alloc(64, 1),
      createdAt: new Date().toISOString(),
    });
    await store.close();
    // Cards drawn and pages compressed, so both come along (issue 13, issue 21).
    await source.cardsDrawn();
    await source.pagesCompressed();

    const first = await migrateToPostgres(sqlite.dbPath, postgres.databaseUrl!);
    expect(first).toEqual({
      halos: 3,
      images: 1,
      idempotencyKeys: 1,
      uploads: 1,
      cards: 2,
      variants: 4,
      mismatches: [],
    });

    // More publishes on SQLite, then the same command again: only brings Postgres up to date.
    published.push(await publish(4));
    await source.cardsDrawn();
    await source.pagesCompressed();
    const second = await migrateToPostgres(sqlite.dbPath, postgres.databaseUrl!);
    expect(second).toEqual({
      halos: 4,
      images: 1,
      idempotencyKeys: 1,
      uploads: 1,
      cards: 3,
      variants: 6,
      mismatches: [],
    });

    const target = await startHaloServer({ port: 0, ...postgres });
    try {
      for (const { id } of published) {
        for (const coding of ['identity', 'br', 'gzip']) {
          const headers = { 'Accept-Encoding': coding };
          const [a, b] = await Promise.all([
            fetch(`${source.url}/h/${id}`, { headers }),
            fetch(`${target.url}/h/${id}`, { headers }),
          ]);
          expect(b.status).toBe(a.status);
          expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
          expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
        }
        const [a, b] = await Promise.all([
          fetch(`${source.url}/h/${id}/card.png`),
          fetch(`${target.url}/h/${id}/card.png`),
        ]);
        expect(b.status).toBe(a.status);
        expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
      }
      const image = await fetch(`${target.url}/h/${published[0]!.id}/i/0`);
      expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.alloc(2048, 3))).toBe(true);
      // The Idempotency-Key came along: a retry across the switch replays the same Halo.
      const replay = await fetch(`${target.url}/api/v1/halos`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' },
        body: JSON.stringify(halo(1)),
      });
      expect(((await replay.json()) as { id: string }).id).toBe(published[0]!.id);
    } finally {
      await target.close();
      await source.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const defaults = () => ({ fetch: false, allowPrivateHosts: false, maxBytes: 1, maxTotalBytes: 1, timeoutMs: 1 });
