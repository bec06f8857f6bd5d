// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import '@/lib/halo/halo.css';
import './style.css';
import { applyUiLocale } from '@/lib/i18n/ui-locale';
import { EditorShell, LazyApp, preloadEditor } from '@/components/lazy-editor';

preloadEditor();

// Tests and "Open in a tab" name the target tab; the toolbar popup targets the active tab.
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

applyUiLocale();
void targetTab().then((tabId) => {
  const inTab = new URLSearchParams(location.search).get('view') === 'tab';
  if (inTab) document.documentElement.classList.add('in-tab');
  // The last resort (issue 16): whatever fails, the popup says so and the draft's edits are written.
  createRoot(document.getElementById('root')!).render(
    <EditorShell>
      <LazyApp tabId={tabId} inTab={inTab} />
    </EditorShell>,
  );
});
