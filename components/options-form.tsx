import { useEffect, useState } from 'react';
import privacyStatement from '@/PRIVACY.md?raw';
import { SafeHtml } from '@/components/safe-html';
import { renderMarkdown } from '@/lib/halo/render';
import { saveSettings, testConnection } from '@/lib/publish/settings';
import { DEFAULT_ENDPOINT, settingsItem } from '@/lib/storage/items';

/** Endpoint and API token; the token stays on this device and is sent only to that endpoint. */
export function OptionsForm() {
  const [endpoint, setEndpoint] = useState(DEFAULT_ENDPOINT);
  const [apiToken, setApiToken] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message: string; field?: string } | null>(null);

  useEffect(() => {
    void settingsItem.getValue().then((s) => {
      setEndpoint(s.endpoint);
      setApiToken(s.apiToken);
    });
  }, []);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await saveSettings({ endpoint, apiToken });
    if (outcome.ok) {
      setEndpoint(outcome.settings.endpoint);
      setStatus({ ok: true, message: outcome.note ?? 'Saved.' });
    } else {
      setStatus({ ok: false, message: outcome.message, field: outcome.field });
    }
  };

  return (
    <main className="editor options">
      <h1>Halo Lumin options</h1>
      <form onSubmit={(event) => void save(event)} aria-describedby="options-status">
        <label className="field">
          <span className="field-label">Halo endpoint</span>
          <input
            type="text"
            inputMode="url"
            data-testid="endpoint"
            value={endpoint}
            aria-invalid={status?.field === 'endpoint'}
            onChange={(event) => setEndpoint(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">API token (optional)</span>
          <input
            type="password"
            data-testid="api-token"
            autoComplete="off"
            value={apiToken}
            aria-invalid={status?.field === 'apiToken'}
            onChange={(event) => setApiToken(event.target.value)}
          />
        </label>
        <div className="actions">
          <button type="submit" className="primary" data-testid="save-options">
            Save
          </button>
          <button
            type="button"
            data-testid="test-connection"
            onClick={() => void testConnection(endpoint).then((result) => setStatus(result))}
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
      <details className="privacy" data-testid="privacy">
        <summary>Privacy: what Halo captures, sends and stores</summary>
        <SafeHtml className="halo" html={renderMarkdown(privacyStatement)} />
      </details>
    </main>
  );
}
