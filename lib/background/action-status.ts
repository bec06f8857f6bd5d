import { browser } from '#imports';

/**
 * The toolbar button is where the background says how things stand while no extension page is
 * open: a short badge and a title (the tooltip) with the whole sentence. Without a tab id it is
 * the button's default for every tab.
 */
export async function showActionStatus(badge: string, title: string, tabId?: number): Promise<void> {
  const tab = tabId === undefined ? {} : { tabId };
  await Promise.all([
    browser.action.setBadgeText({ text: badge, ...tab }),
    browser.action.setTitle({ title, ...tab }),
  ]).catch((error: unknown) => console.warn('Halo: the toolbar status could not be set', error));
}
