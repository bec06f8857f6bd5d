import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app';
import { CardJobs } from './card-job';
import { loadConfig, type ServerConfig } from './config';
import { startPageCompressor } from './page-compressor';
import { pageFastPath } from './routes/pages';
import { openSqliteStore } from './sqlite-store';

export type StartOptions = Partial<ServerConfig> & { logger?: Logger };

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  dbPath: string;
  /**
   * Resolves once every page written so far has its compressed variants (they are made after the
   * publish answers): for tests and benches that need the compressed answer.
   */
  pagesCompressed(): Promise<void>;
  /** Stops accepting connections, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

/** Starts the Halo server: the same code path for `npm run server`, tests and benches. */
export async function startHaloServer(options: StartOptions = {}): Promise<RunningServer> {
  const { logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }), ...overrides } = options;
  const config: ServerConfig = { ...loadConfig({}), ...overrides };
  const store = openSqliteStore(config.dbPath);
  const log = (event: Record<string, unknown>) => logger.info(event);
  const compressor = startPageCompressor(store, log);
  const cards = new CardJobs(store, log);
  const app = createApp({ store, config, log, pageWritten: (id) => compressor.schedule(id), cards });
  const fallback = getRequestListener(app.fetch);
  const fastPage = pageFastPath({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch });
  const server: Server = createServer((req, res) => {
    if (!fastPage(req, res)) void fallback(req, res);
  });
  await new Promise<void>((ok) => server.listen(config.port, config.host, ok));
  // Pages stored before issue 21, or whose variants a stopped server did not get to make.
  for (const { id } of store.pagesWithoutVariants()) compressor.schedule(id);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    dbPath: config.dbPath,
    pagesCompressed: () => compressor.settled(),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => {
          // Cards still drawing and pages still compressing are stored before the database closes.
          void Promise.all([compressor.stop(), cards.settled()]).then(() => {
            store.close();
            ok();
          });
        });
        // Idle keep-alive connections would hold close() open; requests in flight get a grace period.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
