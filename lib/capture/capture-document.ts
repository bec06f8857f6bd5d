import { captureArticle } from '@/lib/capture/article';
import { captureSelection } from '@/lib/capture/selection';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';

/**
 * What the capture script does in the page, as a pure function of a Document and its URL, so it
 * runs the same in the page, in tests and in the command-line tool.
 */
export function captureDocument(doc: Document, url: string, mode: CaptureMode, now: Date = new Date()): CaptureResult {
  try {
    if (mode === 'auto' || mode === 'selection') {
      const selection = captureSelection(doc, url, now);
      if (selection) return { ok: true, capture: selection };
      return {
        ok: false,
        code: 'no_selection',
        message: 'Nothing is selected on this page. Select the text to share, or capture the whole page.',
      };
    }
    const article = captureArticle(doc, url, now);
    if (article) return { ok: true, capture: article };
    return { ok: false, code: 'empty', message: 'This page has no readable text to capture.' };
  } catch (error) {
    return {
      ok: false,
      code: 'failed',
      message: `The page could not be captured: ${(error as Error)?.message ?? error}`,
    };
  }
}
