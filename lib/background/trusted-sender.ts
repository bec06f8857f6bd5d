import { browser } from '#imports';

interface Sender {
  id?: string;
  url?: string;
}

/** Only the extension's own pages may ask the background to capture or publish. */
export function isOwnPage(sender: Sender | undefined): boolean {
  if (!sender || sender.id !== browser.runtime.id) return false;
  const own = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(own);
}
