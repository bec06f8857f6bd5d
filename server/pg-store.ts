/**
 * The Postgres store (issue 14), for several server instances sharing one database. Driver: `pg`
 * (node-postgres), the most used and longest maintained Postgres client for Node. What decides it
 * here is its Pool: `connectionTimeoutMillis` bounds both a new connection and the wait for a busy
 * pool, `query_timeout` bounds a query on a connection that went silent, and a client that failed
 * is dropped rather than reused; so a database outage or an exhausted pool becomes a fast error
 * (answered 503), never a request that hangs.
 */
import pg from 'pg';
import { strongEtag } from './etag';
import { HotVariants } from './hot-variants';
import {
  DAY_MS,
  IdempotencyLostError,
  MINUTE_MS,
  SchemaTooNewError,
  StoreUnavailableError,
  type BlobStore,
  type HaloRecord,
  type HaloStore,
  type IdempotencyClaim,
  type PageCoding,
  type PageRow,
  type StoredCard,
  type UploadedImage,
} from './store';

/** A migration: SQL, or code for what SQL alone cannot do (run inside the migration's transaction). */
export type PgMigration = string | ((client: pg.ClientBase) => Promise<void>);

/** Numbered migrations: index i brings the schema from version i to i + 1 (table halo_migrations). */
export const PG_MIGRATIONS: PgMigration[] = [
  `CREATE TABLE halos (
     id text PRIMARY KEY,
     json text NOT NULL,
     html text NOT NULL,
     title text NOT NULL,
     indexable boolean NOT NULL DEFAULT false,
     edit_token_hash text NOT NULL,
     created_at text NOT NULL,
     updated_at text NOT NULL,
     deleted_at text
   );
   CREATE TABLE idempotency (
     key text PRIMARY KEY,
     request_hash text NOT NULL,
     halo_id text,
     response text,
     claimed_at bigint NOT NULL
   );
   CREATE TABLE images (
     halo_id text NOT NULL,
     n integer NOT NULL,
     source_url text NOT NULL,
     type text NOT NULL,
     bytes bytea NOT NULL,
     PRIMARY KEY (halo_id, n)
   );
   CREATE TABLE rate_limits (
     key text NOT NULL,
     window_ms bigint NOT NULL,
     window_start bigint NOT NULL,
     count integer NOT NULL,
     PRIMARY KEY (key, window_ms)
   );`,
  // v2 (issue 21, as SQLite's v4): entity tags, and each page's compressed variants. Variant bytes
  // are compressed already: stored as they are (EXTERNAL), not compressed again by TOAST.
  async (client) => {
    await client.query(`ALTER TABLE halos ADD COLUMN etag text NOT NULL DEFAULT '';
      ALTER TABLE images ADD COLUMN etag text NOT NULL DEFAULT '';
      CREATE TABLE page_variants (
        halo_id text NOT NULL REFERENCES halos(id),
        coding text NOT NULL,
        of_etag text NOT NULL,
        etag text NOT NULL,
        indexable boolean NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (halo_id, coding)
      );
      ALTER TABLE page_variants ALTER COLUMN bytes SET STORAGE EXTERNAL;`);
    // One page in memory at a time; their variants are made in the background after start-up.
    const pages = await client.query<{ id: string }>(`SELECT id FROM halos WHERE deleted_at IS NULL`);
    for (const { id } of pages.rows) {
      const { rows } = await client.query<{ body: Buffer }>(
        `SELECT convert_to(html, 'UTF8') AS body FROM halos WHERE id = $1`,
        [id],
      );
      await client.query(`UPDATE halos SET etag = $2 WHERE id = $1`, [id, strongEtag(rows[0]!.body)]);
    }
    const images = await client.query<{ halo_id: string; n: number }>(`SELECT halo_id, n FROM images`);
    for (const { halo_id: haloId, n } of images.rows) {
      const { rows } = await client.query<{ bytes: Buffer }>(`SELECT bytes FROM images WHERE halo_id = $1 AND n = $2`, [
        haloId,
        n,
      ]);
      await client.query(`UPDATE images SET etag = $3 WHERE halo_id = $1 AND n = $2`, [
        haloId,
        n,
        strongEtag(rows[0]!.bytes),
      ]);
    }
  },
  // v3 (issue 11, as SQLite's v5): images uploaded by the client before a publish, by SHA-256.
  `CREATE TABLE uploads (
     sha256 text PRIMARY KEY,
     type text NOT NULL,
     bytes bytea NOT NULL,
     created_at text NOT NULL
   );
   CREATE INDEX uploads_created_at ON uploads (created_at);`,
  // v4 (issue 13, as SQLite's v6): each Halo's link-preview card.
  `CREATE TABLE cards (
     halo_id text PRIMARY KEY REFERENCES halos(id),
     version text NOT NULL,
     png bytea NOT NULL
   );
   ALTER TABLE cards ALTER COLUMN png SET STORAGE EXTERNAL;`,
];

