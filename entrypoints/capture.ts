import { defineUnlistedScript } from '#imports';
import { captureThreadOrSelection } from '@/lib/capture/capture-thread-or-selection';
import { guardCapture } from '@/lib/capture/guard-capture';
import { collectImages } from '@/lib/capture/images/collect-images';
import { withLanguage } from '@/lib/capture/page-language';
import { readRequestedMode } from '@/lib/capture/requested-mode';
import type { InPageAnswer } from '@/lib/capture/types';

// Injected on demand by lib/capture/run-in-tab.ts: selection and chat capture (no Readability).
// Its return value (a promise, which executeScript awaits) is the CaptureResult, or a request for
// article-capture.js.
export default defineUnlistedScript(() =>
  collectImages(
    withLanguage(
      guardCapture<InPageAnswer>(
        () => captureThreadOrSelection(document, location.href, readRequestedMode()) ?? { needsArticle: true },
      ),
      document,
    ),
    document,
    location.href,
  ),
);
