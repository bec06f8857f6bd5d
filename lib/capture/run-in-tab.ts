import { browser } from '#imports';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';

/** Injects the capture script into a tab (activeTab grant) and answers what it captured. */
export async function captureInTab(tabId: number, mode: CaptureMode): Promise<CaptureResult> {
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      // The key matches MODE_KEY in requested-mode.ts; a func is serialized, so it cannot import it.
      func: (requested: string) => {
        (globalThis as Record<string, unknown>).__haloCaptureMode = requested;
      },
      args: [mode],
    });
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
    const result = frame?.result as CaptureResult | undefined;
    if (!result || typeof result !== 'object' || !('ok' in result)) {
      return { ok: false, code: 'failed', message: 'The page did not answer the capture. Reload it and try again.' };
    }
    return result;
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (
      /cannot access|cannot be scripted|extensions gallery|chrome:\/\/|missing host permission|no tab with id/i.test(
        message,
      )
    ) {
      return {
        ok: false,
        code: 'restricted_page',
        message:
          'Halo cannot read this page (browser pages, the extension store and some built-in viewers are off limits). ' +
          'Open the page you want to share and click the Halo button there.',
      };
    }
    return { ok: false, code: 'failed', message: `The capture failed: ${message}` };
  }
}
