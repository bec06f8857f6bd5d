import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HaloRecord, HaloStore, IdempotentAnswer, StoredCard, StoredImage } from './store';

/** Versioned migrations: index i brings the database from user_version i to i + 1. */
const MIGRATIONS: string[] = [
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
  // v4: each Halo's link-preview card (issue 13), drawn after the publish answered.
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
    `INSERT INTO halos (id, json, html, title, indexable, edit_token_hash, created_at, updated_at, deleted_at)
     VALUES (@id, @json, @html, @title, @indexable, @editTokenHash, @createdAt, @updatedAt, @deletedAt)`,
  );
  const insertKey = db.prepare(
    `INSERT INTO idempotency (key, request_hash, halo_id, response) VALUES (@key, @requestHash, @haloId, @response)`,
  );
  const selectHalo = db.prepare(
    `SELECT id, json, html, title, indexable, edit_token_hash AS editTokenHash, created_at AS createdAt,
            updated_at AS updatedAt, deleted_at AS deletedAt FROM halos WHERE id = ?`,
  );
  const selectKey = db.prepare(
    `SELECT key, request_hash AS requestHash, halo_id AS haloId, response FROM idempotency WHERE key = ?`,
  );
  // As a BLOB: the page goes out as stored, with no decoding and re-encoding per view.
  const selectPage = db.prepare(
    `SELECT CAST(html AS BLOB) AS html, indexable, deleted_at AS deletedAt FROM halos WHERE id = ?`,
  );
  const countHalos = db.prepare(`SELECT count(*) AS n FROM halos WHERE deleted_at IS NULL`);
  const updateHalo = db.prepare(
    `UPDATE halos SET json = @json, html = @html, title = @title, indexable = @indexable, updated_at = @updatedAt
     WHERE id = @id AND deleted_at IS NULL`,
  );
  const deleteHalo = db.prepare(
    `UPDATE halos SET json = '{}', html = '', title = '', deleted_at = @at, updated_at = @at WHERE id = @id`,
  );

  const insertImage = db.prepare(
    `INSERT INTO images (halo_id, n, source_url, type, bytes) VALUES (@haloId, @n, @sourceUrl, @type, @bytes)`,
  );
  const deleteImages = db.prepare(`DELETE FROM images WHERE halo_id = ?`);
  const selectImage = db.prepare(`SELECT type, bytes FROM images WHERE halo_id = ? AND n = ?`);
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

  return {
    insert: (record, idempotency, images) => insertBoth(record, idempotency, images),
    replaceImages: (id, images) => replaceAll(id, images),
    getImage: (id, n) => selectImage.get(id, n) as Pick<StoredImage, 'type' | 'bytes'> | undefined,
    update: (id, change) => void updateHalo.run({ id, ...change, indexable: change.indexable ? 1 : 0 }),
    markDeleted: db.transaction((id: string, at: string) => {
      deleteImages.run(id);
      deleteCard.run(id);
      deleteHalo.run({ id, at });
    }),
    putCard: (id, card) => void upsertCard.run({ id, ...card }),
    getCard: (id) => selectCard.get(id) as StoredCard | undefined,
    get: (id) => toRecord(selectHalo.get(id) as RawRecord | undefined),
    getPage: (id) => {
      const row = selectPage.get(id) as
        { html: Buffer<ArrayBuffer>; indexable: number; deletedAt: string | null } | undefined;
      return row && { html: row.html, indexable: row.indexable === 1, deletedAt: row.deletedAt };
    },
    findIdempotent: (key) => selectKey.get(key) as IdempotentAnswer | undefined,
    count: () => (countHalos.get() as { n: number }).n,
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

type RawRecord = Omit<HaloRecord, 'indexable'> & { indexable: number };

function toRecord(row: RawRecord | undefined): HaloRecord | undefined {
  return row && { ...row, indexable: row.indexable === 1 };
}
