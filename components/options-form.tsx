import privacyStatement from '@/PRIVACY.md?raw';
import { SafeHtml } from '@/components/safe-html';
import { SettingsForm } from '@/components/settings-form';
import { useRenderer } from '@/components/use-renderer';
import { i18n } from '#i18n';

/** The options page: where Halos are published, the welcome page again, and the privacy statement. */
export function OptionsForm() {
  const { renderer } = useRenderer();
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
        {renderer ? (
          <SafeHtml className="halo" html={renderer.renderMarkdown(privacyStatement)} />
        ) : (
          // While the renderer's chunk loads, or if it failed (issue 18): the statement as written.
          <pre className="halo-plain" aria-busy="true">
            {privacyStatement}
          </pre>
        )}
      </details>
    </main>
  );
}
