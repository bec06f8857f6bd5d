import { defineUnlistedScript } from '#imports';
import { captureArticleResult } from '@/lib/capture/article';
import { guardCapture } from '@/lib/capture/guard-capture';

// Injected by lib/capture/run-in-tab.ts only when a page is captured as an article (Readability).
export default defineUnlistedScript(() => guardCapture(() => captureArticleResult(document, location.href)));
