import type { Draft } from '@/lib/draft/draft';

/**
 * The background's adds (a menu, the shortcut) told straight to the open editors (issue 12):
 * storage tells them too, but only once the write of the whole draft has finished, which for a
 * 1,000-block draft is most of the wait. A BroadcastChannel reaches every context of the
 * extension's own origin (service worker, side panel, popup, tabs), and no web page or content
 * script, so what arrives on it is the extension's own; the data is cloned, not serialized to JSON.
 */
export const DRAFT_CHANNEL = 'halo-draft-saved';

interface DraftSaved {
  draft: Draft;
}

/** Tells open editors the draft as it is being saved. Never fails the save it goes with. */
export function announceDraft(draft: Draft): void {
  try {
    const channel = new BroadcastChannel(DRAFT_CHANNEL);
    channel.postMessage({ draft } satisfies DraftSaved);
    channel.close();
  } catch (error) {
    console.warn('Halo: the open editors could not be told of the add; storage tells them', error);
  }
}

/** Calls `listener` with each draft the background announces; answers how to stop. */
export function onDraftAnnounced(listener: (draft: Draft) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(DRAFT_CHANNEL);
  channel.onmessage = (event: MessageEvent<DraftSaved>) => {
    if (event.data && typeof event.data === 'object' && event.data.draft) listener(event.data.draft);
  };
  return () => channel.close();
}
