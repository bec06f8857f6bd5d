import { browser } from '#imports';
import { openEditor } from '@/lib/background/open-editor';
import { captureInTab } from '@/lib/capture/run-in-tab';
import type { CaptureMode } from '@/lib/capture/types';
import { adoptCapture } from '@/lib/draft/repository';

export const MENU_SHARE_SELECTION = 'halo-share-selection';
export const MENU_SHARE_PAGE = 'halo-share-page';

/**
 * Right-click "Share as Halo" on a selection or a page. The click grants activeTab like the
 * toolbar button does, so the capture script can be injected.
 */
export async function shareFromMenu(menuItemId: string | number, tabId: number | undefined): Promise<void> {
  const mode: CaptureMode = menuItemId === MENU_SHARE_SELECTION ? 'selection' : 'page';
  if (tabId !== undefined) {
    const result = await captureInTab(tabId, mode);
    if (result.ok) await adoptCapture(result.capture);
  }
  // On failure the popup opens anyway: it captures again and explains what went wrong.
  await openEditor(tabId);
}

export function setupContextMenus(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_SHARE_SELECTION, title: 'Share as Halo', contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_SHARE_PAGE, title: 'Share as Halo', contexts: ['page'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void shareFromMenu(info.menuItemId, tab?.id);
  });
}
