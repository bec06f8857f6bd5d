import { useEffect, useState } from 'react';
import { readSettings, watchSettings } from '@/lib/publish/effective-settings';
import type { EffectiveSettings } from '@/lib/publish/policy';
import { saveSettings, testConnection } from '@/lib/publish/settings';
import { DEFAULT_ENDPOINT, settingsItem } from '@/lib/storage/items';

interface Props {
  /** Test the connection as soon as the settings are known (the welcome page; a policy's endpoint). */
  autoTest?: boolean;
}

type Status = { ok: boolean; message: string; field?: string };

const LOCKED_NOTE = 'Set by your organisation';

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
    const show = (next: EffectiveSettings) => {
      setSettings(next);
      setEndpoint(next.endpoint);
      setApiToken(next.apiToken);
    };
    void readSettings().then((first) => {
      show(first);
      if (autoTest || first.locked.endpoint) void testConnection(first.endpoint).then(setStatus);
    });
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
        message: 'This Halo package publishes only with an API token: enter it.',
      });
      return;
    }
    // What a policy sets is not the user's to save: their own values stay as they were.
    const own = await settingsItem.getValue();
    const outcome = await saveSettings({
      endpoint: locked.endpoint ? own.endpoint : endpoint,
      apiToken: locked.apiToken ? own.apiToken : apiToken,
    });
    if (outcome.ok) setStatus({ ok: true, message: outcome.note ?? 'Saved.' });
    else setStatus({ ok: false, message: outcome.message, field: outcome.field });
  };

  return (
    <>
      <form onSubmit={(event) => void save(event)} aria-describedby="options-status">
        <label className="field">
          <span className="field-label">
            Halo endpoint{locked.endpoint && <em className="locked"> · {LOCKED_NOTE}</em>}
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
            API token {__HALO_REQUIRE_TOKEN__ ? '(required)' : '(optional)'}
            {locked.apiToken && <em className="locked"> · {LOCKED_NOTE}</em>}
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
            Save
          </button>
          <button
            type="button"
            data-testid="test-connection"
            onClick={() => void testConnection(endpoint).then(setStatus)}
          >
            Test connection
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
