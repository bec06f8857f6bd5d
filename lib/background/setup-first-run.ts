import { browser } from '#imports';
import { welcomeShownItem } from '@/lib/storage/items';

export const WELCOME_PATH = '/welcome.html';

/**
 * The welcome page opens once, when the extension is installed (issue 19): not on an update, not
 * when the browser restarts (neither fires `install`). It says where Halos will be published
 * before the first publish can sit in a queue for an endpoint that is not there.
 */
export function setupFirstRun(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void (async () => {
      // Chromium can report an unpacked extension as installed again when the browser restarts
      // after a reload; the extension's own storage knows it has welcomed this profile already.
      if (await welcomeShownItem.getValue()) return;
      await welcomeShownItem.setValue(true);
      await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
    })();
  });
}
