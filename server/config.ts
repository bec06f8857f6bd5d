/** Server settings, from environment variables with documented defaults (docs/self-hosting.md). */
export interface ServerConfig {
  host: string;
  port: number;
  /** SQLite file; created with its folder when missing. */
  dbPath: string;
  /** postgres://… : run on Postgres (several instances may share it) instead of the SQLite file. */
  databaseUrl: string | null;
  /** Postgres connections per instance. */
  dbPoolSize: number;
  /** Longest wait for a Postgres connection or query before answering 503. */
  dbTimeoutMs: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** When set, POST/PUT/DELETE need `Authorization: Bearer <token>`. */
  apiToken: string | null;
  /** Publishes (POST and PUT) allowed per client address and per API token. */
  rateLimit: { perMinute: number; perDay: number };
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Keep a copy of every image at publish time, so pages need no third-party request. */
  images: { fetch: boolean; allowPrivateHosts: boolean; maxBytes: number; maxTotalBytes: number; timeoutMs: number };
  /** Origin used in the links the API answers, e.g. https://halo.example.com (default: the request's). */
  publicUrl: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got "${env.PORT}"`);
  const limit = Number(env.HALO_BODY_LIMIT_BYTES ?? 5 * 1024 * 1024);
  if (!Number.isFinite(limit) || limit <= 0)
    throw new Error(`HALO_BODY_LIMIT_BYTES must be positive, got "${env.HALO_BODY_LIMIT_BYTES}"`);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dbPath: env.HALO_DB_PATH ?? 'data/halos.db',
    databaseUrl: env.HALO_DATABASE_URL?.trim() || null,
    dbPoolSize: positive(env.HALO_DB_POOL_SIZE, 10, 'HALO_DB_POOL_SIZE'),
    dbTimeoutMs: positive(env.HALO_DB_TIMEOUT_MS, 1_000, 'HALO_DB_TIMEOUT_MS'),
    bodyLimitBytes: limit,
    apiToken: env.HALO_API_TOKEN?.trim() || null,
    publicUrl: env.HALO_PUBLIC_URL?.replace(/\/+$/, '') || null,
    rateLimit: {
      perMinute: positive(env.HALO_RATE_PER_MINUTE, 30, 'HALO_RATE_PER_MINUTE'),
      perDay: positive(env.HALO_RATE_PER_DAY, 300, 'HALO_RATE_PER_DAY'),
    },
    trustProxy: env.HALO_TRUST_PROXY === '1' || env.HALO_TRUST_PROXY === 'true',
    images: {
      fetch: env.HALO_FETCH_IMAGES !== '0' && env.HALO_FETCH_IMAGES !== 'false',
      allowPrivateHosts: env.HALO_IMAGES_ALLOW_PRIVATE === '1' || env.HALO_IMAGES_ALLOW_PRIVATE === 'true',
      maxBytes: positive(env.HALO_IMAGE_MAX_BYTES, 5 * 1024 * 1024, 'HALO_IMAGE_MAX_BYTES'),
      maxTotalBytes: positive(env.HALO_IMAGES_MAX_TOTAL_BYTES, 25 * 1024 * 1024, 'HALO_IMAGES_MAX_TOTAL_BYTES'),
      timeoutMs: positive(env.HALO_IMAGE_TIMEOUT_MS, 5_000, 'HALO_IMAGE_TIMEOUT_MS'),
    },
  };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}
