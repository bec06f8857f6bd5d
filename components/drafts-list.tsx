import { useState } from 'react';
import type { DraftSummary } from '@/lib/draft/summary';
import { timeAgo } from '@/lib/draft/time-ago';

interface Props {
  drafts: DraftSummary[];
  currentId: string | null;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  now?: number;
}

/** The kept drafts, most recently edited first: open one, or delete it after a confirmation (issue 4). */
export function DraftsList({ drafts, currentId, onOpen, onDelete, now }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (drafts.length === 0) return <p className="muted">No drafts yet.</p>;
  return (
    <ul className="drafts-list" aria-label="Drafts">
      {drafts.map((d) => (
        <li key={d.id} data-testid="draft-item" data-draft-id={d.id} data-current={d.id === currentId}>
          <button
            type="button"
            className="draft-open"
            data-testid="draft-open"
            aria-current={d.id === currentId ? 'true' : undefined}
            onClick={() => onOpen(d.id)}
          >
            <strong>{d.title || 'Untitled'}</strong>
            <span className="muted">
              {d.site} · edited {timeAgo(d.updatedAt, now)} · {d.blocks} block{d.blocks === 1 ? '' : 's'}
            </span>
          </button>
          {confirming === d.id ? (
            <span className="confirm" role="group" aria-label={`Delete “${d.title}”?`}>
              Delete it?{' '}
              <button
                type="button"
                className="danger"
                data-testid="draft-delete-confirm"
                onClick={() => onDelete(d.id)}
              >
                Delete
              </button>{' '}
              <button type="button" onClick={() => setConfirming(null)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              data-testid="draft-delete"
              aria-label={`Delete draft “${d.title}”`}
              onClick={() => setConfirming(d.id)}
            >
              Delete
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
