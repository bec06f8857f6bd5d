import { ConfirmButton } from '@/components/confirm-button';
import { OpenOptionsButton } from '@/components/open-options-button';
import { timeAgo } from '@/lib/draft/time-ago';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';
import { i18n } from '#i18n';
import { describePublishError } from '@/lib/i18n/publish-error';

interface Props {
  halos: PublishedHalo[];
  /** Each Halo's newest update or unpublish job, by Halo id. */
  jobs: Record<string, PublishJob>;
  /** Drafts that still exist: only their Halos can be updated. */
  draftIds: Set<string>;
  onUpdate: (haloId: string) => void;
  onUnpublish: (haloId: string) => void;
  onRetry: (jobId: string) => void;
  now?: number;
}

/** Where the Halo's newest update or unpublish stands. */
function jobStatus(job: PublishJob, onRetry: (jobId: string) => void) {
  const unpublish = job.operation === 'delete';
  const { state } = job;
  switch (state.status) {
    case 'queued':
      return (
        <p>
          {i18n.t(unpublish ? 'published.unpublishQueued' : 'published.updateQueued', [
            state.lastError ? describePublishError(state.lastError) : i18n.t('published.waiting'),
          ])}{' '}
          <button type="button" onClick={() => onRetry(job.id)}>
            {i18n.t('publish.retryNow')}
          </button>
        </p>
      );
    case 'publishing':
      return <p>{unpublish ? i18n.t('published.unpublishing') : i18n.t('published.updating')}</p>;
    case 'failed':
      return (
        <p className="failed">
          {i18n.t(unpublish ? 'published.unpublishFailed' : 'published.updateFailed', [
            describePublishError(state.error),
          ])}{' '}
          {state.error.status !== 404 && state.error.status !== 410 && (
            <button type="button" data-testid="published-retry" onClick={() => onRetry(job.id)}>
              {i18n.t('publish.retry')}
            </button>
          )}{' '}
          <OpenOptionsButton status={state.error.status} />
        </p>
      );
    case 'published':
      return <p>{i18n.t('published.updated', [timeAgo(state.publishedAt)])}</p>;
    case 'unpublished':
      return null;
  }
}

/** Every Halo this browser published: its link (copy, open), Update and Unpublish (issue 4). */
export function PublishedList({ halos, jobs, draftIds, onUpdate, onUnpublish, onRetry, now }: Props) {
  if (halos.length === 0) return <p className="muted">{i18n.t('published.none')}</p>;
  return (
    <ul className="published-list" aria-label={i18n.t('published.label')}>
      {halos.map((h) => {
        const job = jobs[h.haloId];
        const busy = job?.state.status === 'queued' || job?.state.status === 'publishing';
        const live = h.status === 'live';
        return (
          <li key={h.haloId} data-testid="published-item" data-halo-id={h.haloId} data-status={h.status}>
            <strong dir="auto">{h.title}</strong>
            <span className="muted">
              {h.status !== 'live' &&
                `${i18n.t(h.status === 'missing' ? 'published.missing' : 'published.unpublished', [timeAgo(h.endedAt ?? h.updatedAt, now)])} `}
              {h.updatedAt !== h.publishedAt && live
                ? i18n.t('published.publishedUpdated', [timeAgo(h.publishedAt, now), timeAgo(h.updatedAt, now)])
                : i18n.t('published.publishedAt', [timeAgo(h.publishedAt, now)])}
            </span>
            <a data-testid="published-item-link" href={h.url} target="_blank" rel="noopener noreferrer">
              {h.url}
            </a>
            <div className="actions">
              <button type="button" onClick={() => void navigator.clipboard.writeText(h.url)}>
                {i18n.t('publish.copy')}
              </button>
              <a className="button" href={h.url} target="_blank" rel="noopener noreferrer">
                {i18n.t('publish.open')}
              </a>
              {live && (
                <button
                  type="button"
                  data-testid="published-update"
                  disabled={busy || !draftIds.has(h.draftId)}
                  title={draftIds.has(h.draftId) ? i18n.t('published.updateTitle') : i18n.t('published.draftDeleted')}
                  onClick={() => onUpdate(h.haloId)}
                >
                  {i18n.t('published.update')}
                </button>
              )}
              {live && (
                <ConfirmButton
                  label={i18n.t('published.unpublish')}
                  question={i18n.t('published.unpublishQuestion')}
                  testId="published-unpublish"
                  disabled={busy}
                  onConfirm={() => onUnpublish(h.haloId)}
                />
              )}
            </div>
            {job && (
              <div className="publish-status" data-testid="published-job" data-status={job.state.status} role="status">
                {jobStatus(job, onRetry)}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
