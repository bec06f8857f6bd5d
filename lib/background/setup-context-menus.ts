import { browser } from '#imports';
import { i18n } from '#i18n';
import { addTabToDraft } from '@/lib/background/add-to-draft';
import { openEditor } from '@/lib/background/open-editor';
import { openSidePanel } from '@/lib/background/open-side-panel';
import { CHAT_ADAPTERS } from '@/lib/capture/chat/registry';
import { captureInTab } from '@/lib/capture/run-in-tab';
import type { CaptureMode } from '@/lib/capture/types';
import { adoptCapture } from '@/lib/draft/repository';

export const MENU_SHARE_SELECTION = 'halo-share-selection';
export const MENU_SHARE_PAGE = 'halo-share-page';
export const MENU_ADD_SELECTION = 'halo-add-selection';
export const MENU_SHARE_CHAT = 'halo-share-chat';
export const MENU_ADD_CHAT = 'halo-add-chat';
export const MENU_ADD_PAGE = 'halo-add-page';
/** On the toolbar button's own context menu. */
export const MENU_OPEN_PANEL = 'halo-open-panel';

/** Where "Share this chat as Halo" appears: every chat site Halo reads whole threads from. */
export const CHAT_PAGES = CHAT_ADAPTERS.flatMap((adapter) => adapter.menuPatterns);

/**
 * A menu click grants activeTab like the toolbar button does, so the capture script can be
 * injected. Sharing opens the editor; adding to the draft stays on the page and counts on the badge.
 */
export async function onMenuClick(
  menuItemId: string | number,
  tabId: number | undefined,
  windowId?: number,
): Promise<void> {
  if (menuItemId === MENU_OPEN_PANEL) {
    await openSidePanel({ windowId, tabId });
    return;
  }
  if (menuItemId === MENU_ADD_SELECTION || menuItemId === MENU_ADD_CHAT || menuItemId === MENU_ADD_PAGE) {
    // A chat page's "page" is its thread; any other page is read as an article.
    if (tabId !== undefined) await addTabToDraft(tabId, menuItemId === MENU_ADD_SELECTION ? 'selection' : 'page');
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
    browser.contextMenus.create({ id: MENU_SHARE_SELECTION, title: i18n.t('menus.share'), contexts: ['selection'] });
    browser.contextMenus.create({
      id: MENU_ADD_SELECTION,
      title: i18n.t('menus.addSelection'),
      contexts: ['selection'],
    });
    browser.contextMenus.create({ id: MENU_SHARE_PAGE, title: i18n.t('menus.share'), contexts: ['page'] });
    browser.contextMenus.create({
      id: MENU_SHARE_CHAT,
      title: i18n.t('menus.shareChat'),
      contexts: ['page'],
      documentUrlPatterns: CHAT_PAGES,
    });
    browser.contextMenus.create({
      id: MENU_ADD_CHAT,
      title: i18n.t('menus.addChat'),
      contexts: ['page'],
      documentUrlPatterns: CHAT_PAGES,
    });
    browser.contextMenus.create({ id: MENU_ADD_PAGE, title: i18n.t('menus.addPage'), contexts: ['page'] });
    browser.contextMenus.create({
      id: MENU_OPEN_PANEL,
      title: i18n.t('menus.openPanel'),
      contexts: ['action'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    // The side panel opens only within the click's gesture: nothing may be awaited before it.
    if (info.menuItemId === MENU_OPEN_PANEL) {
      void openSidePanel({ windowId: tab?.windowId, tabId: tab?.id }).catch((error: unknown) =>
        console.warn('Halo: the side panel could not open', error),
      );
      return;
    }
    void onMenuClick(info.menuItemId, tab?.id, tab?.windowId);
  });
}
