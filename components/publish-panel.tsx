import { OpenOptionsButton } from '@/components/open-options-button';
import type { PublishJob } from '@/lib/publish/job';
import { i18n } from '#i18n';
import { describePublishError } from '@/lib/i18n/publish-error';
import { formatTime } from '@/lib/i18n/ui-locale';

interface Props {
  job: PublishJob | null;
  /** The link this draft is already published at, if it still is. */
  liveUrl: string | null;
  disabled: boolean;
  onPublish: (target: 'new' | 'update') => void;
  onRetry: () => void;
}

const BUSY = new Set(['queued', 'publishing']);

/**
 * Publish, then where it stands: queued, publishing, published (the link), or failed (why, and
 * Retry). Once the draft is published, the edited draft updates that link; a new link is the
 * second choice.
 */
export function PublishPanel({ job, liveUrl, disabled, onPublish, onRetry }: Props) {
  const state = job?.state;
  const busy = disabled || (state !== undefined && BUSY.has(state.status));
  return (
    <section className="publish" aria-label={i18n.t('publish.label')}>
      {liveUrl && (
        <>
          <button
            type="button"
            className="primary"
            data-testid="update-button"
            disabled={busy}
            onClick={() => onPublish('update')}
          >
            {i18n.t('publish.update')}
          </button>{' '}
        </>
      )}
      <button
        type="button"
        className={liveUrl ? undefined : 'primary'}
        data-testid="publish-button"
        disabled={busy}
        onClick={() => onPublish('new')}
      >
        {liveUrl ? i18n.t('publish.asNewLink') : i18n.t('publish.publish')}
      </button>
      {state && (
        <div
          className="publish-status"
          data-testid="publish-status"
          data-status={state.status}
          role="status"
          aria-live="polite"
        >
          {state.status === 'queued' && (
            <p>
              {i18n.t('publish.queued', [
                state.lastError ? describePublishError(state.lastError) : i18n.t('publish.waiting'),
                formatTime(new Date(state.nextAttemptAt)),
              ])}{' '}
              <button type="button" onClick={onRetry}>
                {i18n.t('publish.retryNow')}
              </button>{' '}
              <OpenOptionsButton unreachable={state.lastError !== undefined && state.lastError.status === undefined} />
            </p>
          )}
          {state.status === 'publishing' && <p>{i18n.t('publish.publishing')}</p>}
          {state.status === 'published' && (
            <p className="published">
              {state.copied ? i18n.t('publish.publishedCopied') : i18n.t('publish.publishedCopy')}{' '}
              <a data-testid="published-link" href={state.url} target="_blank" rel="noopener noreferrer">
                {state.url}
              </a>{' '}
              <button
                type="button"
                data-testid="copy-link"
                onClick={() => void navigator.clipboard.writeText(state.url)}
              >
                {i18n.t('publish.copy')}
              </button>{' '}
              <a className="button" href={state.url} target="_blank" rel="noopener noreferrer">
                {i18n.t('publish.open')}
              </a>
            </p>
          )}
          {state.status === 'failed' && (
            <p className="failed">
              {describePublishError(state.error)}{' '}
              <button type="button" data-testid="retry-publish" onClick={onRetry}>
                {i18n.t('publish.retry')}
              </button>{' '}
              <OpenOptionsButton status={state.error.status} />
            </p>
          )}
        </div>
      )}
    </section>
  );
}
