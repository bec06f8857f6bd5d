import { i18n } from '#i18n';
import { showActionStatus } from '@/lib/background/action-status';
import { captureInTab } from '@/lib/capture/run-in-tab';
import type { CaptureMode } from '@/lib/capture/types';
import { addToDraft } from '@/lib/draft/repository';
import { sectionSpans } from '@/lib/draft/sections';
import { pendingAddItem } from '@/lib/storage/items';
import { describeNotice } from '@/lib/i18n/notice';
import { formatCount } from '@/lib/i18n/ui-locale';

/**
 * "Add … to Halo draft" from a menu or the shortcut (issue 12): both grant activeTab, so the tab is
 * read without any host permission. The page stays in front; the toolbar button says what
 * happened, and the side panel, if open, shows the new section at once (it follows the draft).
 */
export async function addTabToDraft(tabId: number, mode: CaptureMode): Promise<void> {
  const result = await captureInTab(tabId, mode);
  if (!result.ok) {
    // The draft is unchanged: a closed tab, a browser page or an empty selection adds nothing.
    await showActionStatus('!', i18n.t('status.nothingAdded', [describeNotice(result)]));
    return;
  }
  const addition = await addToDraft(result.capture);
  switch (addition.status) {
    case 'same_thread':
      await pendingAddItem.setValue({
        draftId: addition.draft.id,
        sectionId: addition.sectionId,
        capture: result.capture,
      });
      await showActionStatus('?', i18n.t('status.threadInDraft'));
      return;
    case 'already_there':
      await showActionStatus('', i18n.t('status.alreadyThere'));
      return;
    default: {
      const sections = sectionSpans(addition.draft.blocks).length || 1;
      await showActionStatus(
        formatCount(sections),
        i18n.t('status.added', sections, [
          formatCount(sections),
          formatCount(addition.draft.blocks.length),
          result.capture.title,
        ]),
      );
    }
  }
}
