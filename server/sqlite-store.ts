import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { strongEtag } from './etag';
import { HotVariants } from './hot-variants';
import {
  DAY_MS,
  IdempotencyLostError,
  MINUTE_MS,
  SchemaTooNewError,
  type BlobStore,
  type HaloRecord,
  type HaloStore,
  type IdempotencyClaim,
  type IdempotentAnswer,
  type PageCoding,
  type PageRow,
  type RateDecision,
  type StoredCard,
  type StoredImage,
  type UploadedImage,
} from './store';

export type SqliteMigration = string | ((db: Database.Database) => void);

/** Versioned migrations: index i brings the database from user_version i to i + 1. */
export const SQLITE_MIGRATIONS: SqliteMigration[] = [
  `CREATE TABLE halos (
     id TEXT PRIMARY KEY,
     json TEXT NOT NULL,
     html TEXT NOT NULL,
     title TEXT NOT NULL,
     edit_token_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     deleted_at TEXT
   ) STRICT;
   CREATE TABLE idempotency (
     key TEXT PRIMARY KEY,
     request_hash TEXT NOT NULL,
     halo_id TEXT NOT NULL REFERENCES halos(id),
     response TEXT NOT NULL
   ) STRICT;`,
  // v2: the author's search-engine choice, read with the page so a view stays one read.
  `ALTER TABLE halos ADD COLUMN indexable INTEGER NOT NULL DEFAULT 0;`,
  // v3: copies of the images a Halo shows, so its page needs nothing from elsewhere.
  `CREATE TABLE images (
     halo_id TEXT NOT NULL REFERENCES halos(id),
     n INTEGER NOT NULL,
     source_url TEXT NOT NULL,
     type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     PRIMARY KEY (halo_id, n)
   ) STRICT;`,
  // v4 (issue 21): entity tags for pages and images, and each page's compressed variants. A
  // variant row carries what a view needs besides its bytes (the bytes last, so the rest is read
  // without them), so a compressed view is one read of this narrow table. Existing pages are
  // tagged here; their variants are made in the background after start-up.
  (db) => {
    db.exec(`ALTER TABLE halos ADD COLUMN etag TEXT NOT NULL DEFAULT '';
      ALTER TABLE images ADD COLUMN etag TEXT NOT NULL DEFAULT '';
      CREATE TABLE page_variants (
        halo_id TEXT NOT NULL REFERENCES halos(id),
        coding TEXT NOT NULL,
        of_etag TEXT NOT NULL,
        etag TEXT NOT NULL,
        indexable INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (halo_id, coding)
      ) STRICT;`);
    // One page in memory at a time: ids first (better-sqlite3 cannot write while iterating).
    const readPage = db.prepare(`SELECT CAST(html AS BLOB) AS html FROM halos WHERE id = ?`).pluck();
    const tagPage = db.prepare(`UPDATE halos SET etag = ? WHERE id = ?`);
    for (const id of db.prepare(`SELECT id FROM halos WHERE deleted_at IS NULL`).pluck().all() as string[])
      tagPage.run(strongEtag(readPage.get(id) as Buffer), id);
    const readImage = db.prepare(`SELECT bytes FROM images WHERE halo_id = ? AND n = ?`).pluck();
    const tagImage = db.prepare(`UPDATE images SET etag = ? WHERE halo_id = ? AND n = ?`);
    for (const { haloId, n } of db.prepare(`SELECT halo_id AS haloId, n FROM images`).all() as {
      haloId: string;
      n: number;
    }[])
      tagImage.run(strongEtag(readImage.get(haloId, n) as Buffer), haloId, n);
  },
  // v5: images uploaded by the client before a publish (issue 11), by the SHA-256 of their bytes.
  `CREATE TABLE uploads (
     sha256 TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX uploads_created_at ON uploads (created_at);`,
  // v6: each Halo's link-preview card (issue 13), drawn after the publish answered.
  `CREATE TABLE cards (
     halo_id TEXT PRIMARY KEY REFERENCES halos(id),
     version TEXT NOT NULL,
     png BLOB NOT NULL
   ) STRICT;`,
  // v7 (issue 14): state shared by processes on one file. An Idempotency-Key is claimed before
  // its publish (response NULL while in flight), so a second process waits instead of making a
  // second Halo; rate-limit windows live here; images lose their foreign key because the
  // BlobStore writes them before the Halo row exists.
  `CREATE TABLE idempotency_v7 (
     key TEXT PRIMARY KEY,
     request_hash TEXT NOT NULL,
     halo_id TEXT,
     response TEXT,
     claimed_at INTEGER NOT NULL
   ) STRICT;
   INSERT INTO idempotency_v7 (key, request_hash, halo_id, response, claimed_at)
     SELECT key, request_hash, halo_id, response, 0 FROM idempotency;
   DROP TABLE idempotency;
   ALTER TABLE idempotency_v7 RENAME TO idempotency;
   CREATE TABLE images_v7 (
     halo_id TEXT NOT NULL,
     n INTEGER NOT NULL,
     source_url TEXT NOT NULL,
     type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     etag TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (halo_id, n)
   ) STRICT;
   INSERT INTO images_v7 (halo_id, n, source_url, type, bytes, etag)
     SELECT halo_id, n, source_url, type, bytes, etag FROM images;
   DROP TABLE images;
   ALTER TABLE images_v7 RENAME TO images;
   CREATE TABLE rate_limits (
     key TEXT NOT NULL,
     window_ms INTEGER NOT NULL,
     window_start INTEGER NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (key, window_ms)
   ) STRICT;`,
];

