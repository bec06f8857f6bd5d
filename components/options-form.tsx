import privacyStatement from '@/PRIVACY.md?raw';
import { SafeHtml } from '@/components/safe-html';
import { SettingsForm } from '@/components/settings-form';
import { renderMarkdown } from '@/lib/halo/render';

/** The options page: where Halos are published, the welcome page again, and the privacy statement. */
export function OptionsForm() {
  return (
    <main className="editor options">
      <h1>Halo Lumin options</h1>
      <SettingsForm />
      <p>
        <a href="/welcome.html" data-testid="open-welcome" target="_blank" rel="noopener">
          Getting started with Halo
        </a>
      </p>
      <details className="privacy" data-testid="privacy">
        <summary>Privacy: what Halo captures, sends and stores</summary>
        <SafeHtml className="halo" html={renderMarkdown(privacyStatement)} />
      </details>
    </main>
  );
}
