import { captureArticleResult } from '@/lib/capture/article';
import { captureThreadOrSelection } from '@/lib/capture/capture-thread-or-selection';
import { guardCapture } from '@/lib/capture/guard-capture';
import { withLanguage } from '@/lib/capture/page-language';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';

/**
 * What the capture scripts do in the page, as one pure function of a Document and its URL, so it
 * runs the same in tests and in the command-line tool (in the extension it is split in two
 * scripts: entrypoints/capture.ts and entrypoints/article-capture.ts).
 */
export function captureDocument(doc: Document, url: string, mode: CaptureMode, now: Date = new Date()): CaptureResult {
  return withLanguage(
    guardCapture(() => captureThreadOrSelection(doc, url, mode, now) ?? captureArticleResult(doc, url, now)),
    doc,
  );
}
