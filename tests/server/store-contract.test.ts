// One contract for every HaloStore (issue 14): SQLite and Postgres behave the same, method by
// method. A method or column added to the store interface gets its case here, for both.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPgStore, PG_MIGRATIONS } from '../../server/pg-store';
import { migrateSqlite, openSqliteStore, SQLITE_MIGRATIONS } from '../../server/sqlite-store';
import { DAY_MS, IdempotencyLostError, MINUTE_MS, type HaloRecord, type HaloStore } from '../../server/store';
import { STORE_KINDS } from '../support/store-kinds';
import { freshDatabase, openTestStore, type TestDatabase } from '../support/stores';

const record = (id: string, extra: Partial<HaloRecord> = {}): HaloRecord => ({
  id,
  json: JSON.stringify({ title: `Halo ${id}`, text: 'ünïcödé ✓ 🎉' }),
  html: `<!doctype html><p>Halo ${id}: ünïcödé ✓ 🎉</p>`,
  etag: `"tag-${id}"`,
  indexable: false,
  title: `Halo ${id}`,
  editTokenHash: `hash-${id}`,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  deletedAt: null,
  ...extra,
});
const image = (n: number, fill: number) => ({
  n,
  sourceUrl: `https://img.example/${n}.png`,
  type: 'image/png',
  bytes: Buffer.alloc(300, fill),
  etag: `"img-${n}-${fill}"`,
});
const variant = (coding: 'br' | 'gzip', text: string) => ({
  coding,
  bytes: Buffer.from(`${coding}:${text}`),
  etag: `"${coding}-${text}"`,
});

