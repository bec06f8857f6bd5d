import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '@/components/error-boundary';
import { loadRenderer } from '@/lib/halo/render-loader';
import { i18n } from '#i18n';

/**
 * The popup's and side panel's first paint holds React and this shell only (issue 18, lean
 * bundles): the editor's code (store, schema, components) and the renderer load as chunks right
 * after, in parallel, and a small placeholder stands in meanwhile. A chunk that fails to load is
 * said by the error boundary; the draft in storage is untouched (nothing was loaded to change it).
 */
export const loadEditor = () => import('@/entrypoints/popup/App');

/** Called as the page's script starts, so the chunks load while the page asks for its tab. */
export function preloadEditor(): void {
  // The renderer loads beside the editor, not after it: the first blocks need both.
  loadRenderer().catch(() => undefined);
  loadEditor().catch(() => undefined);
}

export const LazyApp = lazy(() => {
  preloadEditor();
  return loadEditor().then((module) => ({ default: module.App }));
});

/** Writes the draft's pending edits on a failure, without loading the editor's code to do it. */
function flushDraft(): void {
  import('@/lib/draft/store').then(({ useEditor }) => useEditor.getState().flush()).catch(() => undefined);
}

export function EditorShell({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary what={i18n.t('what.editor')} testId="editor-failure" onError={flushDraft}>
      <Suspense
        fallback={
          <main className="editor" aria-busy="true" data-testid="editor-loading">
            <p className="muted">{i18n.t('preview.opening')}</p>
          </main>
        }
      >
        {children}
      </Suspense>
    </ErrorBoundary>
  );
}
