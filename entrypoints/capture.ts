import { defineUnlistedScript } from '#imports';
import { i18n } from '#i18n';
import { captureThreadOrSelection } from '@/lib/capture/capture-thread-or-selection';
import { captureWholeThread } from '@/lib/capture/chat/whole-thread';
import { guardCapture } from '@/lib/capture/guard-capture';
import { collectImages } from '@/lib/capture/images/collect-images';
import { withLanguage } from '@/lib/capture/page-language';
import { readLoadId, readRequestedMode } from '@/lib/capture/requested-mode';
import { useCatalogue } from '@/lib/capture/say';
import { connectThreadLoad } from '@/lib/capture/thread-load-link';
import type { InPageAnswer } from '@/lib/capture/types';

/** "Load the whole thread" (issue 11): older turns first, with progress to the editor that asked. */
async function wholeThread(): Promise<InPageAnswer> {
  const link = connectThreadLoad(readLoadId());
  try {
    // A test build's bound is short, so the e2e of a loader that never stops stays cheap.
    const boundMs = __HALO_E2E__ ? 6_000 : undefined;
    return await captureWholeThread(document, location.href, {
      signal: link.signal,
      onProgress: link.progress,
      boundMs,
    });
  } finally {
    link.close();
  }
}

// Injected on demand by lib/capture/run-in-tab.ts: selection and chat capture (no Readability).
// Its return value (a promise, which executeScript awaits) is the CaptureResult, or a request for
// article-capture.js.
export default defineUnlistedScript(async () => {
  // Warnings in the browser's language: the page's isolated world reads the extension's catalogue.
  useCatalogue(i18n.t);
  const mode = readRequestedMode();
  const answer =
    mode === 'thread'
      ? await wholeThread()
      : guardCapture<InPageAnswer>(
          () => captureThreadOrSelection(document, location.href, mode) ?? { needsArticle: true },
        );
  return collectImages(withLanguage(answer, document), document, location.href);
});
