import { getRequestListener } from '@hono/node-server';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp, UNAVAILABLE_RETRY_AFTER_S } from './app';
import { CardJobs } from './card-job';
import { loadConfig, type ServerConfig } from './config';
import { startPageCompressor } from './page-compressor';
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
  /**
   * Resolves once every page written so far has its compressed variants (they are made after the
   * publish answers): for tests and benches that need the compressed answer.
   */
  pagesCompressed(): Promise<void>;
  /** Resolves once every card scheduled so far is drawn and stored. */
  cardsDrawn(): Promise<void>;
  /** Stops accepting connections, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

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
  const compressor = startPageCompressor(store, log);
  const cards = new CardJobs(store, log);
  const app = createApp({
    store,
    config,
    log,
    draining: () => draining,
    pageWritten: (id) => compressor.schedule(id),
    cards,
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
  // Pages stored before issue 21, or whose variants a stopped server did not get to make. Several
  // instances starting together may each make some twice: putVariants keeps one per page version.
  void store.pagesWithoutVariants().then(
    (pages) => pages.forEach(({ id }) => compressor.schedule(id)),
    (error: unknown) => log({ event: 'page_compress_failed', message: (error as Error).message }),
  );
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    dbPath: config.dbPath,
    database: config.databaseUrl ? redactUrl(config.databaseUrl) : config.dbPath,
    pagesCompressed: () => compressor.settled(),
    cardsDrawn: () => cards.settled(),
    close: () =>
      new Promise<void>((ok) => {
        draining = true;
        server.close(() => {
          // Cards still drawing and pages still compressing are stored before the database closes.
          void Promise.all([compressor.stop(), cards.settled()])
            .then(() => store.close())
            .then(ok, ok);
        });
        // Idle keep-alive connections would hold close() open; requests in flight get a grace period.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
