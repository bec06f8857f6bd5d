import { browser } from '#imports';
import { normalizeEndpoint } from '@/lib/publish/client';
import { DEFAULT_ENDPOINT, settingsItem, type Settings } from '@/lib/storage/items';

export type SaveOutcome =
  { ok: true; settings: Settings; note?: string } | { ok: false; field: 'endpoint' | 'apiToken'; message: string };

/** Checks and saves what the options page holds; nothing invalid is ever stored. */
export async function saveSettings(input: { endpoint: string; apiToken: string }): Promise<SaveOutcome> {
  const endpoint = normalizeEndpoint(input.endpoint);
  if (!endpoint.ok) return { ok: false, field: 'endpoint', message: endpoint.message };
  const apiToken = input.apiToken.trim();
  // A token with a newline or control character would break the Authorization header.
  if (Array.from(apiToken).some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return { ok: false, field: 'apiToken', message: 'The API token must be one line without control characters.' };
  }
  if (/\s/.test(apiToken)) return { ok: false, field: 'apiToken', message: 'The API token must not contain spaces.' };
  const settings = { endpoint: endpoint.endpoint, apiToken };
  await settingsItem.setValue(settings);
  let note: string | undefined;
  if (settings.endpoint !== DEFAULT_ENDPOINT) {
    // Only for endpoints that do not answer CORS; asked for this one origin, never for all sites.
    const origin = `${new URL(settings.endpoint).origin}/*`;
    const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
    if (!granted) note = 'Saved. Without access to this site, publishing works only if the endpoint answers CORS.';
  }
  return { ok: true, settings, ...(note ? { note } : {}) };
}

/** Asks the endpoint's health check; answers a sentence for the options page. */
export async function testConnection(endpoint: string): Promise<{ ok: boolean; message: string }> {
  const checked = normalizeEndpoint(endpoint);
  if (!checked.ok) return { ok: false, message: checked.message };
  try {
    const res = await fetch(`${checked.endpoint}/healthz`, { signal: AbortSignal.timeout(8_000) });
    if (!res.ok) return { ok: false, message: `The endpoint answered HTTP ${res.status}: is it a Halo server?` };
    const body = (await res.json().catch(() => null)) as { ok?: boolean } | null;
    if (!body?.ok) return { ok: false, message: 'The endpoint answered, but not like a Halo server.' };
    return { ok: true, message: `Connected to the Halo server at ${checked.endpoint}.` };
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return {
      ok: false,
      message: timedOut
        ? `No answer from ${checked.endpoint} within 8 s.`
        : `Could not reach ${checked.endpoint}. Is the server running (npm start) and the address right?`,
    };
  }
}
