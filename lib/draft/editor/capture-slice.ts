import type { Capture, CaptureMode } from '@/lib/capture/types';
import { adoptCapture, createFromCapture, getCurrentDraft, updateFromCapture } from '@/lib/draft/repository';
import type { DraftSummary } from '@/lib/draft/summary';
import type { Notice, SliceCreator } from '@/lib/draft/editor/state';
import { sendMessage } from '@/lib/messaging/protocol';
import { isQuotaError, STORAGE_FULL_MESSAGE } from '@/lib/storage/quota';

export interface CaptureSlice {
  phase: 'loading' | 'ready';
  tabId: number | null;
  notice: Notice | null;
  capturing: boolean;
  /** A capture of a thread that already has a draft with other content, waiting for the user's choice. */
  recapture: { capture: Capture; existing: DraftSummary } | null;
  init(tabId: number | null): Promise<void>;
  capture(mode: CaptureMode): Promise<void>;
  /** "Update it with the new messages", "Keep both" or "Cancel" (issue 4). */
  resolveRecapture(choice: 'update' | 'keep-both' | 'cancel'): Promise<void>;
}

export const createCaptureSlice: SliceCreator<CaptureSlice> = (set, get, internals) => ({
  phase: 'loading',
  tabId: null,
  notice: null,
  capturing: false,
  recapture: null,

  async init(tabId) {
    set({ tabId, draft: await getCurrentDraft() });
    await internals.watchJobs(get().draft?.id);
    if (tabId !== null) await get().capture('auto');
    // After the first paint, and once even when the capture asked for a scan too.
    internals.scheduleScan();
    set({ phase: 'ready' });
  },

  async capture(mode) {
    const { tabId } = get();
    if (tabId === null) return;
    set({ capturing: true });
    try {
      const result = await sendMessage('captureTab', { tabId, mode });
      if (result.ok) {
        await get().flush();
        const adopted = await adoptCapture(result.capture);
        const { draft } = get();
        if (adopted.status === 'same_thread')
          set({ recapture: { capture: result.capture, existing: adopted.existing } });
        // The draft already open stays as it is in memory: it holds any edit made while the capture ran.
        else
          await internals.show(adopted.status === 'opened' && adopted.draft.id === draft?.id ? draft : adopted.draft);
      } else if (result.code === 'no_selection' && get().draft && mode === 'auto') {
        // Reopening the popup without a selection shows the draft in progress, as it was.
        set({ notice: null });
      } else {
        set({ notice: { code: result.code, message: result.message } });
      }
    } catch (error) {
      if (isQuotaError(error)) set({ notice: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });
      else set({ notice: { code: 'failed', message: `The capture failed: ${(error as Error)?.message ?? error}` } });
    } finally {
      set({ capturing: false });
    }
  },

  async resolveRecapture(choice) {
    const { recapture } = get();
    set({ recapture: null });
    if (!recapture || choice === 'cancel') return;
    if (choice === 'keep-both') {
      await internals.show(await createFromCapture(recapture.capture));
      return;
    }
    const updated = await updateFromCapture(recapture.existing.id, recapture.capture);
    if (!updated) {
      await internals.show(await createFromCapture(recapture.capture));
      return;
    }
    await internals.show(updated.draft);
    const { added, dropped } = updated;
    set({
      notice: {
        code: 'recaptured',
        message:
          `Draft updated: ${added} new block${added === 1 ? '' : 's'}` +
          (dropped ? `, ${dropped} no longer in the thread removed` : '') +
          '. Your edits are kept.',
      },
    });
  },
});
