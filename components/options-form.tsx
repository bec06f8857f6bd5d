import privacyStatement from '@/PRIVACY.md?raw';
import { SafeHtml } from '@/components/safe-html';
import { SettingsForm } from '@/components/settings-form';
import { renderMarkdown } from '@/lib/halo/render';
import { i18n } from '#i18n';

/** The options page: where Halos are published, the welcome page again, and the privacy statement. */
export function OptionsForm() {
  return (
    <main className="editor options">
      <h1>{i18n.t('options.title')}</h1>
      <SettingsForm />
      <p>
        <a href="/welcome.html" data-testid="open-welcome" target="_blank" rel="noopener">
          {i18n.t('options.gettingStarted')}
        </a>
      </p>
      <details className="privacy" data-testid="privacy">
        <summary>{i18n.t('options.privacy')}</summary>
        <SafeHtml className="halo" html={renderMarkdown(privacyStatement)} />
      </details>
    </main>
  );
}
