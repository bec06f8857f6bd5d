import { browser, type Browser } from '#imports';
import { formatCount } from '@/lib/i18n/ui-locale';
import { i18n } from '#i18n';
import type { Capture, CaptureMode, CaptureResult } from '@/lib/capture/types';
import { adoptCapture, createFromCapture, getCurrentDraft, updateFromCapture } from '@/lib/draft/repository';
import type { DraftSummary } from '@/lib/draft/summary';
import type { Notice, SliceCreator } from '@/lib/draft/editor/state';
import { sendMessage, threadLoadPort, type ThreadLoadProgress } from '@/lib/messaging/protocol';
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
  /** The last capture from this tab was a chat thread: "Load the whole thread" applies (issue 11). */
  threadInTab: boolean;
  /** "Load the whole thread" at work: the turns the page holds so far. */
  threadLoad: { turns: number; elapsedMs: number } | null;
  /** Scrolls the thread to its start until no new turns arrive (bounded), then captures it into the draft. */
  loadWholeThread(): Promise<void>;
  /** Stops the load; the draft stays as it was. */
  cancelThreadLoad(): void;
}

/** The port of the load in progress (one per editor), so that Cancel can close it. */
let loadPort: { port: Browser.runtime.Port | null; cancelled: boolean } | null = null;

export const createCaptureSlice: SliceCreator<CaptureSlice> = (set, get, internals) => {
  const failed = (error: unknown) => {
    if (isQuotaError(error)) set({ notice: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });
    else
      set({
        notice: {
          code: 'failed',
          message: i18n.t('editorNotice.captureFailed', [String((error as Error)?.message ?? error)]),
        },
      });
  };

  /** A capture's answer into the editor: a draft (new, reopened or updated), or the notice. */
  const adopt = async (result: CaptureResult, mode: CaptureMode) => {
    if (!result.ok) {
      // Also with a draft in progress (shown below, as it was): "Capture this page" stays the way
      // to take a page without a selection, e.g. a chat on a site without an adapter (issue 11).
      set({ notice: { code: result.code, message: result.message, wording: result.wording } });
      return;
    }
    set({ threadInTab: result.capture.kind === 'chat' });
    await get().flush();
    const adopted = await adoptCapture(result.capture);
    const { draft } = get();
    if (adopted.status === 'same_thread') {
      set({ recapture: { capture: result.capture, existing: adopted.existing } });
      // Asked for the whole thread: that is the answer to "update it with the new messages".
      if (mode === 'thread') await get().resolveRecapture('update');
    }
    // The draft already open stays as it is in memory: it holds any edit made while the capture ran.
    else await internals.show(adopted.status === 'opened' && adopted.draft.id === draft?.id ? draft : adopted.draft);
  };

  return {
    phase: 'loading',
    tabId: null,
    notice: null,
    capturing: false,
    recapture: null,
    threadInTab: false,
    threadLoad: null,

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
        await adopt(await sendMessage('captureTab', { tabId, mode }), mode);
      } catch (error) {
        failed(error);
      } finally {
        set({ capturing: false });
      }
    },

    async loadWholeThread() {
      const { tabId } = get();
      if (tabId === null || get().threadLoad) return;
      const loadId = crypto.randomUUID();
      const current = { port: null as Browser.runtime.Port | null, cancelled: false };
      loadPort = current;
      // Listening only while loading, and only to this load's page: the port's other end is the tab.
      const onConnect = (port: Browser.runtime.Port) => {
        if (port.name !== threadLoadPort(loadId) || port.sender?.tab?.id !== tabId) return;
        current.port = port;
        if (current.cancelled) port.disconnect();
        port.onMessage.addListener((message: ThreadLoadProgress) => {
          if (message?.type === 'progress' && !current.cancelled)
            set({ threadLoad: { turns: message.turns, elapsedMs: message.elapsedMs } });
        });
      };
      browser.runtime.onConnect.addListener(onConnect);
      set({ capturing: true, threadLoad: { turns: 0, elapsedMs: 0 }, notice: null });
      try {
        const result = await sendMessage('captureTab', { tabId, mode: 'thread', loadId });
        if (!current.cancelled) await adopt(result, 'thread');
      } catch (error) {
        if (!current.cancelled) failed(error);
      } finally {
        browser.runtime.onConnect.removeListener(onConnect);
        if (loadPort === current) loadPort = null;
        set({ capturing: false, threadLoad: null });
      }
    },

    cancelThreadLoad() {
      if (!loadPort) return;
      loadPort.cancelled = true;
      // The page stops at once and scrolls the reader back; its capture is then ignored.
      loadPort.port?.disconnect();
      set({ threadLoad: null });
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
          message: i18n.t('editorNotice.draftUpdated', added, [
            formatCount(added),
            dropped ? i18n.t('editorNotice.removed', [formatCount(dropped)]) : '',
          ]),
        },
      });
    },
  };
};
