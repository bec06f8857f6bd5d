/** Fresh databases for the store a test project runs on (tests/support/store-kinds.ts). */
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ServerConfig } from '../../server/config';
import { openStore } from '../../server/start';
import { loadConfig } from '../../server/config';
import type { HaloStore } from '../../server/store';
import { createDatabaseAt, migratedDatabaseAt } from './postgres-cluster';
import { STORE_KINDS, type StoreKind } from './store-kinds';

export type TestDatabase = Pick<ServerConfig, 'dbPath' | 'databaseUrl' | 'dbTimeoutMs'>;

/**
 * Tests that are not about outages wait longer for Postgres than production's 1 s: on a busy
 * 2-core machine a slow query is not an outage. The outage tests use the default.
 */
const PATIENT_MS = 10_000;

/** The store this test project runs on: HALO_TEST_STORE, set per project by vitest.config.ts. */
export function testStoreKind(): StoreKind {
  const kind = process.env.HALO_TEST_STORE ?? 'sqlite';
  if (!(STORE_KINDS as readonly string[]).includes(kind)) throw new Error(`HALO_TEST_STORE: unknown store "${kind}"`);
  return kind as StoreKind;
}

/**
 * Server options for a fresh, empty database of this kind (`dir`: a temp folder of the test's). A
 * Postgres database is migrated already, and reused (emptied) by the next test of the same file
 * that asks for one under the same `name`: creating and migrating one per test doubled the time
 * of the Postgres run.
 */
export async function freshDatabase(
  dir: string,
  kind: StoreKind = testStoreKind(),
  name = 'halos',
  { blank = false }: { blank?: boolean } = {},
): Promise<TestDatabase> {
  const dbPath = join(dir, `${name}.db`);
  if (kind === 'sqlite') return { dbPath, databaseUrl: null, dbTimeoutMs: PATIENT_MS };
  // Blank: not even migrated, for the tests of migrations themselves.
  if (blank)
    return { dbPath, databaseUrl: await createDatabaseAt(inject('postgresAdminUrl')), dbTimeoutMs: PATIENT_MS };
  return { dbPath, databaseUrl: await migratedDatabaseAt(inject('postgresAdminUrl'), name), dbTimeoutMs: PATIENT_MS };
}

/** The same as environment variables, for a server started as its own process. */
export const databaseEnv = (db: TestDatabase): Record<string, string> =>
  db.databaseUrl
    ? { HALO_DATABASE_URL: db.databaseUrl, HALO_DB_TIMEOUT_MS: String(db.dbTimeoutMs) }
    : { HALO_DB_PATH: db.dbPath };

/** Opens the test's database directly, to look at what the server stored. */
export const openTestStore = (db: TestDatabase): Promise<HaloStore> =>
  openStore({ ...loadConfig({}), ...db }, () => {});
