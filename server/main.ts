// `npm run server`: the Halo server alone, configured by environment variables (docs/self-hosting.md).
import { pino } from 'pino';
import { loadConfig } from './config';
import { SERVER_VERSION } from './front-door';
import { startHaloServer } from './start';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const config = loadConfig();
let server;
try {
  server = await startHaloServer({ ...config, logger });
} catch (error) {
  // A wrong HALO_DATABASE_URL, an unreachable database, a schema newer than this server: say so
  // plainly and exit non-zero, so a supervisor does not report a healthy start.
  logger.fatal({ event: 'start_failed', message: (error as Error).message });
  console.error(`Halo server did not start: ${(error as Error).message}`);
  process.exit(1);
}
const running = server;
const endpoint = config.publicUrl ?? running.url;
logger.info(
  { event: 'listening', url: running.url, endpoint, version: SERVER_VERSION, db: running.database },
  `Halo server ${SERVER_VERSION} on ${running.url}. Paste this endpoint into the extension: ${endpoint}` +
    (config.apiToken ? ' (publishing needs the API token)' : ''),
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal });
    running.close().then(() => process.exit(0));
  });
}
