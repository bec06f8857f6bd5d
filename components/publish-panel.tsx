import { OpenOptionsButton } from '@/components/open-options-button';
import type { PublishJob } from '@/lib/publish/job';

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
    <section className="publish" aria-label="Publish">
      {liveUrl && (
        <>
          <button
            type="button"
            className="primary"
            data-testid="update-button"
            disabled={busy}
            onClick={() => onPublish('update')}
          >
            Update the published Halo
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
        {liveUrl ? 'Publish as a new link' : 'Publish'}
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
              Queued: {state.lastError ? state.lastError.message : 'waiting to publish.'} The next attempt is at{' '}
              {new Date(state.nextAttemptAt).toLocaleTimeString()}.{' '}
              <button type="button" onClick={onRetry}>
                Retry now
              </button>{' '}
              <OpenOptionsButton unreachable={state.lastError !== undefined && state.lastError.status === undefined} />
            </p>
          )}
          {state.status === 'publishing' && <p>Publishing…</p>}
          {state.status === 'published' && (
            <p className="published">
              {state.copied ? 'Published. The link is on your clipboard: ' : 'Published. Copy the link: '}
              <a data-testid="published-link" href={state.url} target="_blank" rel="noopener noreferrer">
                {state.url}
              </a>{' '}
              <button
                type="button"
                data-testid="copy-link"
                onClick={() => void navigator.clipboard.writeText(state.url)}
              >
                Copy
              </button>{' '}
              <a className="button" href={state.url} target="_blank" rel="noopener noreferrer">
                Open
              </a>
            </p>
          )}
          {state.status === 'failed' && (
            <p className="failed">
              {state.error.message}{' '}
              <button type="button" data-testid="retry-publish" onClick={onRetry}>
                Retry
              </button>{' '}
              <OpenOptionsButton status={state.error.status} />
            </p>
          )}
        </div>
      )}
    </section>
  );
}
