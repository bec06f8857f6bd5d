import { browser, type Browser } from '#imports';
import { sendMessage } from '@/lib/messaging/protocol';
import { askOffscreen, ensureOffscreenDocument } from '@/lib/publish/offscreen-document';

/**
 * Copies text from the background. Chrome's service worker has no DOM, so an offscreen document
 * copies it; Firefox's background page can write the clipboard itself. Answers whether it worked,
 * so the UI can show the link to copy by hand when it did not.
 */
export async function copyFromBackground(text: string): Promise<boolean> {
  try {
    const offscreen = (browser as { offscreen?: typeof Browser.offscreen }).offscreen;
    if (!offscreen) {
      await navigator.clipboard.writeText(text);
      return true;
    }
    await ensureOffscreenDocument(offscreen);
    return await askOffscreen(() => sendMessage('copyText', { text }));
  } catch (error) {
    console.warn('Halo: copying the link failed', error);
    return false;
  }
}
