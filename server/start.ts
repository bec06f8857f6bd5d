import { getRequestListener } from '@hono/node-server';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp, UNAVAILABLE_RETRY_AFTER_S } from './app';
import { loadConfig, type ServerConfig } from './config';
import { openPgStore, redactUrl } from './pg-store';
import { pageFastPath } from './routes/pages';
import { openSqliteStore } from './sqlite-store';
import { StoreUnavailableError, type HaloStore } from './store';

export type StartOptions = Partial<ServerConfig> & { logger?: Logger };

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  dbPath: string;
  /** Where the data lives: the SQLite file, or the Postgres URL with its password hidden. */
  database: string;
  /** Stops accepting connections, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

const stylesheetUrl = new URL('../lib/halo/halo.css', import.meta.url);

/** The store the configuration names: Postgres when HALO_DATABASE_URL is set, else the SQLite file. */
export async function openStore(
  config: ServerConfig,
  log: (event: Record<string, unknown>) => void,
): Promise<HaloStore> {
  if (config.databaseUrl) {
    const { databaseUrl: url, dbPoolSize: poolSize, dbTimeoutMs: timeout } = config;
    return openPgStore({ url, poolSize, connectTimeoutMs: timeout, queryTimeoutMs: timeout, log });
  }
  return openSqliteStore(config.dbPath);
}

/** Starts the Halo server: the same code path for `npm run server`, tests and benches. */
export async function startHaloServer(options: StartOptions = {}): Promise<RunningServer> {
  const { logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }), ...overrides } = options;
  const config: ServerConfig = { ...loadConfig({}), ...overrides };
  const log = (event: Record<string, unknown>) => logger.info(event);
  const store = await openStore(config, log);
  let draining = false;
  const app = createApp({
    store,
    config,
    stylesheet: readFileSync(stylesheetUrl, 'utf8'),
    log,
    draining: () => draining,
  });
  const fallback = getRequestListener(app.fetch);
  const pageFailed = (error: unknown, res: ServerResponse) => {
    const down = error instanceof StoreUnavailableError;
    log({ event: down ? 'db_unavailable' : 'error', path: 'page', message: (error as Error).message });
    res.writeHead(down ? 503 : 500, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...(down ? { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) } : {}),
    });
    res.end(down ? 'This Halo cannot be shown right now. Try again in a moment.\n' : 'Server error.\n');
  };
  const fastPage = pageFastPath({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch }, pageFailed);
  const server: Server = createServer((req, res) => {
    if (!fastPage(req, res)) void fallback(req, res);
  });
  await new Promise<void>((ok) => server.listen(config.port, config.host, ok));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    dbPath: config.dbPath,
    database: config.databaseUrl ? redactUrl(config.databaseUrl) : config.dbPath,
    close: () =>
      new Promise<void>((ok) => {
        draining = true;
        server.close(() => {
          store.close().then(ok, ok);
        });
        // Idle keep-alive connections would hold close() open; requests in flight get a grace period.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
