/**
 * The endpoint a package publishes to when the user has set none (issue 19): today's local
 * server, or the one a team builds in with `HALO_ENDPOINT=https://halo.example.org npm run zip`.
 * Read by wxt.config.ts at build time: no extension API here.
 */
export const LOCAL_ENDPOINT = 'http://127.0.0.1:8787';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The build's default endpoint; throws a sentence for the build log when the value cannot be one. */
export function buildEndpoint(value: string | undefined): string {
  const raw = value?.trim();
  if (!raw) return LOCAL_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`HALO_ENDPOINT must be an absolute URL such as https://halo.example.org, got "${raw}".`);
  }
  if (url.username || url.password) throw new Error('HALO_ENDPOINT must not hold a user name or password.');
  if (url.search || url.hash) throw new Error('HALO_ENDPOINT must not have a query or a #fragment.');
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    // A plain-http endpoint on the network would send every Halo and the API token in the clear.
    throw new Error(`HALO_ENDPOINT must be https (or http on this machine's loopback), got "${raw}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** HALO_REQUIRE_TOKEN=1: the package asks for an API token at first run and publishes none without. */
export function buildRequiresToken(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