/** Thrown inside a transaction to roll it back with an answer. */
class Refused {
  constructor(readonly retryAfterSeconds: number) {}
}

export function openSqliteStore(path: string): HaloStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // busy_timeout first: another process may be migrating or writing right now.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // FULL: with WAL, NORMAL could lose the last commits on power loss, and a 201 promises the
  // Halo is stored. FULL syncs the WAL at every commit; a publish is one small transaction.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  try {
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const insertHalo = db.prepare(
    `INSERT INTO halos (id, json, html, etag, title, indexable, edit_token_hash, created_at, updated_at, deleted_at)
     VALUES (@id, @json, @html, @etag, @title, @indexable, @editTokenHash, @createdAt, @updatedAt, @deletedAt)`,
  );
  const completeKey = db.prepare(
    `UPDATE idempotency SET halo_id = @haloId, response = @response
     WHERE key = @key AND request_hash = @requestHash AND response IS NULL`,
  );
  const selectHalo = db.prepare(
    `SELECT id, json, html, etag, title, indexable, edit_token_hash AS editTokenHash, created_at AS createdAt,
            updated_at AS updatedAt, deleted_at AS deletedAt FROM halos WHERE id = ?`,
  );
  const selectKey = db.prepare(
    `SELECT key, request_hash AS requestHash, halo_id AS haloId, response FROM idempotency WHERE key = ?`,
  );
  const claimKey = db.prepare(
    `INSERT INTO idempotency (key, request_hash, claimed_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  const takeOverKey = db.prepare(
    `UPDATE idempotency SET request_hash = ?, claimed_at = ? WHERE key = ? AND response IS NULL AND claimed_at <= ?`,
  );
  const releaseKey = db.prepare(`DELETE FROM idempotency WHERE key = ? AND response IS NULL`);
  // As a BLOB: the page goes out as stored, with no decoding and re-encoding per view.
  const selectPage = db.prepare(
    `SELECT CAST(html AS BLOB) AS body, etag, indexable, deleted_at AS deletedAt FROM halos WHERE id = ?`,
  );
  // Variants exist only for live pages and only for their current content: update and
  // markDeleted remove them in the same transaction, putVariants checks the page before writing.
  const selectVariant = db.prepare(
    `SELECT bytes AS body, etag, indexable FROM page_variants WHERE halo_id = ? AND coding = ?`,
  );
  // Without the bytes: the row's start, in its B-tree cell, so no overflow page is read.
  const selectVariantTag = db.prepare(`SELECT etag, indexable FROM page_variants WHERE halo_id = ? AND coding = ?`);
  const insertVariant = db.prepare(
    `INSERT OR REPLACE INTO page_variants (halo_id, coding, of_etag, etag, indexable, bytes)
     VALUES (@haloId, @coding, @ofEtag, @etag, @indexable, @bytes)`,
  );
  const deleteVariants = db.prepare(`DELETE FROM page_variants WHERE halo_id = ?`);
  const selectLiveTag = db.prepare(`SELECT etag, indexable FROM halos WHERE id = ? AND deleted_at IS NULL`);
  const selectUncompressed = db.prepare(
    `SELECT id, etag FROM halos
     WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM page_variants WHERE halo_id = halos.id)`,
  );
  const countHalos = db.prepare(`SELECT count(*) AS n FROM halos WHERE deleted_at IS NULL`);
  const updateHalo = db.prepare(
    `UPDATE halos SET json = @json, html = @html, etag = @etag, title = @title, indexable = @indexable,
       updated_at = @updatedAt
     WHERE id = @id AND deleted_at IS NULL`,
  );
  const deleteHalo = db.prepare(
    `UPDATE halos SET json = '{}', html = '', etag = '', title = '', deleted_at = @at, updated_at = @at WHERE id = @id`,
  );
  const countRate = db.prepare(
    `INSERT INTO rate_limits (key, window_ms, window_start, count) VALUES (@key, @length, @now, 1)
     ON CONFLICT (key, window_ms) DO UPDATE SET
       count = CASE WHEN window_start <= @now - @length THEN 1 ELSE count + 1 END,
       window_start = CASE WHEN window_start <= @now - @length THEN @now ELSE window_start END
     RETURNING window_start AS start, count`,
  );
  const sweepRates = db.prepare(`DELETE FROM rate_limits WHERE window_start <= ? - window_ms`);

  const insertImage = db.prepare(
    `INSERT INTO images (halo_id, n, source_url, type, bytes, etag)
     VALUES (@haloId, @n, @sourceUrl, @type, @bytes, @etag)`,
  );
  const deleteImages = db.prepare(`DELETE FROM images WHERE halo_id = ?`);
  const selectImage = db.prepare(`SELECT type, etag, bytes FROM images WHERE halo_id = ? AND n = ?`);
  const insertUpload = db.prepare(
    `INSERT OR IGNORE INTO uploads (sha256, type, bytes, created_at) VALUES (@sha256, @type, @bytes, @createdAt)`,
  );
  const selectUpload = db.prepare(`SELECT type, bytes FROM uploads WHERE sha256 = ?`);
  const deleteUploads = db.prepare(`DELETE FROM uploads WHERE created_at < ?`);
  // Only while the Halo is live and still at this version, in one statement: a card drawn late,
  // from older content (by this process or another), never replaces the current one.
  const upsertCard = db.prepare(
    `INSERT INTO cards (halo_id, version, png)
     SELECT @id, @version, @png FROM halos WHERE id = @id AND deleted_at IS NULL AND updated_at = @version
     ON CONFLICT (halo_id) DO UPDATE SET version = excluded.version, png = excluded.png`,
  );
  const selectCard = db.prepare(`SELECT version, png FROM cards WHERE halo_id = ?`);
  const deleteCard = db.prepare(`DELETE FROM cards WHERE halo_id = ?`);
  const putImages = db.transaction((haloId: string, images: StoredImage[]) => {
    deleteImages.run(haloId);
    for (const image of images) insertImage.run({ haloId, ...image });
  });
  const blobs: BlobStore = {
    put: async (haloId, images) => void putImages.immediate(haloId, images),
    get: async (haloId, n) => selectImage.get(haloId, n) as Pick<StoredImage, 'type' | 'bytes' | 'etag'> | undefined,
    remove: async (haloId) => void deleteImages.run(haloId),
    putUpload: async (image) => insertUpload.run(image).changes === 1,
    getUpload: async (sha256) => selectUpload.get(sha256) as Pick<UploadedImage, 'type' | 'bytes'> | undefined,
    purgeUploads: async (before) => deleteUploads.run(before).changes,
  };

  const insertBoth = db.transaction((record: HaloRecord, idem?: Omit<IdempotentAnswer, 'haloId'>) => {
    // The key first: when another process took it over, nothing is stored and the caller replays.
    if (idem && completeKey.run({ ...idem, haloId: record.id }).changes !== 1) throw new IdempotencyLostError();
    insertHalo.run({ ...record, indexable: record.indexable ? 1 : 0 });
  });
  const updateBoth = db.transaction((id: string, change: Parameters<HaloStore['update']>[1]) => {
    updateHalo.run({ id, ...change, indexable: change.indexable ? 1 : 0 });
    deleteVariants.run(id);
    hot.forget(id);
  });
  const deleteAll = db.transaction((id: string, at: string) => {
    deleteImages.run(id);
    deleteVariants.run(id);
    deleteCard.run(id);
    deleteHalo.run({ id, at });
    hot.forget(id);
  });
  const putVariants = db.transaction(
    (id: string, ofEtag: string, variants: Parameters<HaloStore['putVariants']>[2]) => {
      const live = selectLiveTag.get(id) as { etag: string; indexable: number } | undefined;
      if (!live || live.etag !== ofEtag) return false;
      for (const variant of variants) insertVariant.run({ haloId: id, ofEtag, indexable: live.indexable, ...variant });
      return true;
    },
  );
  const hot = new HotVariants();
  const getPage = (id: string, codings: readonly PageCoding[] = []): PageRow | undefined => {
    for (const coding of codings) {
      const tag = selectVariantTag.get(id, coding) as { etag: string; indexable: number } | undefined;
      if (!tag) continue;
      const body = hot.get(id, coding, tag.etag);
      if (body) return { body, coding, etag: tag.etag, indexable: tag.indexable === 1, deletedAt: null };
      // Another process may have replaced the variant since: the bytes go out with their own tag.
      const row = selectVariant.get(id, coding) as
        { body: Buffer<ArrayBuffer>; etag: string; indexable: number } | undefined;
      if (!row) continue;
      hot.set(id, coding, row.etag, row.body);
      return { body: row.body, coding, etag: row.etag, indexable: row.indexable === 1, deletedAt: null };
    }
    const row = selectPage.get(id) as
      { body: Buffer<ArrayBuffer>; etag: string; indexable: number; deletedAt: string | null } | undefined;
    return (
      row && {
        body: row.body,
        coding: 'identity',
        etag: row.etag,
        indexable: row.indexable === 1,
        deletedAt: row.deletedAt,
      }
    );
  };

  const claim = db.transaction(
    (key: string, requestHash: string, now: number, staleAfterMs: number): IdempotencyClaim => {
      if (claimKey.run(key, requestHash, now).changes === 1) return { state: 'claimed' };
      if (takeOverKey.run(requestHash, now, key, now - staleAfterMs).changes === 1) return { state: 'claimed' };
      const row = selectKey.get(key) as (IdempotentAnswer & { response: string | null }) | undefined;
      if (!row) return { state: 'pending', requestHash };
      if (row.response === null) return { state: 'pending', requestHash: row.requestHash };
      return { state: 'done', answer: row };
    },
  );

  let lastSweep = 0;
  const take = db.transaction(
    (keys: string[], limits: { perMinute: number; perDay: number }, now: number): RateDecision => {
      let wait = 0;
      for (const key of keys) {
        for (const [length, limit] of [
          [MINUTE_MS, limits.perMinute],
          [DAY_MS, limits.perDay],
        ] as const) {
          const { start, count } = countRate.get({ key, length, now }) as { start: number; count: number };
          if (count > limit) wait = Math.max(wait, start + length - now);
        }
      }
      if (wait > 0) throw new Refused(Math.ceil(wait / 1000));
      if (now - lastSweep >= MINUTE_MS) {
        lastSweep = now;
        sweepRates.run(now);
      }
      return { ok: true };
    },
  );

  return {
    kind: 'sqlite',
    blobs,
    insert: async (record, idempotency) => void insertBoth.immediate(record, idempotency),
    update: async (id, change) => void updateBoth.immediate(id, change),
    markDeleted: async (id, at) => void deleteAll.immediate(id, at),
    putCard: async (id, card) => upsertCard.run({ id, ...card }).changes === 1,
    getCard: async (id) => selectCard.get(id) as StoredCard | undefined,
    get: async (id) => toRecord(selectHalo.get(id) as RawRecord | undefined),
    getPage: async (id, codings) => getPage(id, codings),
    putVariants: async (id, ofEtag, variants) => putVariants.immediate(id, ofEtag, variants),
    pagesWithoutVariants: async () => selectUncompressed.all() as { id: string; etag: string }[],
    findIdempotent: async (key) => {
      const row = selectKey.get(key) as (IdempotentAnswer & { response: string | null }) | undefined;
      return row && row.response !== null ? row : undefined;
    },
    claimIdempotency: async (key, requestHash, now, staleAfterMs) =>
      claim.immediate(key, requestHash, now, staleAfterMs),
    releaseIdempotency: async (key) => void releaseKey.run(key),
    takeRate: async (keys, limits, now) => {
      try {
        return take.immediate(keys, limits, now);
      } catch (error) {
        if (error instanceof Refused) return { ok: false, retryAfterSeconds: error.retryAfterSeconds };
        throw error;
      }
    },
    count: async () => (countHalos.get() as { n: number }).n,
    ping: async () => void db.prepare('SELECT 1').get(),
    close: async () => void db.close(),
  };
}

/**
 * Runs the missing migrations, one IMMEDIATE transaction each (SQLite's write lock): a second
 * process starting at the same time waits, then finds the version already raised. A migration cut
 * short by kill -9 was rolled back, so the next start runs it again.
 */
export function migrateSqlite(db: Database.Database, migrations: SqliteMigration[] = SQLITE_MIGRATIONS): void {
  for (;;) {
    const done = db
      .transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
        if (current === migrations.length) return true;
        const migration = migrations[current]!;
        if (typeof migration === 'string') db.exec(migration);
        else migration(db);
        db.pragma(`user_version = ${current + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}

type RawRecord = Omit<HaloRecord, 'indexable'> & { indexable: number };

function toRecord(row: RawRecord | undefined): HaloRecord | undefined {
  return row && { ...row, indexable: row.indexable === 1 };
}
