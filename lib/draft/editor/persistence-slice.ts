import type { Draft } from '@/lib/draft/draft';
import { deleteDraft, getCurrentDraft, loadDraft, saveDraft, setCurrentDraft } from '@/lib/draft/repository';
import { SAVE_DEBOUNCE_MS, type SliceCreator } from '@/lib/draft/editor/state';
import { isQuotaError, STORAGE_FULL_MESSAGE } from '@/lib/storage/quota';

export interface PersistenceSlice {
  draft: Draft | null;
  /** Writes the draft now (pagehide, before publishing, before switching drafts). */
  flush(): Promise<void>;
  /**
   * Writes the draft only if an edit is waiting to be saved (the page being hidden). With none, a
   * write would put this page's copy over a newer one: the side panel, hidden by a new tab, once
   * wrote its copy over the section a menu had just added (the compose e2e lost it).
   */
  flushEdits(): Promise<void>;
  /** Switches to another kept draft (the drafts list). */
  openDraft(id: string): Promise<void>;
  deleteDraft(id: string): Promise<void>;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

export const createPersistenceSlice: SliceCreator<PersistenceSlice> = (set, get, internals) => {
  internals.scheduleSave = () => {
    // Not reset by each keystroke: a long typing burst still reaches storage every SAVE_DEBOUNCE_MS.
    saveTimer ??= setTimeout(() => void get().flush(), SAVE_DEBOUNCE_MS);
    internals.scheduleScan();
  };

  internals.hasUnsaved = () => saveTimer !== undefined;

  internals.show = async (draft) => {
    set({ ...(draft === get().draft ? {} : internals.freshHistory(draft)), draft, notice: null });
    await internals.watchJobs(draft.id);
    // Not awaited: a long draft takes a while to scan, and Publish (which scans again) waits for nothing.
    internals.scheduleScan();
  };

  return {
    draft: null,

    async flush() {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      const { draft } = get();
      if (!draft) return;
      try {
        await saveDraft(draft);
        if (get().notice?.code === 'storage_full') set({ notice: null });
      } catch (error) {
        // The draft stays in the editor; the next edit, or a freed draft, saves it again.
        if (!isQuotaError(error)) throw error;
        set({ notice: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });
      }
    },

    async flushEdits() {
      if (saveTimer !== undefined) await get().flush();
    },

    async openDraft(id) {
      await get().flush();
      const draft = await loadDraft(id);
      if (!draft) return;
      await setCurrentDraft(id);
      await internals.show(draft);
    },

    async deleteDraft(id) {
      if (get().draft?.id === id) {
        // A pending save would write the deleted draft back.
        clearTimeout(saveTimer);
        saveTimer = undefined;
        set({ draft: null });
      }
      await deleteDraft(id);
      if (!get().draft) {
        const next = await getCurrentDraft();
        set({ ...internals.freshHistory(next), draft: next });
        await internals.watchJobs(next?.id);
      }
      // Space was freed: the draft that could not be saved is saved now.
      if (get().notice?.code === 'storage_full') await get().flush();
    },
  };
};
