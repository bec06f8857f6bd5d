// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { createRoot } from 'react-dom/client';
import { applyUiLocale } from '@/lib/i18n/ui-locale';
import '@/lib/halo/halo.css';
import '../popup/style.css';
import { preloadEditor } from '@/components/lazy-editor';
import { PanelRoot } from './PanelRoot';

preloadEditor();

// The side panel (issue 12): the popup's editor, beside the page, following the current draft.
applyUiLocale();
document.documentElement.classList.add('in-panel');
createRoot(document.getElementById('root')!).render(<PanelRoot />);
