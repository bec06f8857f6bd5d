import { browser, type Browser } from '#imports';
import type { Draft } from '@/lib/draft/draft';
import { sendMessage } from '@/lib/messaging/protocol';
import { askOffscreen, ensureOffscreenDocument } from '@/lib/publish/offscreen-document';

/**
 * How many possible secrets quick share would publish (issue 5). secretlint and its rules are
 * most of the scan's code: Chrome's service worker cannot load code later (no import() there), so
 * it asks the offscreen document, whose worker loads them (issue 18: the background stays under
 * its budget). Firefox's background is a page: it scans itself. Throws when the scan could not
 * run: quick share then stops in the editor, which scans the draft itself.
 */
export async function countFindings(draft: Draft): Promise<number> {
  if (import.meta.env.FIREFOX) {
    const { findInDraft } = await import('@/lib/redact/draft-findings');
    return (await findInDraft(draft)).length;
  }
  const offscreen = (browser as { offscreen?: typeof Browser.offscreen }).offscreen;
  if (!offscreen) throw new Error('no offscreen document to scan in');
  await ensureOffscreenDocument(offscreen);
  return askOffscreen(() => sendMessage('countFindings', { draft }));
}
