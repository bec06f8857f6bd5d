import type { Browser } from '#imports';

const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Chrome allows one offscreen document per extension, with the reasons given when it is made:
 * it copies published links (no DOM in the service worker) and runs quick share's secret scan in
 * a worker (so the service worker does not hold secretlint; issue 18, lean bundles).
 */
export async function ensureOffscreenDocument(offscreen: typeof Browser.offscreen): Promise<void> {
  if (await offscreen.hasDocument?.()) return;
  await offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['CLIPBOARD', 'WORKERS'] as Browser.offscreen.Reason[],
      justification:
        'Copy the link of a just-published Halo to the clipboard, and scan a draft for secrets in a worker before quick share publishes it.',
    })
    .catch((error: unknown) => {
      // Two callers (e.g. two publishes finishing together) both try to create it; one wins.
      if (!/single offscreen document/i.test(String((error as Error)?.message))) throw error;
    });
}

/** A just-created document may not be listening yet: asks again briefly. */
export async function askOffscreen<T>(ask: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      if (attempt >= 20 || !/receiving end does not exist/i.test(String((error as Error)?.message))) throw error;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}
