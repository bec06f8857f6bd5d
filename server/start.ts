import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app';
import { CardJobs } from './card-job';
import { loadConfig, type ServerConfig } from './config';
import { pageFastPath } from './routes/pages';
import { openSqliteStore } from './sqlite-store';

export type StartOptions = Partial<ServerConfig> & { logger?: Logger };

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  dbPath: string;
  /** Stops accepting connections, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

const stylesheetUrl = new URL('../lib/halo/halo.css', import.meta.url);

/** Starts the Halo server: the same code path for `npm run server`, tests and benches. */
export async function startHaloServer(options: StartOptions = {}): Promise<RunningServer> {
  const { logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }), ...overrides } = options;
  const config: ServerConfig = { ...loadConfig({}), ...overrides };
  const store = openSqliteStore(config.dbPath);
  const log = (event: Record<string, unknown>) => logger.info(event);
  const cards = new CardJobs(store, log);
  const app = createApp({ store, config, stylesheet: readFileSync(stylesheetUrl, 'utf8'), log, cards });
  const fallback = getRequestListener(app.fetch);
  const fastPage = pageFastPath({ store, publicUrl: config.publicUrl, remoteImages: !config.images.fetch });
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
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => {
          // Cards still drawing are stored before the database closes.
          void cards.settled().then(() => {
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
