// `npm run server`: the Halo server alone, configured by environment variables (docs/self-hosting.md).
import { pino } from 'pino';
import { loadConfig } from './config';
import { SERVER_VERSION } from './front-door';
import { startHaloServer } from './start';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const config = loadConfig();
const server = await startHaloServer({ ...config, logger });
const endpoint = config.publicUrl ?? server.url;
logger.info(
  { event: 'listening', url: server.url, endpoint, version: SERVER_VERSION, db: server.dbPath },
  `Halo server ${SERVER_VERSION} on ${server.url}. Paste this endpoint into the extension: ${endpoint}` +
    (config.apiToken ? ' (publishing needs the API token)' : ''),
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal });
    server.close().then(() => process.exit(0));
  });
}
