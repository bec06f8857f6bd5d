import { DraftsList } from '@/components/drafts-list';
import { useEditor } from '@/lib/draft/store';
import { summarize } from '@/lib/draft/summary';
import { draftIndexItem } from '@/lib/storage/items';
import { useStoredValue } from '@/lib/storage/use-stored-value';
import { i18n } from '#i18n';

interface Props {
  /** Called once a draft was opened (the popup goes back to the editor). */
  onOpened?: () => void;
  /** Lists only the drafts other than the one being edited (to free space when storage is full). */
  othersOnly?: boolean;
}

/** The drafts list wired to storage and the editor: switching makes a draft current. */
export function DraftsView({ onOpened, othersOnly = false }: Props) {
  const index = useStoredValue(draftIndexItem);
  const current = useEditor((s) => s.draft);
  const currentId = current?.id ?? null;
  const openDraft = useEditor((s) => s.openDraft);
  const deleteDraft = useEditor((s) => s.deleteDraft);
  const capture = useEditor((s) => s.capture);
  const hasTab = useEditor((s) => s.tabId !== null);
  if (!index) return null;
  // The draft in the editor as it is now: its last edit may not be stored yet (or cannot be, when full).
  const drafts = othersOnly
    ? index.drafts.filter((d) => d.id !== currentId)
    : index.drafts.map((d) => (current && d.id === current.id ? summarize(current) : d));
  return (
    <section
      className="popup-view"
      aria-label={othersOnly ? i18n.t('drafts.older') : i18n.t('nav.drafts')}
      data-testid="drafts-view"
    >
      {hasTab && !othersOnly && (
        <button
          type="button"
          data-testid="drafts-capture"
          onClick={() => void capture('page').then(() => onOpened?.())}
        >
          {i18n.t('drafts.captureWholePage')}
        </button>
      )}
      <DraftsList
        drafts={drafts}
        currentId={currentId}
        onOpen={(id) => void openDraft(id).then(() => onOpened?.())}
        onDelete={(id) => void deleteDraft(id)}
      />
    </section>
  );
}
