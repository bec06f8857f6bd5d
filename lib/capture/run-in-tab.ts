import { browser } from '#imports';
import { THREAD_LOAD } from '@/lib/capture/chat/load-older-turns';
import { keyCapturedImages } from '@/lib/capture/images/key-images';
import type { CaptureMode, CaptureResult, InPageAnswer } from '@/lib/capture/types';

/**
 * A page that has not answered by then is busy or hung: the popup must not wait forever. It allows
 * for the capture's images (issue 11), which stop at IMAGE_LIMITS.phaseMs (12 s).
 */
export const CAPTURE_TIMEOUT_MS = 25_000;

class TimedOut extends Error {}

/**
 * Injects the capture script into a tab (activeTab grant) and answers what it captured. The
 * chat-and-selection script runs first; article-capture.js (Readability) only when the page is
 * captured as an article.
 */
export async function captureInTab(
  tabId: number,
  mode: CaptureMode,
  timeoutMs: number = CAPTURE_TIMEOUT_MS + (mode === 'thread' ? THREAD_LOAD.boundMs : 0),
  /** "Load the whole thread": names the port the page reports its progress on (protocol.ts). */
  loadId?: string,
): Promise<CaptureResult> {
  const inject = async (file: '/capture.js' | '/article-capture.js'): Promise<InPageAnswer | undefined> => {
    const [frame] = await withTimeout(browser.scripting.executeScript({ target: { tabId }, files: [file] }), timeoutMs);
    return frame?.result as InPageAnswer | undefined;
  };
  try {
    let answer: InPageAnswer | undefined = { needsArticle: true };
    if (mode !== 'article') {
      await browser.scripting.executeScript({
        target: { tabId },
        // The keys match MODE_KEY and LOAD_ID_KEY in requested-mode.ts; a func is serialized, so it cannot import them.
        func: (requested: string, load: string) => {
          Object.assign(globalThis, { __haloCaptureMode: requested }, load ? { __haloThreadLoadId: load } : {});
        },
        args: [mode, loadId ?? ''],
      });
      answer = await inject('/capture.js');
    }
    if (answer && typeof answer === 'object' && 'needsArticle' in answer) answer = await inject('/article-capture.js');
    if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
      return {
        ok: false,
        code: 'failed',
        message: 'The page did not answer the capture. Reload it and try again.',
        wording: { key: 'noAnswer' },
      };
    }
    return await keyCapturedImages(answer);
  } catch (error) {
    if (error instanceof TimedOut) {
      const seconds = Math.round(timeoutMs / 1000);
      return {
        ok: false,
        code: 'timed_out',
        message: `The page did not answer within ${seconds} seconds (it may be busy or very large). Wait for it to finish loading, or select a smaller part, and try again.`,
        wording: { key: 'timedOut', seconds },
      };
    }
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
    return {
      ok: false,
      code: 'failed',
      message: `The capture failed: ${message}`,
      wording: { key: 'captureFailed', detail: message },
    };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
