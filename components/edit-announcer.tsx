import type { Announcement } from '@/lib/draft/store';
import { i18n } from '#i18n';

/**
 * What the last edit did ("Block 3 deleted."), for everyone and for screen readers (aria-live),
 * with Undo as the safety net. The region is always rendered: live regions must exist before they change.
 */
export function EditAnnouncer({ announcement, onUndo }: { announcement: Announcement | null; onUndo: () => void }) {
  return (
    <div className="edit-status" role="status" aria-live="polite" data-testid="edit-status">
      {announcement && (
        <>
          <span>{announcement.text}</span>
          {announcement.undoable && (
            <button type="button" data-testid="announcement-undo" onClick={onUndo}>
              {i18n.t('toolbar.undo')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
