import { ConfirmButton } from '@/components/confirm-button';
import type { DraftSummary } from '@/lib/draft/summary';
import { timeAgo } from '@/lib/draft/time-ago';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';

interface Props {
  drafts: DraftSummary[];
  currentId: string | null;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  now?: number;
}

/** The kept drafts, most recently edited first: open one, or delete it after a confirmation (issue 4). */
export function DraftsList({ drafts, currentId, onOpen, onDelete, now }: Props) {
  if (drafts.length === 0) return <p className="muted">{i18n.t('drafts.none')}</p>;
  return (
    <ul className="drafts-list" aria-label={i18n.t('nav.drafts')}>
      {drafts.map((d) => (
        <li key={d.id} data-testid="draft-item" data-draft-id={d.id} data-current={d.id === currentId}>
          <button
            type="button"
            className="draft-open"
            data-testid="draft-open"
            aria-current={d.id === currentId ? 'true' : undefined}
            onClick={() => onOpen(d.id)}
          >
            <strong dir="auto">{d.title || i18n.t('drafts.untitled')}</strong>
            <span className="muted">
              {d.site} · {i18n.t('drafts.edited', [timeAgo(d.updatedAt, now)])} ·{' '}
              {i18n.t('drafts.blocks', d.blocks, [formatCount(d.blocks)])}
            </span>
          </button>
          <ConfirmButton
            label={i18n.t('common.delete')}
            question={i18n.t('drafts.deleteQuestion')}
            testId="draft-delete"
            ariaLabel={i18n.t('drafts.deleteDraft', [d.title])}
            onConfirm={() => onDelete(d.id)}
          />
        </li>
      ))}
    </ul>
  );
}