/** Any constant shared by every Halo server: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 1_4_20_26_11;

export interface PgStoreOptions {
  url: string;
  /** Connections per instance. */
  poolSize?: number;
  /** Longest wait for a connection (new or from a busy pool) before answering 503. */
  connectTimeoutMs?: number;
  /** Longest query; beyond it the connection is dropped and the request answered 503. */
  queryTimeoutMs?: number;
  /** Longest wait for the database at start-up (a wrong URL fails once this is spent). */
  startTimeoutMs?: number;
  log?: (event: Record<string, unknown>) => void;
  /** Tests only: the migrations to run instead of PG_MIGRATIONS. */
  migrations?: PgMigration[];
}

/** The URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Is this error the database being away (retry later) rather than a bug or bad data? */
function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    // connection_exception, insufficient_resources, operator_intervention (shutdown, statement
    // timeout), system_error.
    return ['08', '53', '57', '58'].includes(code.slice(0, 2));
  }
  return true;
}

function wrap(error: unknown): Error {
  if (error instanceof StoreUnavailableError || error instanceof IdempotencyLostError) return error;
  if (unavailable(error)) {
    return new StoreUnavailableError(`The database is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error as Error;
}

export async function openPgStore(options: PgStoreOptions): Promise<HaloStore> {
  const { url, log = () => {} } = options;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`HALO_DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`HALO_DATABASE_URL must start with postgres://, got "${parsed.protocol}//…"`);
  }
  const queryTimeoutMs = options.queryTimeoutMs ?? 1_000;

  await migratePg(url, options.migrations ?? PG_MIGRATIONS, options.startTimeoutMs ?? 5_000);

  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 1_000,
    idleTimeoutMillis: 30_000,
    query_timeout: queryTimeoutMs,
    statement_timeout: queryTimeoutMs,
    keepAlive: true,
    application_name: 'halo-server',
  });
  // An idle connection that the database closed (restart, outage) errors here; the pool drops it.
  pool.on('error', (error) => log({ event: 'db_idle_client_error', message: error.message }));

  // For a moment after the database failed, requests fail at once instead of each waiting for
  // its own timeout: a publish makes several queries, and the whole request must stay short.
  let downUntil = 0;
  const failed = (error: unknown): Error => {
    const wrapped = wrap(error);
    if (wrapped instanceof StoreUnavailableError) downUntil = Date.now() + 500;
    return wrapped;
  };
  const checkUp = () => {
    if (Date.now() < downUntil) throw new StoreUnavailableError('The database was unreachable a moment ago.');
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    checkUp();
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw failed(error);
    }
  };
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    checkUp();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failed(error);
    }
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: without this one, the database going
    // away mid-transaction would be an uncaught 'error' event, and end the process.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (unavailable(error) && !(error instanceof IdempotencyLostError) && !(error instanceof Refused)) {
        broken = error as Error;
      } else {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      }
      if (error instanceof Refused) throw error;
      throw failed(error);
    } finally {
      // A connection that failed mid-transaction is destroyed, never handed to the next request.
      client.off('error', lost);
      client.release(broken);
    }
  };

  const blobs: BlobStore = {
    put: (haloId, images) =>
      transaction(async (client) => {
        await client.query('DELETE FROM images WHERE halo_id = $1', [haloId]);
        for (const image of images) {
          await client.query(
            'INSERT INTO images (halo_id, n, source_url, type, bytes, etag) VALUES ($1, $2, $3, $4, $5, $6)',
            [haloId, image.n, image.sourceUrl, image.type, image.bytes, image.etag],
          );
        }
      }),
    get: async (haloId, n) =>
      (
        await query<{ type: string; bytes: Buffer; etag: string }>(
          'SELECT type, etag, bytes FROM images WHERE halo_id = $1 AND n = $2',
          [haloId, n],
        )
      ).rows[0],
    remove: async (haloId) => void (await query('DELETE FROM images WHERE halo_id = $1', [haloId])),
    putUpload: async (image: UploadedImage) =>
      (
        await query(
          `INSERT INTO uploads (sha256, type, bytes, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (sha256) DO NOTHING`,
          [image.sha256, image.type, image.bytes, image.createdAt],
        )
      ).rowCount === 1,
    getUpload: async (sha256) =>
      (await query<{ type: string; bytes: Buffer }>('SELECT type, bytes FROM uploads WHERE sha256 = $1', [sha256]))
        .rows[0],
    purgeUploads: async (before) => (await query('DELETE FROM uploads WHERE created_at < $1', [before])).rowCount ?? 0,
  };

  const hot = new HotVariants();
  /**
   * One round trip for a page already in memory: the tags of the page and of its variants the
   * client accepts, read on every view, so a copy in memory is used only while this database still
   * names it (another instance may have updated or deleted the Halo). A second read fetches bytes.
   */
  const getPage = async (id: string, codings: readonly PageCoding[]): Promise<PageRow | undefined> => {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await query<{
        etag: string;
        indexable: boolean;
        deleted_at: string | null;
        coding: PageCoding | null;
        variant_etag: string | null;
      }>(
        `SELECT h.etag, h.indexable, h.deleted_at, v.coding, v.etag AS variant_etag
         FROM halos h LEFT JOIN page_variants v ON v.halo_id = h.id AND v.coding = ANY($2::text[])
         WHERE h.id = $1`,
        [id, codings],
      );
      const page = rows[0];
      if (!page) return undefined;
      const { indexable } = page;
      if (page.deleted_at)
        return { body: new Uint8Array(0), coding: 'identity', etag: '', indexable, deletedAt: page.deleted_at };
      const coding = codings.find((wanted) => rows.some((row) => row.coding === wanted));
      const etag = coding ? rows.find((row) => row.coding === coding)!.variant_etag! : page.etag;
      const cached = hot.get(id, coding ?? 'identity', etag);
      if (cached) return { body: cached, coding: coding ?? 'identity', etag, indexable, deletedAt: null };
      // The bytes of exactly that tag: none when the page changed in between, then read again.
      const body = coding
        ? (
            await query<{ body: Buffer<ArrayBuffer> }>(
              'SELECT bytes AS body FROM page_variants WHERE halo_id = $1 AND coding = $2 AND etag = $3',
              [id, coding, etag],
            )
          ).rows[0]?.body
        : (
            await query<{ body: Buffer<ArrayBuffer> }>(
              `SELECT convert_to(html, 'UTF8') AS body FROM halos WHERE id = $1 AND etag = $2 AND deleted_at IS NULL`,
              [id, etag],
            )
          ).rows[0]?.body;
      if (body) {
        if (etag) hot.set(id, coding ?? 'identity', etag, body);
        return { body, coding: coding ?? 'identity', etag, indexable, deletedAt: null };
      }
      if (attempt >= 3) throw new StoreUnavailableError('The page kept changing while it was read.');
    }
  };

  const claimOnce = async (key: string, requestHash: string, now: number, staleAfterMs: number) => {
    const claimed = await query(
      `INSERT INTO idempotency (key, request_hash, claimed_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
      [key, requestHash, now],
    );
    if (claimed.rowCount === 1) return { state: 'claimed' } as const;
    const takenOver = await query(
      `UPDATE idempotency SET request_hash = $2, claimed_at = $3
       WHERE key = $1 AND response IS NULL AND claimed_at <= $4`,
      [key, requestHash, now, now - staleAfterMs],
    );
    if (takenOver.rowCount === 1) return { state: 'claimed' } as const;
    const row = (
      await query<{ request_hash: string; halo_id: string | null; response: string | null }>(
        'SELECT request_hash, halo_id, response FROM idempotency WHERE key = $1',
        [key],
      )
    ).rows[0];
    return row;
  };

  let lastSweep = 0;

  return {
    kind: 'postgres',
    blobs,
    insert: (record, idem) =>
      transaction(async (client) => {
        if (idem) {
          const done = await client.query(
            `UPDATE idempotency SET halo_id = $2, response = $3
             WHERE key = $1 AND request_hash = $4 AND response IS NULL`,
            [idem.key, record.id, idem.response, idem.requestHash],
          );
          if (done.rowCount !== 1) throw new IdempotencyLostError();
        }
        await client.query(
          `INSERT INTO halos (id, json, html, title, indexable, edit_token_hash, created_at, updated_at, deleted_at, etag)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            record.id,
            record.json,
            record.html,
            record.title,
            record.indexable,
            record.editTokenHash,
            record.createdAt,
            record.updatedAt,
            record.deletedAt,
            record.etag,
          ],
        );
      }),
    // The Halo's row first: its lock orders this against putVariants and putCard (FOR SHARE).
    update: (id, change) =>
      transaction(async (client) => {
        await client.query(
          `UPDATE halos SET json = $2, html = $3, etag = $4, title = $5, indexable = $6, updated_at = $7
           WHERE id = $1 AND deleted_at IS NULL`,
          [id, change.json, change.html, change.etag, change.title, change.indexable, change.updatedAt],
        );
        await client.query('DELETE FROM page_variants WHERE halo_id = $1', [id]);
        hot.forget(id);
      }),
    markDeleted: (id, at) =>
      transaction(async (client) => {
        await client.query(
          `UPDATE halos SET json = '{}', html = '', etag = '', title = '', deleted_at = $2, updated_at = $2 WHERE id = $1`,
          [id, at],
        );
        await client.query('DELETE FROM page_variants WHERE halo_id = $1', [id]);
        await client.query('DELETE FROM cards WHERE halo_id = $1', [id]);
        await client.query('DELETE FROM images WHERE halo_id = $1', [id]);
        hot.forget(id);
      }),
    // FOR SHARE waits for an update or delete of the Halo in flight, then sees its result.
    putCard: async (id, card: StoredCard) =>
      (
        await query(
          `INSERT INTO cards (halo_id, version, png)
           SELECT id, $2, $3 FROM halos WHERE id = $1 AND deleted_at IS NULL AND updated_at = $2 FOR SHARE
           ON CONFLICT (halo_id) DO UPDATE SET version = excluded.version, png = excluded.png`,
          [id, card.version, card.png],
        )
      ).rowCount === 1,
    getCard: async (id) => (await query<StoredCard>('SELECT version, png FROM cards WHERE halo_id = $1', [id])).rows[0],
    get: async (id) =>
      (
        await query<HaloRecord>(
          `SELECT id, json, html, etag, title, indexable, edit_token_hash AS "editTokenHash", created_at AS "createdAt",
                  updated_at AS "updatedAt", deleted_at AS "deletedAt" FROM halos WHERE id = $1`,
          [id],
        )
      ).rows[0],
    getPage: (id, codings = []) => getPage(id, codings),
    putVariants: (id, ofEtag, variants) =>
      transaction(async (client) => {
        const live = (
          await client.query<{ etag: string; indexable: boolean }>(
            'SELECT etag, indexable FROM halos WHERE id = $1 AND deleted_at IS NULL FOR SHARE',
            [id],
          )
        ).rows[0];
        if (!live || live.etag !== ofEtag) return false;
        for (const variant of variants) {
          await client.query(
            `INSERT INTO page_variants (halo_id, coding, of_etag, etag, indexable, bytes)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (halo_id, coding) DO UPDATE SET
               of_etag = excluded.of_etag, etag = excluded.etag, indexable = excluded.indexable, bytes = excluded.bytes`,
            [id, variant.coding, ofEtag, variant.etag, live.indexable, variant.bytes],
          );
        }
        return true;
      }),
    pagesWithoutVariants: async () =>
      (
        await query<{ id: string; etag: string }>(
          `SELECT id, etag FROM halos
           WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM page_variants WHERE halo_id = halos.id)`,
        )
      ).rows,
    findIdempotent: async (key) => {
      const row = (
        await query<{ request_hash: string; halo_id: string; response: string | null }>(
          'SELECT request_hash, halo_id, response FROM idempotency WHERE key = $1',
          [key],
        )
      ).rows[0];
      return row?.response
        ? { key, requestHash: row.request_hash, haloId: row.halo_id, response: row.response }
        : undefined;
    },
    claimIdempotency: async (key, requestHash, now, staleAfterMs): Promise<IdempotencyClaim> => {
      // The key may vanish between the statements (its owner gave it back): then claim again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const found = await claimOnce(key, requestHash, now, staleAfterMs);
        if (!found) continue;
        if ('state' in found) return found;
        if (found.response === null) return { state: 'pending', requestHash: found.request_hash };
        return {
          state: 'done',
          answer: { key, requestHash: found.request_hash, haloId: found.halo_id!, response: found.response },
        };
      }
      return { state: 'pending', requestHash };
    },
    releaseIdempotency: async (key) =>
      void (await query('DELETE FROM idempotency WHERE key = $1 AND response IS NULL', [key])),
    takeRate: async (keys, limits, now) => {
      // Sorted, so two requests lock the same rows in the same order (no deadlock).
      const sorted = [...new Set(keys)].sort();
      try {
        return await transaction(async (client) => {
          const { rows } = await client.query<{ window_ms: string; window_start: string; count: number }>(
            `INSERT INTO rate_limits (key, window_ms, window_start, count)
             SELECT k, w, $3, 1 FROM unnest($1::text[]) AS k CROSS JOIN unnest($2::bigint[]) AS w
             ORDER BY k, w
             ON CONFLICT (key, window_ms) DO UPDATE SET
               count = CASE WHEN rate_limits.window_start <= $3 - rate_limits.window_ms THEN 1
                            ELSE rate_limits.count + 1 END,
               window_start = CASE WHEN rate_limits.window_start <= $3 - rate_limits.window_ms THEN $3
                                   ELSE rate_limits.window_start END
             RETURNING window_ms, window_start, count`,
            [sorted, [MINUTE_MS, DAY_MS], now],
          );
          let wait = 0;
          for (const row of rows) {
            const length = Number(row.window_ms);
            const limit = length === MINUTE_MS ? limits.perMinute : limits.perDay;
            if (row.count > limit) wait = Math.max(wait, Number(row.window_start) + length - now);
          }
          // Refused: roll back, so a refused publish counts for nothing.
          if (wait > 0) throw new Refused(Math.ceil(wait / 1000));
          if (now - lastSweep >= MINUTE_MS) {
            lastSweep = now;
            await client.query('DELETE FROM rate_limits WHERE window_start <= $1 - window_ms', [now]);
          }
          return { ok: true } as const;
        });
      } catch (error) {
        if (error instanceof Refused) return { ok: false, retryAfterSeconds: error.retryAfterSeconds };
        throw error;
      }
    },
    count: async () =>
      Number((await query<{ n: string }>('SELECT count(*) AS n FROM halos WHERE deleted_at IS NULL')).rows[0]!.n),
    ping: async () => void (await query('SELECT 1')),
    close: () => pool.end(),
  };
}

class Refused {
  constructor(readonly retryAfterSeconds: number) {}
}

/**
 * Brings the schema up to date under an advisory lock, so instances starting together take turns.
 * Each migration is one transaction with its version row: one cut short by kill -9 is rolled back
 * by Postgres and runs again at the next start. A newer schema is refused, never downgraded.
 */
export async function migratePg(url: string, migrations: PgMigration[], timeoutMs: number): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // An error event with no listener would crash the process instead of reaching the caller.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to the Postgres database at ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS halo_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM halo_migrations');
    let current = rows[0]?.v ?? 0;
    if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
    for (; current < migrations.length; current++) {
      await client.query('BEGIN');
      try {
        const migration = migrations[current]!;
        if (typeof migration === 'string') await client.query(migration);
        else await migration(client);
        await client.query('INSERT INTO halo_migrations (version) VALUES ($1)', [current + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    return current;
  } finally {
    await client.end().catch(() => {});
  }
}
