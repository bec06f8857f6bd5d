import { browser } from '#imports';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';
import { normalizeEndpoint, type EndpointProblem } from '@/lib/publish/client';
import { DEFAULT_ENDPOINT, settingsItem, type Settings } from '@/lib/storage/items';

export type SaveOutcome =
  { ok: true; settings: Settings; note?: string } | { ok: false; field: 'endpoint' | 'apiToken'; message: string };

/** Checks and saves what the options page holds; nothing invalid is ever stored. */
export async function saveSettings(input: { endpoint: string; apiToken: string }): Promise<SaveOutcome> {
  const endpoint = normalizeEndpoint(input.endpoint);
  if (!endpoint.ok) return { ok: false, field: 'endpoint', message: endpointProblem(endpoint.reason) };
  const apiToken = input.apiToken.trim();
  // A token with a newline or control character would break the Authorization header.
  if (Array.from(apiToken).some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    return { ok: false, field: 'apiToken', message: i18n.t('settings.tokenControl') };
  }
  if (/\s/.test(apiToken)) return { ok: false, field: 'apiToken', message: i18n.t('settings.tokenSpaces') };
  const settings = { endpoint: endpoint.endpoint, apiToken };
  await settingsItem.setValue(settings);
  let note: string | undefined;
  if (settings.endpoint !== DEFAULT_ENDPOINT) {
    // Only for endpoints that do not answer CORS; asked for this one origin, never for all sites.
    const origin = `${new URL(settings.endpoint).origin}/*`;
    const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
    if (!granted) note = i18n.t('settings.savedNoAccess');
  }
  return { ok: true, settings, ...(note ? { note } : {}) };
}

const TEST_TIMEOUT_MS = 8_000;

function endpointProblem(reason: EndpointProblem): string {
  switch (reason) {
    case 'not_url':
      return i18n.t('settings.endpointNotUrl');
    case 'not_http':
      return i18n.t('settings.endpointNotHttp');
    case 'credentials':
      return i18n.t('settings.endpointCredentials');
  }
}

/** Asks the endpoint's health check; answers a sentence for the options page. */
export async function testConnection(endpoint: string): Promise<{ ok: boolean; message: string }> {
  const checked = normalizeEndpoint(endpoint);
  if (!checked.ok) return { ok: false, message: endpointProblem(checked.reason) };
  try {
    const res = await fetch(`${checked.endpoint}/healthz`, { signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, message: i18n.t('settings.answeredStatus', [String(res.status)]) };
    const body = (await res.json().catch(() => null)) as { ok?: boolean } | null;
    if (!body?.ok) return { ok: false, message: i18n.t('settings.notHalo') };
    return { ok: true, message: i18n.t('settings.connected', [checked.endpoint]) };
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return {
      ok: false,
      message: timedOut
        ? i18n.t('settings.noAnswerWithin', [checked.endpoint, formatCount(TEST_TIMEOUT_MS / 1000)])
        : i18n.t('settings.unreachable', [checked.endpoint]),
    };
  }
}
