import { browser, type Browser } from '#imports';
import { sendMessage } from '@/lib/messaging/protocol';

const OFFSCREEN_PATH = '/offscreen.html';

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
    const exists = await offscreen.hasDocument?.();
    if (!exists) {
      await offscreen
        .createDocument({
          url: OFFSCREEN_PATH,
          reasons: ['CLIPBOARD' as Browser.offscreen.Reason],
          justification: 'Copy the link of a just-published Halo to the clipboard.',
        })
        .catch((error: unknown) => {
          // Two publishes finishing together both try to create it; one wins.
          if (!/single offscreen document/i.test(String((error as Error)?.message))) throw error;
        });
    }
    // A just-created document may not be listening yet: ask again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendMessage('copyText', { text });
      } catch (error) {
        if (attempt >= 20 || !/receiving end does not exist/i.test(String((error as Error)?.message))) throw error;
        await new Promise((ok) => setTimeout(ok, 50));
      }
    }
  } catch (error) {
    console.warn('Halo: copying the link failed', error);
    return false;
  }
}
