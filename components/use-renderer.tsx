import { i18n } from '#i18n';
import { useEffect, useSyncExternalStore } from 'react';
import {
  loadRenderer,
  onRendererChange,
  rendererState,
  retryRenderer,
  type RendererState,
} from '@/lib/halo/render-loader';

/** The shared renderer once its chunk has loaded (issue 18, lean bundles); loading starts on first use. */
export function useRenderer(): RendererState {
  useEffect(() => {
    loadRenderer().catch(() => undefined);
  }, []);
  return useSyncExternalStore(onRendererChange, rendererState);
}

/**
 * Said once per page when the renderer's chunk could not load: previews show the Markdown as
 * written meanwhile, and the draft is untouched (everything else works without the renderer).
 */
export function RendererFailure() {
  const { error } = useRenderer();
  if (!error) return null;
  return (
    <div className="render-failure" role="alert" data-testid="renderer-failure">
      <p>
        <strong>{i18n.t('failure.renderer')}</strong> {i18n.t('failure.rendererKept', [error.message || error.name])}{' '}
        <button type="button" data-testid="renderer-retry" onClick={retryRenderer}>
          {i18n.t('failure.retry')}
        </button>
      </p>
    </div>
  );
}
