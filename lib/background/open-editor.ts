import { browser } from '#imports';

/** Opens the popup; where that is impossible (no focused window, Firefox without a gesture), the editor in a tab. */
export async function openEditor(tabId: number | undefined): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    const query = tabId === undefined ? '?view=tab' : `?tabId=${tabId}&view=tab`;
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html${query}`) });
  }
}