describe.each(STORE_KINDS)('the %s store', (kind) => {
  let dir: string;
  let db: TestDatabase;
  const open: HaloStore[] = [];
  const openStore = async () => {
    const store = await openTestStore(db);
    open.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'halo-contract-'));
    db = await freshDatabase(dir, kind);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, reads, updates and tombstones a Halo, byte for byte', async () => {
    const store = await openStore();
    expect(store.kind).toBe(kind);
    await store.insert(record('a'));
    expect(await store.get('a')).toEqual(record('a'));
    const page = await store.getPage('a');
    expect(Buffer.from(page!.body).toString('utf8')).toBe(record('a').html);
    expect(page).toMatchObject({ coding: 'identity', etag: '"tag-a"', indexable: false, deletedAt: null });
    expect(await store.get('missing')).toBeUndefined();
    expect(await store.getPage('missing')).toBeUndefined();

    const two = { json: '{"v":2}', html: '<p>2</p>', etag: '"two"', title: 'Two', indexable: true, updatedAt: 'later' };
    await store.update('a', two);
    expect(await store.get('a')).toEqual({
      ...record('a'),
      json: '{"v":2}',
      html: '<p>2</p>',
      etag: '"two"',
      title: 'Two',
      indexable: true,
      updatedAt: 'later',
    });
    expect(await store.count()).toBe(1);

    await store.blobs.put('a', [image(0, 1)]);
    await store.markDeleted('a', 'gone-at');
    expect(await store.get('a')).toMatchObject({ json: '{}', html: '', title: '', deletedAt: 'gone-at' });
    expect(await store.blobs.get('a', 0)).toBeUndefined();
    expect(await store.count()).toBe(0);
    // A tombstone takes no change.
    await store.update('a', { json: '{"v":3}', html: 'x', etag: 'x', title: 'x', indexable: true, updatedAt: 'x' });
    expect((await store.get('a'))!.json).toBe('{}');
    await store.ping();
  });

  it('keeps, replaces and removes image bytes (BlobStore)', async () => {
    const store = await openStore();
    await store.blobs.put('h', [image(0, 7), image(1, 8)]);
    expect(await store.blobs.get('h', 1)).toEqual({
      type: 'image/png',
      bytes: Buffer.alloc(300, 8),
      etag: '"img-1-8"',
    });
    await store.blobs.put('h', [image(0, 9)]);
    expect((await store.blobs.get('h', 0))!.bytes.equals(Buffer.alloc(300, 9))).toBe(true);
    expect(await store.blobs.get('h', 1)).toBeUndefined();
    await store.blobs.remove('h');
    expect(await store.blobs.get('h', 0)).toBeUndefined();

    // Uploads (issue 11): by content hash, kept once, purged by age.
    const upload = {
      sha256: 'ab'.repeat(32),
      type: 'image/png',
      bytes: Buffer.alloc(100, 5),
      createdAt: '2026-11-30T10:00:00.000Z',
    };
    expect(await store.blobs.putUpload(upload)).toBe(true);
    expect(await store.blobs.putUpload(upload)).toBe(false);
    expect(await store.blobs.getUpload(upload.sha256)).toEqual({ type: 'image/png', bytes: upload.bytes });
    expect(await store.blobs.purgeUploads('2026-11-30T09:00:00.000Z')).toBe(0);
    expect(await store.blobs.purgeUploads('2026-11-30T11:00:00.000Z')).toBe(1);
    expect(await store.blobs.getUpload(upload.sha256)).toBeUndefined();
  });

  it('serves a variant only of the current page, even from memory, when another process changed it (issue 21)', async () => {
    const [one, two] = [await openStore(), await openStore()];
    await one.insert(record('v'));
    expect(await one.pagesWithoutVariants()).toEqual([{ id: 'v', etag: '"tag-v"' }]);
    expect(await one.putVariants('v', '"stale"', [variant('br', 'old')])).toBe(false);
    expect(await one.putVariants('v', '"tag-v"', [variant('br', 'one'), variant('gzip', 'one')])).toBe(true);
    expect(await one.pagesWithoutVariants()).toEqual([]);
    // Viewed twice on each: the second view comes from memory.
    for (const store of [one, two, one, two]) {
      const page = await store.getPage('v', ['br', 'gzip']);
      expect(page).toMatchObject({ coding: 'br', etag: '"br-one"', indexable: false, deletedAt: null });
      expect(Buffer.from(page!.body).toString()).toBe('br:one');
      expect((await store.getPage('v', ['gzip']))!.etag).toBe('"gzip-one"');
      expect((await store.getPage('v'))!.coding).toBe('identity');
    }
    // Another process updates the page: the first one's memory must not answer for it.
    await two.update('v', { ...record('v'), html: '<p>new</p>', etag: '"new"', updatedAt: 'later' });
    const fresh = await one.getPage('v', ['br', 'gzip']);
    expect(fresh).toMatchObject({ coding: 'identity', etag: '"new"' });
    expect(Buffer.from(fresh!.body).toString()).toBe('<p>new</p>');
    expect(await two.putVariants('v', '"new"', [variant('br', 'two')])).toBe(true);
    expect(Buffer.from((await one.getPage('v', ['br']))!.body).toString()).toBe('br:two');
    // And deleted by the other: 410 at once, no variant left.
    await two.markDeleted('v', 'gone-at');
    expect(await one.getPage('v', ['br', 'gzip'])).toMatchObject({ deletedAt: 'gone-at' });
    expect(await one.getPage('v')).toMatchObject({ deletedAt: 'gone-at' });
    expect(await one.putVariants('v', '"new"', [variant('br', 'late')])).toBe(false);
  });

  it('keeps one card per Halo version; a late card of older content or of a deleted Halo is refused (issue 13)', async () => {
    const [one, two] = [await openStore(), await openStore()];
    await one.insert(record('c'));
    const v1 = record('c').updatedAt;
    expect(await one.putCard('c', { version: v1, png: Buffer.from([1]) })).toBe(true);
    expect(await two.getCard('c')).toEqual({ version: v1, png: Buffer.from([1]) });
    await two.update('c', { ...record('c'), updatedAt: 'v2' });
    // Drawn from the old content, stored late (say, by the first instance): refused.
    expect(await one.putCard('c', { version: v1, png: Buffer.from([2]) })).toBe(false);
    expect(await two.putCard('c', { version: 'v2', png: Buffer.from([3]) })).toBe(true);
    expect(await one.getCard('c')).toEqual({ version: 'v2', png: Buffer.from([3]) });
    await one.markDeleted('c', 'gone-at');
    expect(await two.getCard('c')).toBeUndefined();
    expect(await two.putCard('c', { version: 'v2', png: Buffer.from([4]) })).toBe(false);
    expect(await one.putCard('missing', { version: v1, png: Buffer.from([5]) })).toBe(false);
  });

  it('claims an Idempotency-Key once across processes, completes it with the Halo, gives it back', async () => {
    const [one, two] = [await openStore(), await openStore()];
    const now = Date.now();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).claimIdempotency('k', 'h1', now, MINUTE_MS)),
    );
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'pending')).toHaveLength(19);
    expect(await one.findIdempotent('k')).toBeUndefined();

    await one.insert(record('x'), { key: 'k', requestHash: 'h1', response: '{"id":"x"}' });
    const answer = { key: 'k', requestHash: 'h1', haloId: 'x', response: '{"id":"x"}' };
    expect(await two.findIdempotent('k')).toEqual(answer);
    expect(await two.claimIdempotency('k', 'h1', now, MINUTE_MS)).toEqual({ state: 'done', answer });
    // A completed key is never given back.
    await two.releaseIdempotency('k');
    expect(await two.findIdempotent('k')).toEqual(answer);

    expect((await one.claimIdempotency('r', 'h', now, MINUTE_MS)).state).toBe('claimed');
    await one.releaseIdempotency('r');
    expect((await two.claimIdempotency('r', 'h', now, MINUTE_MS)).state).toBe('claimed');
  });

  it('takes over a stale claim; the first owner then stores nothing', async () => {
    const store = await openStore();
    const now = Date.now();
    expect((await store.claimIdempotency('k', 'old', now - 2 * MINUTE_MS, MINUTE_MS)).state).toBe('claimed');
    expect(await store.claimIdempotency('k', 'new', now, MINUTE_MS)).toEqual({ state: 'claimed' });
    await expect(store.insert(record('late'), { key: 'k', requestHash: 'old', response: '{}' })).rejects.toThrow(
      IdempotencyLostError,
    );
    expect(await store.get('late')).toBeUndefined();
    await store.insert(record('new'), { key: 'k', requestHash: 'new', response: '{"id":"new"}' });
    expect((await store.findIdempotent('k'))!.haloId).toBe('new');
  });

  it('shares rate-limit windows between processes; a refusal counts nothing', async () => {
    const [one, two] = [await openStore(), await openStore()];
    const limits = { perMinute: 3, perDay: 5 };
    const t = 1_000_000_000;
    for (let i = 0; i < 3; i++)
      expect(await (i % 2 ? one : two).takeRate(['ip:1'], limits, t + i)).toEqual({ ok: true });
    expect(await one.takeRate(['ip:1'], limits, t + 10_000)).toEqual({ ok: false, retryAfterSeconds: 50 });
    // The other key of a refused request was not counted either.
    expect(await two.takeRate(['ip:1', 'token:a'], limits, t + 10_000)).toMatchObject({ ok: false });
    expect(await two.takeRate(['token:a'], limits, t + 10_000)).toEqual({ ok: true });
    // A new minute window; the day window still counts (3 + 2 = 5).
    expect(await one.takeRate(['ip:1'], limits, t + MINUTE_MS)).toEqual({ ok: true });
    expect(await one.takeRate(['ip:1'], limits, t + MINUTE_MS + 1)).toEqual({ ok: true });
    const refused = await one.takeRate(['ip:1'], limits, t + MINUTE_MS + 2);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: Math.ceil((DAY_MS - MINUTE_MS - 2) / 1000) });
    expect(await one.takeRate(['ip:1'], limits, t + DAY_MS)).toEqual({ ok: true });
  });

  it('refuses a database whose schema is newer, and never touches it', async () => {
    const store = await openStore();
    await store.close();
    open.splice(0);
    if (kind === 'sqlite') {
      const file = new Database(db.dbPath);
      file.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
      file.close();
      expect(() => openSqliteStore(db.dbPath)).toThrow(/schema is version \d+, but this server only knows/);
      const after = new Database(db.dbPath);
      expect(after.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length + 1);
      after.close();
    } else {
      const client = new pg.Client({ connectionString: db.databaseUrl! });
      await client.connect();
      await client.query('INSERT INTO halo_migrations (version) VALUES ($1)', [PG_MIGRATIONS.length + 1]);
      await expect(openPgStore({ url: db.databaseUrl! })).rejects.toThrow(/schema is version \d+, but this server/);
      expect((await client.query('SELECT max(version) AS v FROM halo_migrations')).rows[0].v).toBe(
        PG_MIGRATIONS.length + 1,
      );
      await client.end();
    }
  });

  it('completes at the next start a migration that was cut short, and migrates once when started together', async () => {
    const broken = ['CREATE TABLE t1 (a integer)', 'CREATE TABLE t2 (a integer); SELECT no_such_function()'];
    const fixed = ['CREATE TABLE t1 (a integer)', 'CREATE TABLE t2 (a integer)'];
    if (kind === 'sqlite') {
      const file = new Database(join(dir, 'm.db'));
      expect(() => migrateSqlite(file, broken)).toThrow();
      expect(file.pragma('user_version', { simple: true })).toBe(1);
      migrateSqlite(file, fixed);
      expect(file.pragma('user_version', { simple: true })).toBe(2);
      file.close();
    } else {
      const url = (await freshDatabase(dir, 'postgres', 'migrations', { blank: true })).databaseUrl!;
      await expect(migratePg(url, broken, 5_000)).rejects.toThrow();
      expect(await migratePg(url, fixed, 5_000)).toBe(2);
    }
    // Three instances starting at once on a new database: one runs the migrations, all start.
    const fresh = await freshDatabase(dir, kind, 'together', { blank: true });
    const stores = await Promise.all([1, 2, 3].map(() => openTestStore(fresh)));
    open.push(...stores);
    expect(await Promise.all(stores.map((s) => s.count()))).toEqual([0, 0, 0]);
  });
});

it('refuses a wrong HALO_DATABASE_URL with a clear message (issue 14)', async () => {
  await expect(openPgStore({ url: 'mysql://localhost/halo' })).rejects.toThrow(/must start with postgres:\/\//);
  await expect(openPgStore({ url: 'not a url' })).rejects.toThrow(/not a URL/);
  await expect(openPgStore({ url: 'postgres://halo:secret@127.0.0.1:1/halo', startTimeoutMs: 2_000 })).rejects.toThrow(
    /Cannot connect to the Postgres database at postgres:\/\/halo:\*\*\*@127\.0\.0\.1:1\/halo/,
  );
});
