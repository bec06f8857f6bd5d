import { defineUnlistedScript } from '#imports';
import { captureArticleResult } from '@/lib/capture/article';
import { guardCapture } from '@/lib/capture/guard-capture';
import { collectImages } from '@/lib/capture/images/collect-images';
import { withLanguage } from '@/lib/capture/page-language';

// Injected by lib/capture/run-in-tab.ts only when a page is captured as an article (Readability).
export default defineUnlistedScript(() =>
  collectImages(
    withLanguage(
      guardCapture(() => captureArticleResult(document, location.href)),
      document,
    ),
    document,
    location.href,
  ),
);
