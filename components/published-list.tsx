import { ConfirmButton } from '@/components/confirm-button';
import { OpenOptionsButton } from '@/components/open-options-button';
import { timeAgo } from '@/lib/draft/time-ago';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';

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

const ENDED = { unpublished: 'Unpublished', missing: 'Gone from the server, noticed' } as const;

/** Where the Halo's newest update or unpublish stands. */
function jobStatus(job: PublishJob, onRetry: (jobId: string) => void) {
  const verb = job.operation === 'delete' ? 'Unpublish' : 'Update';
  const { state } = job;
  switch (state.status) {
    case 'queued':
      return (
        <p>
          {verb} queued: {state.lastError ? state.lastError.message : 'waiting to send.'}{' '}
          <button type="button" onClick={() => onRetry(job.id)}>
            Retry now
          </button>
        </p>
      );
    case 'publishing':
      return <p>{job.operation === 'delete' ? 'Unpublishing…' : 'Updating…'}</p>;
    case 'failed':
      return (
        <p className="failed">
          {verb} failed: {state.error.message}{' '}
          {state.error.status !== 404 && state.error.status !== 410 && (
            <button type="button" data-testid="published-retry" onClick={() => onRetry(job.id)}>
              Retry
            </button>
          )}{' '}
          <OpenOptionsButton status={state.error.status} />
        </p>
      );
    case 'published':
      return <p>Updated {timeAgo(state.publishedAt)}: the link shows the new content.</p>;
    case 'unpublished':
      return null;
  }
}

/** Every Halo this browser published: its link (copy, open), Update and Unpublish (issue 4). */
export function PublishedList({ halos, jobs, draftIds, onUpdate, onUnpublish, onRetry, now }: Props) {
  if (halos.length === 0) return <p className="muted">Nothing published from this browser yet.</p>;
  return (
    <ul className="published-list" aria-label="Published Halos">
      {halos.map((h) => {
        const job = jobs[h.haloId];
        const busy = job?.state.status === 'queued' || job?.state.status === 'publishing';
        const live = h.status === 'live';
        return (
          <li key={h.haloId} data-testid="published-item" data-halo-id={h.haloId} data-status={h.status}>
            <strong>{h.title}</strong>
            <span className="muted">
              {h.status !== 'live' &&
                `${ENDED[h.status]} ${timeAgo(h.endedAt ?? h.updatedAt, now)}${h.status === 'missing' ? ')' : ''}. `}
              Published {timeAgo(h.publishedAt, now)}
              {h.updatedAt !== h.publishedAt && live ? `, updated ${timeAgo(h.updatedAt, now)}` : ''}
            </span>
            <a data-testid="published-item-link" href={h.url} target="_blank" rel="noopener noreferrer">
              {h.url}
            </a>
            <div className="actions">
              <button type="button" onClick={() => void navigator.clipboard.writeText(h.url)}>
                Copy
              </button>
              <a className="button" href={h.url} target="_blank" rel="noopener noreferrer">
                Open
              </a>
              {live && (
                <button
                  type="button"
                  data-testid="published-update"
                  disabled={busy || !draftIds.has(h.draftId)}
                  title={
                    draftIds.has(h.draftId)
                      ? 'Publish the draft as it is now, at the same link'
                      : 'Its draft was deleted'
                  }
                  onClick={() => onUpdate(h.haloId)}
                >
                  Update
                </button>
              )}
              {live && (
                <ConfirmButton
                  label="Unpublish"
                  question="Unpublish? The link will say it is gone."
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
