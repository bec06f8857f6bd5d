// The server's front door (issue 19): GET / says what this is, the URL to paste into the
// extension and whether publishing needs a token; same CSP as the pages, no script.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import { SERVER_VERSION } from '../../server/front-door';

let server: RunningServer | undefined;
let dir: string | undefined;

async function start(options: StartOptions = {}): Promise<RunningServer> {
  dir = await mkdtemp(join(tmpdir(), 'halo-front-'));
  server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'halos.db'), ...options });
  return server;
}

afterEach(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

describe('GET / (issue 19)', () => {
  it('names the server, its version and the endpoint to paste, with the page headers and no script', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; .*sandbox/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    expect(html).toContain('This is a Halo server');
    expect(html).toContain(`<pre class="halo-plain" data-endpoint>${url}</pre>`);
    expect(html).toContain(`Halo server ${SERVER_VERSION}`);
    expect(html).toContain('data-token="none"');
    expect(html).not.toMatch(/<script/i);
  });

  it('gives the public URL when one is set, and says that publishing needs a token', async () => {
    const { url } = await start({ publicUrl: 'https://halo.example.org', apiToken: 'secret-token-1' });
    const html = await (await fetch(`${url}/`)).text();
    expect(html).toContain('<pre class="halo-plain" data-endpoint>https://halo.example.org</pre>');
    expect(html).toContain('data-token="required"');
    expect(html).not.toContain('secret-token-1');
  });

  it('answers /healthz (liveness) and /readyz (the database)', async () => {
    const { url } = await start();
    // Liveness only since issue 14 (the count moved to /readyz, which asks the database).
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ ok: true, store: 'sqlite', halos: 0 });
  });
});
