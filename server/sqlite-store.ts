import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { strongEtag } from './etag';
import type {
  HaloRecord,
  HaloStore,
  IdempotentAnswer,
  PageCoding,
  PageRow,
  StoredCard,
  StoredImage,
  UploadedImage,
} from './store';

type Migration = string | ((db: Database.Database) => void);

/** Versioned migrations: index i brings the database from user_version i to i + 1. */
const MIGRATIONS: Migration[] = [
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
];

export function openSqliteStore(path: string): HaloStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: with WAL, NORMAL could lose the last commits on power loss, and a 201 promises the
  // Halo is stored. FULL syncs the WAL at every commit; a publish is one small transaction.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertHalo = db.prepare(
    `INSERT INTO halos (id, json, html, etag, title, indexable, edit_token_hash, created_at, updated_at, deleted_at)
     VALUES (@id, @json, @html, @etag, @title, @indexable, @editTokenHash, @createdAt, @updatedAt, @deletedAt)`,
  );
  const insertKey = db.prepare(
    `INSERT INTO idempotency (key, request_hash, halo_id, response) VALUES (@key, @requestHash, @haloId, @response)`,
  );
  const selectHalo = db.prepare(
    `SELECT id, json, html, etag, title, indexable, edit_token_hash AS editTokenHash, created_at AS createdAt,
            updated_at AS updatedAt, deleted_at AS deletedAt FROM halos WHERE id = ?`,
  );
  const selectKey = db.prepare(
    `SELECT key, request_hash AS requestHash, halo_id AS haloId, response FROM idempotency WHERE key = ?`,
  );
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
  const upsertCard = db.prepare(
    `INSERT INTO cards (halo_id, version, png)
     SELECT @id, @version, @png FROM halos WHERE id = @id AND deleted_at IS NULL
     ON CONFLICT (halo_id) DO UPDATE SET version = excluded.version, png = excluded.png`,
  );
  const selectCard = db.prepare(`SELECT version, png FROM cards WHERE halo_id = ?`);
  const deleteCard = db.prepare(`DELETE FROM cards WHERE halo_id = ?`);
  const writeImages = (haloId: string, images: StoredImage[]) => {
    for (const image of images) insertImage.run({ haloId, ...image });
  };
  const insertBoth = db.transaction(
    (record: HaloRecord, idem?: Omit<IdempotentAnswer, 'haloId'>, images: StoredImage[] = []) => {
      insertHalo.run({ ...record, indexable: record.indexable ? 1 : 0 });
      writeImages(record.id, images);
      if (idem) insertKey.run({ ...idem, haloId: record.id });
    },
  );
  const replaceAll = db.transaction((id: string, images: StoredImage[]) => {
    deleteImages.run(id);
    writeImages(id, images);
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
  const hot = new HotVariants(HOT_VARIANT_BYTES);
  const getPage = (id: string, codings: readonly PageCoding[] = []): PageRow | undefined => {
    for (const coding of codings) {
      const tag = selectVariantTag.get(id, coding) as { etag: string; indexable: number } | undefined;
      if (!tag) continue;
      let body = hot.get(id, coding, tag.etag);
      if (!body) {
        const row = selectVariant.get(id, coding) as { body: Buffer<ArrayBuffer>; etag: string } | undefined;
        if (!row) continue;
        body = hot.set(id, coding, row.etag, row.body);
      }
      return { body, coding, etag: tag.etag, indexable: tag.indexable === 1, deletedAt: null };
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

  return {
    insert: (record, idempotency, images) => insertBoth(record, idempotency, images),
    replaceImages: (id, images) => replaceAll(id, images),
    getImage: (id, n) => selectImage.get(id, n) as Pick<StoredImage, 'type' | 'bytes' | 'etag'> | undefined,
    putUpload: (image: UploadedImage) => insertUpload.run(image).changes === 1,
    getUpload: (sha256) => selectUpload.get(sha256) as Pick<UploadedImage, 'type' | 'bytes'> | undefined,
    purgeUploads: (before) => deleteUploads.run(before).changes,
    update: (id, change) => updateBoth(id, change),
    markDeleted: (id, at) => deleteAll(id, at),
    putCard: (id, card) => void upsertCard.run({ id, ...card }),
    getCard: (id) => selectCard.get(id) as StoredCard | undefined,
    get: (id) => toRecord(selectHalo.get(id) as RawRecord | undefined),
    getPage,
    putVariants: (id, ofEtag, variants) => putVariants(id, ofEtag, variants),
    pagesWithoutVariants: () => selectUncompressed.all() as { id: string; etag: string }[],
    findIdempotent: (key) => selectKey.get(key) as IdempotentAnswer | undefined,
    count: () => (countHalos.get() as { n: number }).n,
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      const migration = MIGRATIONS[version]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Memory for the variants viewed most recently (a view then copies nothing out of SQLite). */
const HOT_VARIANT_BYTES = 64 * 1024 * 1024;

/**
 * The most recently viewed variants, least recently viewed evicted first. An entry is only used
 * when the database still names its entity tag, read on every view, so it can never be stale;
 * what it saves is copying the bytes out of SQLite into a new buffer for each view (about as
 * costly as sending them).
 */
class HotVariants {
  private readonly entries = new Map<string, { etag: string; body: Buffer<ArrayBuffer> }>();
  private bytes = 0;
  constructor(private readonly limit: number) {}

  get(id: string, coding: PageCoding, etag: string): Buffer<ArrayBuffer> | undefined {
    const key = `${coding} ${id}`;
    const entry = this.entries.get(key);
    if (!entry || entry.etag !== etag) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(id: string, coding: PageCoding, etag: string, body: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
    const key = `${coding} ${id}`;
    this.drop(key);
    if (body.length > this.limit / 8) return body;
    this.entries.set(key, { etag, body });
    this.bytes += body.length;
    for (const old of this.entries.keys()) {
      if (this.bytes <= this.limit) break;
      this.drop(old);
    }
    return body;
  }

  forget(id: string): void {
    this.drop(`br ${id}`);
    this.drop(`gzip ${id}`);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(key);
  }
}

type RawRecord = Omit<HaloRecord, 'indexable'> & { indexable: number };

function toRecord(row: RawRecord | undefined): HaloRecord | undefined {
  return row && { ...row, indexable: row.indexable === 1 };
}
