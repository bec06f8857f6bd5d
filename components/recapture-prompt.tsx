import type { DraftSummary } from '@/lib/draft/summary';
import { timeAgo } from '@/lib/draft/time-ago';
import { i18n } from '#i18n';

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
      <p id="recapture-text">{i18n.t('recapture.text', [existing.title, timeAgo(existing.updatedAt)])}</p>
      <button type="button" className="primary" data-testid="recapture-update" onClick={() => onChoose('update')}>
        {i18n.t('recapture.update')}
      </button>{' '}
      <button type="button" data-testid="recapture-keep-both" onClick={() => onChoose('keep-both')}>
        {i18n.t('recapture.keepBoth')}
      </button>{' '}
      <button type="button" data-testid="recapture-cancel" onClick={() => onChoose('cancel')}>
        {i18n.t('common.cancel')}
      </button>
    </div>
  );
}
