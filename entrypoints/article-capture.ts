import { defineUnlistedScript } from '#imports';
import { i18n } from '#i18n';
import { captureArticleResult } from '@/lib/capture/article';
import { guardCapture } from '@/lib/capture/guard-capture';
import { collectImages } from '@/lib/capture/images/collect-images';
import { withLanguage } from '@/lib/capture/page-language';
import { useCatalogue } from '@/lib/capture/say';

// Injected by lib/capture/run-in-tab.ts only when a page is captured as an article (Readability).
export default defineUnlistedScript(() => {
  // Its images' warnings in the browser's language, as capture.js says its own.
  useCatalogue(i18n.t);
  return collectImages(
    withLanguage(
      guardCapture(() => captureArticleResult(document, location.href)),
      document,
    ),
    document,
    location.href,
  );
});
