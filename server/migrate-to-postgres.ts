// `npm run migrate-to-postgres -- <sqlite file>` (issue 14): copies a SQLite deployment into the
// Postgres database named by HALO_DATABASE_URL, then verifies counts and page bytes. Safe to run
// again: rows are upserted, so a second run (say, after more publishes) brings Postgres up to date.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { migratePg, PG_MIGRATIONS, redactUrl } from './pg-store';
import { migrateSqlite } from './sqlite-store';

const BATCH = 200;

export interface MigrationReport {
  halos: number;
  images: number;
  idempotencyKeys: number;
  uploads: number;
  cards: number;
  /** Compressed page variants copied (pages without one get theirs made at the server's start). */
  variants: number;
  /** Rows whose bytes differ after the copy (must be empty). */
  mismatches: string[];
}

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

export async function migrateToPostgres(sqlitePath: string, databaseUrl: string): Promise<MigrationReport> {
  if (!existsSync(sqlitePath)) throw new Error(`No SQLite file at ${sqlitePath}`);
  const source = new Database(sqlitePath, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  // The file is brought to the current schema first, exactly as the server would at its start.
  migrateSqlite(source);
  await migratePg(databaseUrl, PG_MIGRATIONS, 10_000);
  const target = new pg.Client({ connectionString: databaseUrl });
  await target.connect();
  try {
    // Halos, in batches, each batch one transaction.
    const halos = source.prepare(
      `SELECT id, json, html, etag, title, indexable, edit_token_hash, created_at, updated_at, deleted_at
       FROM halos WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
    );
    let last = '';
    for (;;) {
      const rows = halos.all(last) as {
        id: string;
        json: string;
        html: string;
        etag: string;
        title: string;
        indexable: number;
        edit_token_hash: string;
        created_at: string;
        updated_at: string;
        deleted_at: string | null;
      }[];
      if (rows.length === 0) break;
      await target.query('BEGIN');
      for (const r of rows) {
        await target.query(
          `INSERT INTO halos (id, json, html, title, indexable, edit_token_hash, created_at, updated_at, deleted_at, etag)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json, html = EXCLUDED.html, etag = EXCLUDED.etag,
             title = EXCLUDED.title,
             indexable = EXCLUDED.indexable, edit_token_hash = EXCLUDED.edit_token_hash,
             created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at`,
          [
            r.id,
            r.json,
            r.html,
            r.title,
            r.indexable === 1,
            r.edit_token_hash,
            r.created_at,
            r.updated_at,
            r.deleted_at,
            r.etag,
          ],
        );
      }
      await target.query('COMMIT');
      last = rows[rows.length - 1]!.id;
    }

    // Images: one at a time (they can be megabytes), upserted.
    for (const r of source
      .prepare('SELECT halo_id, n, source_url, type, bytes, etag FROM images')
      .iterate() as Iterable<{
      halo_id: string;
      n: number;
      source_url: string;
      type: string;
      bytes: Buffer;
      etag: string;
    }>) {
      await target.query(
        `INSERT INTO images (halo_id, n, source_url, type, bytes, etag) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (halo_id, n) DO UPDATE SET source_url = EXCLUDED.source_url, type = EXCLUDED.type,
           bytes = EXCLUDED.bytes, etag = EXCLUDED.etag`,
        [r.halo_id, r.n, r.source_url, r.type, r.bytes, r.etag],
      );
    }
    // Images uploaded for a publish still to come (issue 11).
    for (const r of source.prepare('SELECT sha256, type, bytes, created_at FROM uploads').iterate() as Iterable<{
      sha256: string;
      type: string;
      bytes: Buffer;
      created_at: string;
    }>) {
      await target.query(
        `INSERT INTO uploads (sha256, type, bytes, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
        [r.sha256, r.type, r.bytes, r.created_at],
      );
    }
    // Link-preview cards (issue 13).
    for (const r of source.prepare('SELECT halo_id, version, png FROM cards').iterate() as Iterable<{
      halo_id: string;
      version: string;
      png: Buffer;
    }>) {
      await target.query(
        `INSERT INTO cards (halo_id, version, png) VALUES ($1, $2, $3)
         ON CONFLICT (halo_id) DO UPDATE SET version = EXCLUDED.version, png = EXCLUDED.png`,
        [r.halo_id, r.version, r.png],
      );
    }
    // Compressed pages (issue 21), only of the page as it is now; a page whose variants were
    // replaced meanwhile loses its stale ones, and the server makes new ones at its start.
    await target.query(`DELETE FROM page_variants v USING halos h WHERE h.id = v.halo_id AND h.etag <> v.of_etag`);
    for (const r of source
      .prepare(
        `SELECT v.halo_id, v.coding, v.of_etag, v.etag, v.indexable, v.bytes
         FROM page_variants v JOIN halos h ON h.id = v.halo_id AND h.etag = v.of_etag`,
      )
      .iterate() as Iterable<{
      halo_id: string;
      coding: string;
      of_etag: string;
      etag: string;
      indexable: number;
      bytes: Buffer;
    }>) {
      await target.query(
        `INSERT INTO page_variants (halo_id, coding, of_etag, etag, indexable, bytes) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (halo_id, coding) DO UPDATE SET of_etag = EXCLUDED.of_etag, etag = EXCLUDED.etag,
           indexable = EXCLUDED.indexable, bytes = EXCLUDED.bytes`,
        [r.halo_id, r.coding, r.of_etag, r.etag, r.indexable === 1, r.bytes],
      );
    }

    // Completed Idempotency-Keys, so a client retrying across the switch still gets its Halo back.
    // A key in flight belongs to a publish that never finished: not copied.
    for (const r of source
      .prepare('SELECT key, request_hash, halo_id, response, claimed_at FROM idempotency WHERE response IS NOT NULL')
      .iterate() as Iterable<{
      key: string;
      request_hash: string;
      halo_id: string;
      response: string;
      claimed_at: number;
    }>) {
      await target.query(
        `INSERT INTO idempotency (key, request_hash, halo_id, response, claimed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key) DO NOTHING`,
        [r.key, r.request_hash, r.halo_id, r.response, r.claimed_at],
      );
    }

    return await verify(source, target);
  } finally {
    await target.end();
    source.close();
  }
}

/** Every SQLite row is in Postgres with the same bytes (pages, documents, images). */
async function verify(source: Database.Database, target: pg.Client): Promise<MigrationReport> {
  const mismatches: string[] = [];
  const count = (sql: string) => (source.prepare(sql).get() as { n: number }).n;
  const halos = count('SELECT count(*) AS n FROM halos');
  const images = count('SELECT count(*) AS n FROM images');
  const keys = count('SELECT count(*) AS n FROM idempotency WHERE response IS NOT NULL');
  const uploads = count('SELECT count(*) AS n FROM uploads');
  const cards = count('SELECT count(*) AS n FROM cards');
  const variants = count(
    'SELECT count(*) AS n FROM page_variants v JOIN halos h ON h.id = v.halo_id AND h.etag = v.of_etag',
  );

  const select = source.prepare(
    `SELECT id, json, html, etag, deleted_at FROM halos WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
  );
  let last = '';
  let seen = 0;
  for (;;) {
    type Row = { id: string; json: string; html: string; etag: string; deleted_at: string | null };
    const rows = select.all(last) as Row[];
    if (rows.length === 0) break;
    const { rows: copies } = await target.query<Row>(
      'SELECT id, json, html, etag, deleted_at FROM halos WHERE id = ANY($1)',
      [rows.map((r) => r.id)],
    );
    const byId = new Map(copies.map((c) => [c.id, c]));
    for (const r of rows) {
      const copy = byId.get(r.id);
      if (!copy) mismatches.push(`halo ${r.id}: missing`);
      else if (
        digest(copy.html) !== digest(r.html) ||
        copy.json !== r.json ||
        copy.etag !== r.etag ||
        copy.deleted_at !== r.deleted_at
      )
        mismatches.push(`halo ${r.id}: different bytes`);
    }
    seen += rows.length;
    last = rows[rows.length - 1]!.id;
  }
  for (const r of source.prepare('SELECT halo_id, n, bytes FROM images').iterate() as Iterable<{
    halo_id: string;
    n: number;
    bytes: Buffer;
  }>) {
    const { rows } = await target.query<{ bytes: Buffer }>('SELECT bytes FROM images WHERE halo_id = $1 AND n = $2', [
      r.halo_id,
      r.n,
    ]);
    if (!rows[0] || !rows[0].bytes.equals(r.bytes)) mismatches.push(`image ${r.halo_id}/${r.n}: missing or different`);
  }
  for (const r of source.prepare('SELECT sha256, bytes FROM uploads').iterate() as Iterable<{
    sha256: string;
    bytes: Buffer;
  }>) {
    const { rows } = await target.query<{ bytes: Buffer }>('SELECT bytes FROM uploads WHERE sha256 = $1', [r.sha256]);
    if (!rows[0] || !rows[0].bytes.equals(r.bytes)) mismatches.push(`upload ${r.sha256}: missing or different`);
  }
  for (const r of source.prepare('SELECT halo_id, version, png FROM cards').iterate() as Iterable<{
    halo_id: string;
    version: string;
    png: Buffer;
  }>) {
    const { rows } = await target.query<{ version: string; png: Buffer }>(
      'SELECT version, png FROM cards WHERE halo_id = $1',
      [r.halo_id],
    );
    if (!rows[0] || rows[0].version !== r.version || !rows[0].png.equals(r.png))
      mismatches.push(`card ${r.halo_id}: missing or different`);
  }
  const pgCount = async (sql: string) => Number((await target.query<{ n: string }>(sql)).rows[0]!.n);
  if ((await pgCount('SELECT count(*) AS n FROM halos')) < halos) mismatches.push('fewer Halos in Postgres');
  if (seen !== halos) mismatches.push(`read ${seen} of ${halos} Halos`);
  if ((await pgCount('SELECT count(*) AS n FROM uploads')) < uploads) mismatches.push('fewer uploads in Postgres');
  if ((await pgCount('SELECT count(*) AS n FROM cards')) < cards) mismatches.push('fewer cards in Postgres');
  return { halos, images, idempotencyKeys: keys, uploads, cards, variants, mismatches };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const url = process.env.HALO_DATABASE_URL?.trim();
  if (!file || !url) {
    console.error('Usage: HALO_DATABASE_URL=postgres://… npm run migrate-to-postgres -- <sqlite file>');
    process.exit(2);
  }
  try {
    const report = await migrateToPostgres(file, url);
    console.log(
      `Copied ${file} to ${redactUrl(url)}: ${report.halos} Halos, ${report.images} images, ` +
        `${report.idempotencyKeys} Idempotency-Keys, ${report.uploads} uploads, ${report.cards} cards, ` +
        `${report.variants} compressed pages.`,
    );
    if (report.mismatches.length > 0) {
      console.error(`Verification FAILED:\n  ${report.mismatches.slice(0, 50).join('\n  ')}`);
      process.exit(1);
    }
    console.log('Verified: every Halo, page, image, upload and card is in Postgres with the same bytes.');
  } catch (error) {
    console.error(`Migration failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
