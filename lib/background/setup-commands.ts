import { browser } from '#imports';
import { addTabToDraft } from '@/lib/background/add-to-draft';
import { openSidePanel } from '@/lib/background/open-side-panel';
import { quickShare } from '@/lib/background/quick-share';

/** The manifest's command names (wxt.config.ts `commands`). */
export const QUICK_SHARE_COMMAND = 'quick-share';
export const ADD_TO_DRAFT_COMMAND = 'add-to-draft';
export const OPEN_PANEL_COMMAND = 'open-side-panel';

/** A command grants activeTab on the tab it was pressed in, like a toolbar click. */
export async function onCommand(command: string, tabId: number | undefined): Promise<void> {
  if (command !== QUICK_SHARE_COMMAND && command !== ADD_TO_DRAFT_COMMAND) return;
  // Browsers that do not pass the tab: the one the shortcut was pressed in is the active one.
  const target = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (target === undefined) return;
  // "Add to Halo draft": the selection if there is one, else the page (a chat site's thread).
  if (command === ADD_TO_DRAFT_COMMAND) await addTabToDraft(target, 'any');
  else await quickShare(target);
}

export function setupCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    // Within the shortcut's gesture: nothing may be awaited before the panel opens.
    if (command === OPEN_PANEL_COMMAND) {
      void openSidePanel({ windowId: tab?.windowId, tabId: tab?.id }).catch((error: unknown) =>
        console.warn('Halo: the side panel could not open', error),
      );
      return;
    }
    void onCommand(command, tab?.id);
  });
}
