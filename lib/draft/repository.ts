import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { captureKey, draftFromCapture } from '@/lib/draft/from-capture';
import { draftIndexItem, draftItem } from '@/lib/storage/items';

/** Drafts in storage: the one place that reads and writes them (popup and background alike). */

export async function loadDraft(id: string): Promise<Draft | null> {
  return draftItem(id).getValue();
}

export async function saveDraft(draft: Draft): Promise<void> {
  await draftItem(draft.id).setValue(draft);
  const index = await draftIndexItem.getValue();
  const ids = [draft.id, ...index.ids.filter((id) => id !== draft.id)];
  await draftIndexItem.setValue({ currentId: index.currentId ?? draft.id, ids });
}

export async function setCurrentDraft(id: string | null): Promise<void> {
  const index = await draftIndexItem.getValue();
  await draftIndexItem.setValue({ ...index, currentId: id });
}

export async function getCurrentDraft(): Promise<Draft | null> {
  const { currentId } = await draftIndexItem.getValue();
  return currentId ? loadDraft(currentId) : null;
}

export async function listDrafts(): Promise<Draft[]> {
  const { ids } = await draftIndexItem.getValue();
  const drafts = await Promise.all(ids.map((id) => loadDraft(id)));
  return drafts.filter((d): d is Draft => d !== null);
}

export async function deleteDraft(id: string): Promise<void> {
  await draftItem(id).removeValue();
  const index = await draftIndexItem.getValue();
  const ids = index.ids.filter((x) => x !== id);
  await draftIndexItem.setValue({ currentId: index.currentId === id ? (ids[0] ?? null) : index.currentId, ids });
}

/**
 * Turns a capture into the current draft. The same capture again (same kind, URL and content)
 * reopens its existing draft with its edits, instead of starting over.
 */
export async function adoptCapture(capture: Capture): Promise<{ draft: Draft; existing: boolean }> {
  const key = captureKey(capture);
  const existing = (await listDrafts()).find((d) => d.captureKey === key);
  if (existing) {
    await setCurrentDraft(existing.id);
    return { draft: existing, existing: true };
  }
  const draft = draftFromCapture(capture);
  await saveDraft(draft);
  await setCurrentDraft(draft.id);
  return { draft, existing: false };
}

/**
 * "Add selection to Halo draft": the capture's blocks join the current draft (or start one), each
 * keeping the link of the page it came from, so one Halo can collect snippets from many pages.
 */
export async function appendCapture(capture: Capture): Promise<{ draft: Draft; added: number }> {
  const current = await getCurrentDraft();
  if (!current) {
    const draft = draftFromCapture(capture);
    draft.blocks = draft.blocks.map((b) => ({ ...b, block: { ...b.block, source: capture.source } }));
    await saveDraft(draft);
    await setCurrentDraft(draft.id);
    return { draft, added: draft.blocks.length };
  }
  const added = draftFromCapture(capture).blocks.map((b) => ({ ...b, block: { ...b.block, source: capture.source } }));
  const draft: Draft = {
    ...current,
    updatedAt: new Date().toISOString(),
    // Blocks from before the collection started keep their page too.
    blocks: [
      ...current.blocks.map((b) => (b.block.source ? b : { ...b, block: { ...b.block, source: current.source } })),
      ...added,
    ],
  };
  await saveDraft(draft);
  return { draft, added: added.length };
}
