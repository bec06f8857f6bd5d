import { useEffect, useState } from 'react';
import { readSettings, watchSettings } from '@/lib/publish/effective-settings';
import type { EffectiveSettings } from '@/lib/publish/policy';
import { saveSettings, testConnection } from '@/lib/publish/settings';
import { DEFAULT_ENDPOINT, settingsItem } from '@/lib/storage/items';
import { i18n } from '#i18n';

interface Props {
  /** Test the connection as soon as the settings are known (the welcome page; a policy's endpoint). */
  autoTest?: boolean;
}

type Status = { ok: boolean; message: string; field?: string };

/**
 * Endpoint and API token, as the user set them or as the organisation's policy sets them (shown
 * locked). The token stays on this device and is sent only to that endpoint.
 */
export function SettingsForm({ autoTest = false }: Props) {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  const [endpoint, setEndpoint] = useState(DEFAULT_ENDPOINT);
  const [apiToken, setApiToken] = useState('');
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    let tested: string | null = null;
    const show = (next: EffectiveSettings) => {
      setSettings(next);
      setEndpoint(next.endpoint);
      setApiToken(next.apiToken);
      // An organisation's endpoint is tested as soon as it applies, also when its policy answered
      // late (managed storage can be slow); the welcome page tests whatever endpoint is in force.
      if ((autoTest || next.locked.endpoint) && tested !== next.endpoint) {
        tested = next.endpoint;
        void testConnection(next.endpoint).then(setStatus);
      }
    };
    void readSettings().then(show);
    return watchSettings(show);
  }, [autoTest]);

  const needsToken = __HALO_REQUIRE_TOKEN__ && !apiToken.trim();
  const locked = settings?.locked ?? { endpoint: false, apiToken: false };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (needsToken) {
      setStatus({
        ok: false,
        field: 'apiToken',
        message: i18n.t('settings.needsToken'),
      });
      return;
    }
    // What a policy sets is not the user's to save: their own values stay as they were.
    const own = await settingsItem.getValue();
    const outcome = await saveSettings({
      endpoint: locked.endpoint ? own.endpoint : endpoint,
      apiToken: locked.apiToken ? own.apiToken : apiToken,
    });
    if (outcome.ok) setStatus({ ok: true, message: outcome.note ?? i18n.t('settings.saved') });
    else setStatus({ ok: false, message: outcome.message, field: outcome.field });
  };

  return (
    <>
      <form onSubmit={(event) => void save(event)} aria-describedby="options-status">
        <label className="field">
          <span className="field-label">
            {i18n.t('settings.endpoint')}
            {locked.endpoint && <em className="locked"> · {i18n.t('settings.locked')}</em>}
          </span>
          <input
            type="text"
            inputMode="url"
            data-testid="endpoint"
            value={endpoint}
            readOnly={locked.endpoint}
            aria-readonly={locked.endpoint}
            aria-invalid={status?.field === 'endpoint'}
            onChange={(event) => setEndpoint(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">
            {__HALO_REQUIRE_TOKEN__ ? i18n.t('settings.tokenRequired') : i18n.t('settings.tokenOptional')}
            {locked.apiToken && <em className="locked"> · {i18n.t('settings.locked')}</em>}
          </span>
          <input
            type="password"
            data-testid="api-token"
            autoComplete="off"
            value={apiToken}
            readOnly={locked.apiToken}
            aria-readonly={locked.apiToken}
            required={__HALO_REQUIRE_TOKEN__}
            aria-invalid={status?.field === 'apiToken' || needsToken}
            onChange={(event) => setApiToken(event.target.value)}
          />
        </label>
        <div className="actions">
          <button
            type="submit"
            className="primary"
            data-testid="save-options"
            disabled={locked.endpoint && locked.apiToken}
          >
            {i18n.t('settings.save')}
          </button>
          <button
            type="button"
            data-testid="test-connection"
            onClick={() => void testConnection(endpoint).then(setStatus)}
          >
            {i18n.t('settings.test')}
          </button>
        </div>
      </form>
      {status && (
        <p id="options-status" role="status" data-testid="options-status" className={status.ok ? 'muted' : 'failed'}>
          {status.message}
        </p>
      )}
    </>
  );
}
