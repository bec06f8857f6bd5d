/**
 * A throwaway Postgres cluster for tests (issue 14): initdb into a temp folder, listening on a free
 * loopback port, trust auth, stopped and deleted afterwards. initdb and pg_ctl refuse to run as
 * root, so as root they run as the `postgres` user, in a folder it owns.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migratePg, PG_MIGRATIONS } from '../../server/pg-store';

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the admin database. */
  adminUrl: string;
  port: number;
  dir: string;
  /** A new, empty database; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server (immediate: like a crash), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function postgresBin(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [])).sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) {
    throw new Error('Postgres is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
  }
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = await postgresBin();
  const root = userInfo().uid === 0;
  const dir = await mkdtemp(join(tmpdir(), 'halo-pg-'));
  if (root) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const as = (tool: string, args: string[]) =>
    root ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const data = join(dir, 'data');
  await as('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync on: the crash tests promise that a 201 survives, which needs real syncs.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=32MB`;
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    dir,
    createDatabase: (prefix) => createDatabaseAt(adminUrl, prefix),
    stop: async () => void (await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])),
    start,
    destroy: async () => {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the run's shared cluster (started once by tests/server/postgres-setup.ts). */
export async function createDatabaseAt(adminUrl: string, prefix = 'halo'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const urlOf = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One migrated database per test process, copied for each database a test asks for: a copy costs
 * one CREATE DATABASE, and no test waits for the migrations again.
 */
const templates = new Map<string, Promise<string>>();
function templateAt(adminUrl: string): Promise<string> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = (async () => {
      const name = `halo_template_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      await migratePg(urlOf(adminUrl, name), PG_MIGRATIONS, 30_000);
      return name;
    })();
    templates.set(adminUrl, template);
  }
  return template;
}

/** Databases handed out in this process, by the name the test gave: emptied and handed out again. */
const handedOut = new Map<string, string>();

/**
 * A migrated, empty database for a test: the one handed out before under this `key` (in this test
 * process), emptied with TRUNCATE, else a new copy of the migrated template. A database a test left
 * in another state (its schema changed, or still locked) is not reused.
 */
export async function migratedDatabaseAt(adminUrl: string, key: string): Promise<string> {
  const previous = handedOut.get(key);
  if (previous && (await emptied(previous))) return previous;
  const template = await templateAt(adminUrl);
  const name = `halo_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = urlOf(adminUrl, name);
  handedOut.set(key, url);
  return url;
}

async function emptied(url: string): Promise<boolean> {
  try {
    return await admin(url, async (client) => {
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM halo_migrations');
      if (rows[0]?.v !== PG_MIGRATIONS.length) return false;
      const tables = (
        await client.query<{ t: string }>(
          `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'halo_migrations'`,
        )
      ).rows.map((row) => row.t);
      await client.query(`SET lock_timeout = '2s'`);
      await client.query(`TRUNCATE ${tables.join(', ')}`);
      return true;
    });
  } catch {
    return false;
  }
}
