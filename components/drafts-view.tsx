import { DraftsList } from '@/components/drafts-list';
import { useEditor } from '@/lib/draft/store';
import { draftIndexItem } from '@/lib/storage/items';
import { useStoredValue } from '@/lib/storage/use-stored-value';

interface Props {
  /** Called once a draft was opened (the popup goes back to the editor). */
  onOpened?: () => void;
  /** Lists only the drafts other than the one being edited (to free space when storage is full). */
  othersOnly?: boolean;
}

/** The drafts list wired to storage and the editor: switching makes a draft current. */
export function DraftsView({ onOpened, othersOnly = false }: Props) {
  const index = useStoredValue(draftIndexItem);
  const currentId = useEditor((s) => s.draft?.id ?? null);
  const openDraft = useEditor((s) => s.openDraft);
  const deleteDraft = useEditor((s) => s.deleteDraft);
  if (!index) return null;
  const drafts = othersOnly ? index.drafts.filter((d) => d.id !== currentId) : index.drafts;
  return (
    <section className="popup-view" aria-label={othersOnly ? 'Older drafts' : 'Drafts'} data-testid="drafts-view">
      <DraftsList
        drafts={drafts}
        currentId={currentId}
        onOpen={(id) => void openDraft(id).then(() => onOpened?.())}
        onDelete={(id) => void deleteDraft(id)}
      />
    </section>
  );
}
