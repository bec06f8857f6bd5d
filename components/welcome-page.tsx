import { useEffect, useState } from 'react';
import { SettingsForm } from '@/components/settings-form';
import { readShortcuts, shortcutSettingsHint, type Shortcut } from '@/lib/background/shortcuts';
import { i18n } from '#i18n';

/**
 * The first-run page (issue 19): what Halo does, its shortcuts, where Halos will be published
 * (tested at once, changeable here), and the privacy summary. Reachable later from the options.
 */
export function WelcomePage() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => void readShortcuts().then(setShortcuts), []);

  return (
    <main className="editor options welcome" data-testid="welcome">
      <h1>{i18n.t('welcome.title')}</h1>
      <p>{i18n.t('welcome.what')}</p>
      <p>{i18n.t('welcome.how')}</p>
      <p>{i18n.t('welcome.then')}</p>

      <h2>{i18n.t('welcome.shortcuts')}</h2>
      <ul data-testid="shortcuts">
        {shortcuts.map((shortcut) => (
          <li key={shortcut.description}>
            {shortcut.keys ? <kbd>{shortcut.keys}</kbd> : <em>{i18n.t('welcome.noShortcut')}</em>}{' '}
            {shortcut.description}
          </li>
        ))}
      </ul>
      <p className="muted">{shortcutSettingsHint()}</p>

      <h2>{i18n.t('welcome.where')}</h2>
      <SettingsForm autoTest />

      <h2>{i18n.t('welcome.privacy')}</h2>
      <ul data-testid="privacy-summary">
        <li>{i18n.t('welcome.privacyLink')}</li>
        <li>{i18n.t('welcome.privacyIndex')}</li>
        <li>{i18n.t('welcome.privacySend')}</li>
      </ul>
    </main>
  );
}
