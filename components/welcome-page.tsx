import { useEffect, useState } from 'react';
import { SettingsForm } from '@/components/settings-form';
import { readShortcuts, shortcutSettingsHint, type Shortcut } from '@/lib/background/shortcuts';

/**
 * The first-run page (issue 19): what Halo does, its shortcuts, where Halos will be published
 * (tested at once, changeable here), and the privacy summary. Reachable later from the options.
 */
export function WelcomePage() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => void readShortcuts().then(setShortcuts), []);

  return (
    <main className="editor options welcome" data-testid="welcome">
      <h1>Welcome to Halo Lumin</h1>
      <p>Halo turns what is scattered across chat threads, articles and notes into one clean page, a Halo.</p>
      <p>Select text, or open a chat thread or an article, then click the Halo button in the toolbar.</p>
      <p>Edit what you captured, publish it, and the link is on your clipboard: “Here’s the Halo.”</p>

      <h2>Shortcuts</h2>
      <ul data-testid="shortcuts">
        {shortcuts.map((shortcut) => (
          <li key={shortcut.description}>
            {shortcut.keys ? <kbd>{shortcut.keys}</kbd> : <em>no shortcut set</em>} {shortcut.description}
          </li>
        ))}
      </ul>
      <p className="muted">{shortcutSettingsHint()}</p>

      <h2>Where your Halos are published</h2>
      <SettingsForm autoTest />

      <h2>Privacy</h2>
      <ul data-testid="privacy-summary">
        <li>Anyone with a Halo’s link can read it. Share the link only with the people it is for.</li>
        <li>Search engines are asked not to index a Halo unless you choose otherwise.</li>
        <li>Nothing is sent until you publish, and only to the server above. You can unpublish at any time.</li>
      </ul>
    </main>
  );
}
