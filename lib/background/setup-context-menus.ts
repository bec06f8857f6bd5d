import { browser } from '#imports';
import { showActionStatus } from '@/lib/background/action-status';
import { openEditor } from '@/lib/background/open-editor';
import { captureInTab } from '@/lib/capture/run-in-tab';
import type { CaptureMode } from '@/lib/capture/types';
import { adoptCapture, appendCapture } from '@/lib/draft/repository';

export const MENU_SHARE_SELECTION = 'halo-share-selection';
export const MENU_SHARE_PAGE = 'halo-share-page';
export const MENU_ADD_SELECTION = 'halo-add-selection';
export const MENU_SHARE_CHAT = 'halo-share-chat';

/** Where "Share this chat as Halo" appears: the chat sites Halo reads whole threads from. */
export const CHAT_PAGES = [
  'https://chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://gemini.google.com/*',
];

/**
 * A menu click grants activeTab like the toolbar button does, so the capture script can be
 * injected. Sharing opens the editor; adding to the draft stays on the page and counts on the badge.
 */
export async function onMenuClick(menuItemId: string | number, tabId: number | undefined): Promise<void> {
  if (menuItemId === MENU_ADD_SELECTION) {
    if (tabId === undefined) return;
    const result = await captureInTab(tabId, 'selection');
    if (!result.ok) {
      await showActionStatus('!', `Halo: ${result.message}`);
      return;
    }
    const { draft } = await appendCapture(result.capture);
    await showActionStatus(
      String(draft.blocks.length),
      `Halo draft: ${draft.blocks.length} snippets. Click to edit and publish.`,
    );
    return;
  }
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
    browser.contextMenus.create({
      id: MENU_ADD_SELECTION,
      title: 'Add selection to Halo draft',
      contexts: ['selection'],
    });
    browser.contextMenus.create({ id: MENU_SHARE_PAGE, title: 'Share as Halo', contexts: ['page'] });
    browser.contextMenus.create({
      id: MENU_SHARE_CHAT,
      title: 'Share this chat as Halo',
      contexts: ['page'],
      documentUrlPatterns: CHAT_PAGES,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClick(info.menuItemId, tab?.id);
  });
}
