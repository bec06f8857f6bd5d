import { browser } from '#imports';

/**
 * Opens the side panel (issue 12). Called straight from a user gesture (menu click, shortcut,
 * popup button) with nothing awaited before: both browsers refuse it otherwise.
 */
export function openSidePanel(target: { windowId?: number; tabId?: number }): Promise<void> {
  // Firefox: the sidebar (sidebar_action); Chrome and Edge: chrome.sidePanel.
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidebar) return sidebar.open();
  const panel = (
    browser as unknown as { sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> } }
  ).sidePanel;
  if (!panel) return Promise.reject(new Error('This browser has no side panel.'));
  return panel.open(target.windowId !== undefined ? { windowId: target.windowId } : { tabId: target.tabId });
}
