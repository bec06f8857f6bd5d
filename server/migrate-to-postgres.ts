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
      `SELECT id, json, html, title, indexable, edit_token_hash, created_at, updated_at, deleted_at
       FROM halos WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
    );
    let last = '';
    for (;;) {
      const rows = halos.all(last) as {
        id: string;
        json: string;
        html: string;
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
          `INSERT INTO halos (id, json, html, title, indexable, edit_token_hash, created_at, updated_at, deleted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json, html = EXCLUDED.html, title = EXCLUDED.title,
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
          ],
        );
      }
      await target.query('COMMIT');
      last = rows[rows.length - 1]!.id;
    }

    // Images: one at a time (they can be megabytes), upserted.
    for (const r of source.prepare('SELECT halo_id, n, source_url, type, bytes FROM images').iterate() as Iterable<{
      halo_id: string;
      n: number;
      source_url: string;
      type: string;
      bytes: Buffer;
    }>) {
      await target.query(
        `INSERT INTO images (halo_id, n, source_url, type, bytes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (halo_id, n) DO UPDATE SET source_url = EXCLUDED.source_url, type = EXCLUDED.type,
           bytes = EXCLUDED.bytes`,
        [r.halo_id, r.n, r.source_url, r.type, r.bytes],
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

  const select = source.prepare(`SELECT id, json, html, deleted_at FROM halos WHERE id > ? ORDER BY id LIMIT ${BATCH}`);
  let last = '';
  let seen = 0;
  for (;;) {
    const rows = select.all(last) as { id: string; json: string; html: string; deleted_at: string | null }[];
    if (rows.length === 0) break;
    const { rows: copies } = await target.query<{ id: string; json: string; html: string; deleted_at: string | null }>(
      'SELECT id, json, html, deleted_at FROM halos WHERE id = ANY($1)',
      [rows.map((r) => r.id)],
    );
    const byId = new Map(copies.map((c) => [c.id, c]));
    for (const r of rows) {
      const copy = byId.get(r.id);
      if (!copy) mismatches.push(`halo ${r.id}: missing`);
      else if (digest(copy.html) !== digest(r.html) || copy.json !== r.json || copy.deleted_at !== r.deleted_at)
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
  const pgCount = async (sql: string) => Number((await target.query<{ n: string }>(sql)).rows[0]!.n);
  if ((await pgCount('SELECT count(*) AS n FROM halos')) < halos) mismatches.push('fewer Halos in Postgres');
  if (seen !== halos) mismatches.push(`read ${seen} of ${halos} Halos`);
  return { halos, images, idempotencyKeys: keys, mismatches };
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
        `${report.idempotencyKeys} Idempotency-Keys.`,
    );
    if (report.mismatches.length > 0) {
      console.error(`Verification FAILED:\n  ${report.mismatches.slice(0, 50).join('\n  ')}`);
      process.exit(1);
    }
    console.log('Verified: every Halo, page and image is in Postgres with the same bytes.');
  } catch (error) {
    console.error(`Migration failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
