import { captureArticle } from '@/lib/capture/article';
import { captureChat } from '@/lib/capture/chat/capture-chat';
import { adapterForUrl } from '@/lib/capture/chat/registry';
import { captureSelection } from '@/lib/capture/selection';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';

/**
 * What the capture script does in the page, as a pure function of a Document and its URL, so it
 * runs the same in the page, in tests and in the command-line tool.
 *
 * - auto: the selection; else the thread on a supported chat site; else say what to do.
 * - selection: the selection only.
 * - page: the thread on a chat site, the article elsewhere.
 * - article: Readability, on any page.
 */
export function captureDocument(doc: Document, url: string, mode: CaptureMode, now: Date = new Date()): CaptureResult {
  try {
    const chat = adapterForUrl(url);
    if (mode === 'auto' || mode === 'selection') {
      const selection = captureSelection(doc, url, now, chat);
      if (selection) return { ok: true, capture: selection };
      if (mode === 'auto' && chat) return captureChat(doc, url, chat, now);
      return {
        ok: false,
        code: 'no_selection',
        message: 'Nothing is selected on this page. Select the text to share, or capture the whole page.',
      };
    }
    if (mode === 'page' && chat) return captureChat(doc, url, chat, now);
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
