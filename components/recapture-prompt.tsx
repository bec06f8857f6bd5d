import type { DraftSummary } from '@/lib/draft/summary';
import { timeAgo } from '@/lib/draft/time-ago';

interface Props {
  existing: DraftSummary;
  onChoose: (choice: 'update' | 'keep-both' | 'cancel') => void;
}

/** Capturing a thread that already has a draft: update that draft, keep both, or leave things as they are. */
export function RecapturePrompt({ existing, onChoose }: Props) {
  return (
    <div
      className="notice recapture"
      role="alertdialog"
      aria-labelledby="recapture-text"
      data-testid="recapture-prompt"
    >
      <p id="recapture-text">
        You already have a draft of this thread, “{existing.title}” (edited {timeAgo(existing.updatedAt)}).
      </p>
      <button type="button" className="primary" data-testid="recapture-update" onClick={() => onChoose('update')}>
        Update it with the new messages
      </button>{' '}
      <button type="button" data-testid="recapture-keep-both" onClick={() => onChoose('keep-both')}>
        Keep both
      </button>{' '}
      <button type="button" data-testid="recapture-cancel" onClick={() => onChoose('cancel')}>
        Cancel
      </button>
    </div>
  );
}
