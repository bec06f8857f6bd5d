import { defineUnlistedScript } from '#imports';
import { captureArticleResult } from '@/lib/capture/article';
import { guardCapture } from '@/lib/capture/guard-capture';
import { collectImages } from '@/lib/capture/images/collect-images';

// Injected by lib/capture/run-in-tab.ts only when a page is captured as an article (Readability).
export default defineUnlistedScript(() =>
  collectImages(
    guardCapture(() => captureArticleResult(document, location.href)),
    document,
    location.href,
  ),
);
