import { captureChat, captureGenericChat } from '@/lib/capture/chat/capture-chat';
import { adapterForUrl } from '@/lib/capture/chat/registry';
import { captureSelection } from '@/lib/capture/selection';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';

/**
 * Everything but article capture, so the script injected for it stays free of Readability:
 *
 * - auto: the selection; else the thread on a supported chat site; else say what to do.
 * - selection: the selection only.
 * - page: the thread on a chat site; elsewhere a chat the generic reader is sure of, else null (the article).
 * - article: null.
 * - any: the selection; else the thread on a chat site; else null (the article).
 */
export function captureThreadOrSelection(
  doc: Document,
  url: string,
  mode: CaptureMode,
  now: Date = new Date(),
): CaptureResult | null {
  const chat = adapterForUrl(url);
  if (mode === 'auto' || mode === 'selection' || mode === 'any') {
    const selection = captureSelection(doc, url, now, chat);
    if (selection) return { ok: true, capture: selection };
    if (mode !== 'selection' && chat) return captureChat(doc, url, chat, now);
    if (mode === 'any') return null;
    return {
      ok: false,
      code: 'no_selection',
      message: 'Nothing is selected on this page. Select the text to share, or capture the whole page.',
    };
  }
  if (mode === 'page' && chat) return captureChat(doc, url, chat, now);
  if (mode === 'page') return captureGenericChat(doc, url, now);
  return null;
}
