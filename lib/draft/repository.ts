import { announceDraft } from '@/lib/messaging/draft-channel';
import { formatCount } from '@/lib/i18n/ui-locale';
import { i18n } from '#i18n';
import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { captureKey, draftFromCapture, newId, threadOf } from '@/lib/draft/from-capture';
import { mergeRecapture, type RecaptureResult } from '@/lib/draft/recapture';
import { addCaptureAsSection, hasSections, sectionOfThread, updateSection } from '@/lib/draft/sections';
import { summarize, type DraftSummary } from '@/lib/draft/summary';
import { draftImagesItem, draftIndexItem, draftItem } from '@/lib/storage/items';
import { isQuotaError } from '@/lib/storage/quota';

/** Drafts in storage: the one place that reads and writes them (popup and background alike). */

export async function loadDraft(id: string): Promise<Draft | null> {
  return draftItem(id).getValue();
}

/** Writes the draft, then its summary at the top of the index; a full storage rejects before either. */
export async function saveDraft(draft: Draft): Promise<void> {
  await draftItem(draft.id).setValue(draft);
  const index = await draftIndexItem.getValue();
  const drafts = [summarize(draft), ...index.drafts.filter((d) => d.id !== draft.id)];
  await draftIndexItem.setValue({ currentId: index.currentId ?? draft.id, drafts });
}

/**
 * Keeps a capture's images with the draft (issue 11). When browser storage is full the draft is
 * still saved, without them: its images then show as unavailable, and a warning says why.
 */
async function keepImages(draft: Draft, capture: Capture): Promise<Draft> {
  const images = capture.images ?? [];
  if (images.length === 0) return draft;
  const item = draftImagesItem(draft.id);
  try {
    const kept = { ...(await item.getValue()) };
    for (const { ref, type, data } of images) kept[ref.slice(ref.indexOf(':') + 1)] = { type, data };
    await item.setValue(kept);
    return draft;
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const warning = i18n.t('warning.imagesNotKept', images.length, [formatCount(images.length)]);
    return { ...draft, warnings: [...draft.warnings, warning] };
  }
}

export async function setCurrentDraft(id: string | null): Promise<void> {
  const index = await draftIndexItem.getValue();
  await draftIndexItem.setValue({ ...index, currentId: id });
}

export async function getCurrentDraft(): Promise<Draft | null> {
  const { currentId } = await draftIndexItem.getValue();
  return currentId ? loadDraft(currentId) : null;
}

/** Every kept draft's summary, most recently edited first. */
export async function listDrafts(): Promise<DraftSummary[]> {
  return (await draftIndexItem.getValue()).drafts;
}

export async function deleteDraft(id: string): Promise<void> {
  await draftItem(id).removeValue();
  await draftImagesItem(id).removeValue();
  const index = await draftIndexItem.getValue();
  const drafts = index.drafts.filter((d) => d.id !== id);
  await draftIndexItem.setValue({
    currentId: index.currentId === id ? (drafts[0]?.id ?? null) : index.currentId,
    drafts,
  });
}

export type Adoption =
  | { status: 'opened' | 'created'; draft: Draft }
  /** A draft of the same thread with other content (the thread grew): the user chooses. */
  | { status: 'same_thread'; existing: DraftSummary };

/**
 * Turns a capture into the current draft. The same capture again (same kind, URL and content)
 * reopens its draft with its edits; a new capture of a thread that has a draft is not adopted
 * but answered 'same_thread', for the user to update that draft (updateFromCapture) or keep both.
 */
export async function adoptCapture(capture: Capture): Promise<Adoption> {
  const key = captureKey(capture);
  const { drafts } = await draftIndexItem.getValue();
  const same = drafts.find((d) => d.captureKey === key);
  const reopened = same && (await loadDraft(same.id));
  if (reopened) {
    await setCurrentDraft(reopened.id);
    return { status: 'opened', draft: reopened };
  }
  const thread = threadOf(key);
  const existing = thread && drafts.find((d) => threadOf(d.captureKey) === thread);
  if (existing) return { status: 'same_thread', existing };
  return { status: 'created', draft: await createFromCapture(capture) };
}

/** A new draft from the capture ("Keep both" too), made current. */
export async function createFromCapture(capture: Capture): Promise<Draft> {
  const draft = await keepImages(draftFromCapture(capture), capture);
  await saveDraft(draft);
  await setCurrentDraft(draft.id);
  return draft;
}

/**
 * A composed draft (issue 12) updates the section of that thread only, the other sources staying
 * as they are; a thread without a section of its own joins as a new one.
 */
function updateComposed(draft: Draft, capture: Capture): RecaptureResult {
  const section = sectionOfThread(draft, capture);
  const updated = section && updateSection(draft, section.id, capture);
  if (updated) return updated;
  const added = addCaptureAsSection(draft, capture, newId, true);
  return added.status === 'added'
    ? { draft: added.draft, added: added.added, dropped: 0 }
    : { draft, added: 0, dropped: 0 };
}

/** "Update it with the new messages": the capture merged into the draft (lib/draft/recapture.ts). */
export async function updateFromCapture(draftId: string, capture: Capture): Promise<RecaptureResult | null> {
  const draft = await loadDraft(draftId);
  if (!draft) return null;
  const result = hasSections(draft) ? updateComposed(draft, capture) : mergeRecapture(draft, capture);
  result.draft = await keepImages(result.draft, capture);
  await saveDraft(result.draft);
  await setCurrentDraft(draftId);
  return result;
}

/** What adding a capture to the current draft did (lib/draft/sections.ts). */
export type Addition =
  | { status: 'created'; draft: Draft; added: number }
  | { status: 'added'; draft: Draft; added: number; sectionId: string }
  | { status: 'already_there' | 'same_thread'; draft: Draft; sectionId: string };

/**
 * "Add to Halo draft" (menus, shortcut, the side panel): the capture joins the current draft as a
 * section of its own (issue 12), or starts a draft when there is none. A thread that is already a
 * section is not added twice unless `again`: the caller offers updateSectionFromCapture instead.
 */
export async function addToDraft(capture: Capture, again = false): Promise<Addition> {
  const current = await getCurrentDraft();
  if (!current) {
    const draft = await createFromCapture(capture);
    return { status: 'created', draft, added: draft.blocks.length };
  }
  const result = addCaptureAsSection(current, capture, newId, again);
  if (result.status !== 'added') return { ...result, draft: current };
  const draft = await keepImages({ ...result.draft, updatedAt: new Date().toISOString() }, capture);
  // Told first: storage.set turns the whole draft into its own format before it returns.
  announceDraft(draft);
  await saveDraft(draft);
  return { ...result, draft };
}

/** "Update that section" with a new capture of its thread; null when the draft or section is gone. */
export async function updateSectionFromCapture(
  draftId: string,
  sectionId: string,
  capture: Capture,
): Promise<RecaptureResult | null> {
  const draft = await loadDraft(draftId);
  const result = draft && updateSection(draft, sectionId, capture);
  if (!result) return null;
  await saveDraft(result.draft);
  return result;
}
