import { readFileSync } from 'node:fs';
import { faviconLinks, haloStylesheet } from './assets';

/** The server's version, as the package says it (shown on the front door and in the start log). */
export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * `GET /` (issue 19): an administrator who opens the server's address learns what it is, which
 * URL to paste into the extension, and whether publishing needs a token. Same CSP as the pages:
 * no script.
 */
export function frontDoorPage({ url, tokenRequired }: { url: string; tokenRequired: boolean }): string {
  const endpoint = escapeHtml(url);
  const token = tokenRequired
    ? 'Publishing needs an API token: ask the administrator, and enter it beside the endpoint.'
    : 'Publishing needs no API token on this server.';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Halo server</title><link rel="stylesheet" href="${haloStylesheet().href}">
${faviconLinks()}</head>
<body class="halo-page"><main class="halo">
<h1 class="halo-title">This is a Halo server</h1>
<p>It publishes Halos: clean pages made from chat threads, articles and notes with the Halo Lumin browser extension.</p>
<p>To publish here, paste this address into the extension’s settings (Halo endpoint):</p>
<pre class="halo-plain" data-endpoint>${endpoint}</pre>
<p data-token="${tokenRequired ? 'required' : 'none'}">${token}</p>
<p class="halo-source">Halo server ${escapeHtml(SERVER_VERSION)} · <a href="/api/v1/openapi.json">API</a> · <a href="/healthz">health</a></p>
</main></body>
</html>
`;
}
