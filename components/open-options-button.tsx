import { browser } from '#imports';
import { WELCOME_PATH } from '@/lib/background/setup-first-run';
import { i18n } from '#i18n';

/**
 * The way to the settings that fix a publish: the token field after a refused API token (HTTP 401
 * or 403), or where Halos are published when the endpoint could not be reached (issue 19).
 */
export function OpenOptionsButton({ status, unreachable = false }: { status?: number; unreachable?: boolean }) {
  if (unreachable) {
    return (
      <button
        type="button"
        data-testid="open-endpoint-settings"
        onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) })}
      >
        {i18n.t('options.checkEndpoint')}
      </button>
    );
  }
  if (status !== 401 && status !== 403) return null;
  return (
    <button type="button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
      {i18n.t('options.open')}
    </button>
  );
}
