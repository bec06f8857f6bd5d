// `npm run server`: the Halo server alone, configured by environment variables (docs/self-hosting.md).
import { pino } from 'pino';
import { loadConfig } from './config';
import { startHaloServer } from './start';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const config = loadConfig();
const server = await startHaloServer({ ...config, logger });
logger.info({ event: 'listening', url: server.url, db: server.dbPath }, `Halo server on ${server.url}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal });
    server.close().then(() => process.exit(0));
  });
}
