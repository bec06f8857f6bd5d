import { ConfirmButton } from '@/components/confirm-button';
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
          <ConfirmButton
            label="Delete"
            question="Delete it?"
            testId="draft-delete"
            ariaLabel={`Delete draft “${d.title}”`}
            onConfirm={() => onDelete(d.id)}
          />
        </li>
      ))}
    </ul>
  );
}
