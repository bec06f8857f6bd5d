import { create } from 'zustand';
import type { Capture, CaptureErrorCode, CaptureMode } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import {
  addTextBlock,
  applyFilter,
  moveBlock,
  removeBlock,
  setIncluded,
  switchSpeaker,
  updateBlockMarkdown,
  type BlockFilter,
} from '@/lib/draft/edit-operations';
import { newId } from '@/lib/draft/from-capture';
import { emptyHistory, record, travel, type History } from '@/lib/draft/history';
import {
  adoptCapture,
  createFromCapture,
  deleteDraft,
  getCurrentDraft,
  loadDraft,
  saveDraft,
  setCurrentDraft,
  updateFromCapture,
} from '@/lib/draft/repository';
import type { DraftSummary } from '@/lib/draft/summary';
import { draftToHalo } from '@/lib/draft/to-halo';
import { validateHalo } from '@/lib/halo/validate';
import { sendMessage } from '@/lib/messaging/protocol';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';
import { findInDraft, redactDraft, type Finding } from '@/lib/redact/draft-findings';
import { consentItem, publishedItem, publishJobsItem } from '@/lib/storage/items';
import { isQuotaError, STORAGE_FULL_MESSAGE } from '@/lib/storage/quota';

/** Edits reach storage at most this long after the first unsaved keystroke (and at once when the popup hides). */
export const SAVE_DEBOUNCE_MS = 250;

export interface Notice {
  code: CaptureErrorCode | 'invalid' | 'publish_refused' | 'storage_full' | 'recaptured';
  message: string;
}

/** What the last edit, undo or redo did, for the aria-live region; `undoable` offers an Undo button. */
export interface Announcement {
  text: string;
  undoable: boolean;
}

export interface EditorState {
  phase: 'loading' | 'ready';
  tabId: number | null;
  draft: Draft | null;
  notice: Notice | null;
  capturing: boolean;
  /** The draft's newest publish job, as the background recorded it in storage. */
  job: PublishJob | null;
  /** The draft's newest Halo that is still published: Publish then offers to update it in place. */
  liveHalo: PublishedHalo | null;
  /**
   * Set while a publish waits for the user: 'first' for the one-time "anyone with the link can
   * read it" notice, 'findings' when possible secrets or personal data are still in the Halo.
   */
  askingConsent: false | 'first' | 'findings';
  /** Possible secrets and personal data in the included blocks, kept current as the draft changes. */
  findings: Finding[];
  canUndo: boolean;
  canRedo: boolean;
  announcement: Announcement | null;
  /** The block whose Markdown editor is open. */
  editingId: string | null;
  /** A capture of a thread that already has a draft with other content, waiting for the user's choice. */
  recapture: { capture: Capture; existing: DraftSummary } | null;

  init(tabId: number | null): Promise<void>;
  capture(mode: CaptureMode): Promise<void>;
  setTitle(title: string): void;
  setNote(note: string): void;
  setIncluded(blockId: string, included: boolean): void;
  applyFilter(filter: BlockFilter): void;
  redact(findings: Finding[]): void;
  removeBlock(blockId: string): void;
  moveBlock(blockId: string, toIndex: number): void;
  updateBlockMarkdown(blockId: string, markdown: string): void;
  /** A message's other speaker (user ↔ assistant): a generic reading's guess corrected, undoable. */
  switchSpeaker(blockId: string): void;
  /** Adds an empty text block after `afterBlockId` (or at the end) and opens its editor. */
  addTextBlock(afterBlockId: string | null): void;
  setEditing(blockId: string | null): void;
  undo(): void;
  redo(): void;
  /** 'new' makes a new link; 'update' replaces the content of `liveHalo` at its link. */
  publish(target?: 'new' | 'update'): Promise<void>;
  acceptConsent(): Promise<void>;
  cancelConsent(): void;
  retry(): Promise<void>;
  /** Writes pending edits now (pagehide, visibilitychange). */
  flush(): Promise<void>;
  /** "Update it with the new messages", "Keep both" or "Cancel" (issue 4). */
  resolveRecapture(choice: 'update' | 'keep-both' | 'cancel'): Promise<void>;
  /** Switches to another kept draft (the drafts list). */
  openDraft(id: string): Promise<void>;
  deleteDraft(id: string): Promise<void>;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let scanTimer: ReturnType<typeof setTimeout> | undefined;
let unwatchJobs: (() => void) | undefined;
let unwatchPublished: (() => void) | undefined;
/** What the consent dialog, when it is shown, lets through once accepted. */
let publishTarget: 'new' | 'update' = 'new';
let history: History = emptyHistory();

function newestLiveHalo(records: Record<string, PublishedHalo>, draftId: string | undefined): PublishedHalo | null {
  let newest: PublishedHalo | null = null;
  for (const halo of Object.values(records)) {
    if (halo.draftId === draftId && halo.status === 'live' && (!newest || halo.publishedAt > newest.publishedAt))
      newest = halo;
  }
  return newest;
}

function newestJob(jobs: Record<string, PublishJob>, draftId: string | undefined): PublishJob | null {
  if (!draftId) return null;
  let newest: PublishJob | null = null;
  for (const job of Object.values(jobs)) {
    if (job.draftId === draftId && (!newest || job.createdAt > newest.createdAt)) newest = job;
  }
  return newest;
}

export const useEditor = create<EditorState>()((set, get) => {
  const scheduleSave = () => {
    // Not reset by each keystroke: a long typing burst still reaches storage every SAVE_DEBOUNCE_MS.
    saveTimer ??= setTimeout(() => void get().flush(), SAVE_DEBOUNCE_MS);
    scheduleScan();
  };

  /**
   * Applies a pure change, records it for undo and saves it. `burstKey` names the field being
   * typed in, so a burst of keystrokes there is one undo step.
   */
  const edit = (change: (draft: Draft) => Draft, label: string, burstKey: string | null = null) => {
    const { draft } = get();
    if (!draft) return;
    const changed = change(draft);
    if (changed === draft) return;
    history = record(history, draft, label, burstKey, Date.now());
    // The UI updates first; storage follows within SAVE_DEBOUNCE_MS.
    set({ draft: { ...changed, updatedAt: new Date().toISOString() }, canUndo: true, canRedo: false });
    scheduleSave();
  };

  const goBackOrForward = (direction: 'undo' | 'redo') => {
    const { draft } = get();
    if (!draft) return;
    const moved = travel(history, draft, direction);
    if (!moved) return;
    history = moved.history;
    const editingId = get().editingId;
    set({
      draft: { ...moved.draft, updatedAt: new Date().toISOString() },
      canUndo: history.past.length > 0,
      canRedo: history.future.length > 0,
      announcement: { text: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${moved.label}.`, undoable: false },
      editingId: moved.draft.blocks.some((b) => b.id === editingId) ? editingId : null,
    });
    scheduleSave();
  };

  const blockNumber = (blockId: string) => (get().draft?.blocks.findIndex((b) => b.id === blockId) ?? -1) + 1;

  const scan = async () => {
    const { draft } = get();
    const findings = draft ? await findInDraft(draft) : [];
    if (get().draft === draft) set({ findings });
  };
  const scheduleScan = () => {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(() => void scan(), SAVE_DEBOUNCE_MS);
  };

  const watchJobs = async (draftId: string | undefined) => {
    set({ job: newestJob(await publishJobsItem.getValue(), draftId) });
    unwatchJobs?.();
    unwatchJobs = publishJobsItem.watch((jobs) => set({ job: newestJob(jobs ?? {}, get().draft?.id) }));
    set({ liveHalo: newestLiveHalo(await publishedItem.getValue(), draftId) });
    unwatchPublished?.();
    unwatchPublished = publishedItem.watch((records) =>
      set({ liveHalo: newestLiveHalo(records ?? {}, get().draft?.id) }),
    );
  };

  const sendToQueue = async () => {
    const { draft } = get();
    if (!draft) return;
    await get().flush();
    try {
      const { liveHalo } = get();
      const job =
        publishTarget === 'update' && liveHalo
          ? await sendMessage('updateHalo', { haloId: liveHalo.haloId })
          : await sendMessage('publishDraft', { draftId: draft.id });
      set({ job, notice: null });
    } catch (error) {
      set({
        notice: {
          code: 'publish_refused',
          message: String((error as Error)?.message ?? error).replace(/^Error: /, ''),
        },
      });
    }
  };

  /** A draft put in the editor from outside it (another draft, a recapture's update) starts a fresh history. */
  const freshHistory = (draft: Draft | null) => {
    history = emptyHistory(draft?.id ?? null);
    return { canUndo: false, canRedo: false, editingId: null, announcement: null };
  };

  const show = async (draft: Draft) => {
    set({ ...(draft === get().draft ? {} : freshHistory(draft)), draft, notice: null });
    await watchJobs(draft.id);
    // Not awaited: a long draft takes a while to scan, and Publish (which scans again) waits for nothing.
    scheduleScan();
  };

  return {
    phase: 'loading',
    tabId: null,
    draft: null,
    notice: null,
    capturing: false,
    job: null,
    liveHalo: null,
    askingConsent: false,
    findings: [],
    canUndo: false,
    canRedo: false,
    announcement: null,
    editingId: null,
    recapture: null,

    async init(tabId) {
      set({ tabId, draft: await getCurrentDraft() });
      await watchJobs(get().draft?.id);
      if (tabId !== null) await get().capture('auto');
      // After the first paint, and once even when the capture asked for a scan too.
      scheduleScan();
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
          else await show(adopted.status === 'opened' && adopted.draft.id === draft?.id ? draft : adopted.draft);
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

    setTitle(title) {
      edit((draft) => ({ ...draft, title }), 'title', 'title');
    },

    setNote(note) {
      edit((draft) => ({ ...draft, note }), 'note', 'note');
    },

    setIncluded(blockId, included) {
      edit(
        (draft) => setIncluded(draft, blockId, included),
        `${included ? 'include' : 'exclude'} block ${blockNumber(blockId)}`,
      );
    },

    applyFilter(filter) {
      edit((draft) => applyFilter(draft, filter), 'quick filter');
    },

    redact(findings) {
      edit((draft) => redactDraft(draft, findings), findings.length === 1 ? 'redaction' : 'redactions');
      set({ findings: get().findings.filter((f) => !findings.includes(f)) });
    },

    removeBlock(blockId) {
      const number = blockNumber(blockId);
      edit((draft) => removeBlock(draft, blockId), `delete block ${number}`);
      set({
        announcement: { text: `Block ${number} deleted.`, undoable: true },
        editingId: get().editingId === blockId ? null : get().editingId,
      });
    },

    moveBlock(blockId, toIndex) {
      const from = blockNumber(blockId);
      edit((draft) => moveBlock(draft, blockId, toIndex), `move block ${from}`);
      const to = blockNumber(blockId);
      if (to !== from) {
        set({
          announcement: {
            text: `Block ${from} moved to position ${to} of ${get().draft!.blocks.length}.`,
            undoable: true,
          },
        });
      }
    },

    updateBlockMarkdown(blockId, markdown) {
      edit(
        (draft) => updateBlockMarkdown(draft, blockId, markdown),
        `edit block ${blockNumber(blockId)}`,
        `block:${blockId}`,
      );
    },

    switchSpeaker(blockId) {
      const number = blockNumber(blockId);
      edit((draft) => switchSpeaker(draft, blockId), `switch speaker of block ${number}`);
      const block = get().draft?.blocks.find((b) => b.id === blockId)?.block;
      if (block?.type === 'message')
        set({ announcement: { text: `Block ${number} is now ${block.author}'s.`, undoable: true } });
    },

    addTextBlock(afterBlockId) {
      const id = newId();
      edit((draft) => addTextBlock(draft, id, afterBlockId), 'add text block');
      set({
        editingId: id,
        announcement: { text: `Text block added at position ${blockNumber(id)}.`, undoable: true },
      });
    },

    setEditing(blockId) {
      set({ editingId: blockId });
    },

    undo() {
      goBackOrForward('undo');
    },

    redo() {
      goBackOrForward('redo');
    },

    async publish(target = 'new') {
      const { draft } = get();
      if (!draft) return;
      publishTarget = target;
      if (!draft.blocks.some((b) => b.included)) {
        set({ notice: { code: 'invalid', message: 'Every block is excluded: include at least one to publish.' } });
        return;
      }
      const checked = validateHalo(draftToHalo(draft));
      if (!checked.ok) {
        set({ notice: { code: 'invalid', message: checked.problems.map((p) => p.message).join(' ') } });
        return;
      }
      const consent = await consentItem.getValue();
      if (!consent.publicLinkAcceptedAt) {
        set({ askingConsent: 'first' });
        return;
      }
      // Findings are re-checked now: the last edit may be newer than the last scan.
      await scan();
      if (get().findings.length > 0) {
        set({ askingConsent: 'findings' });
        return;
      }
      await sendToQueue();
    },

    async acceptConsent() {
      const asked = get().askingConsent;
      set({ askingConsent: false });
      if (asked === 'first') {
        await consentItem.setValue({ publicLinkAcceptedAt: new Date().toISOString() });
        // The first publish still stops for findings, like every other.
        await get().publish(publishTarget);
        return;
      }
      await sendToQueue();
    },

    cancelConsent() {
      set({ askingConsent: false });
    },

    async retry() {
      const { job } = get();
      if (!job) return;
      set({ job: await sendMessage('retryPublish', { jobId: job.id }) });
    },

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

    async resolveRecapture(choice) {
      const { recapture } = get();
      set({ recapture: null });
      if (!recapture || choice === 'cancel') return;
      if (choice === 'keep-both') {
        await show(await createFromCapture(recapture.capture));
        return;
      }
      const updated = await updateFromCapture(recapture.existing.id, recapture.capture);
      if (!updated) {
        await show(await createFromCapture(recapture.capture));
        return;
      }
      await show(updated.draft);
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

    async openDraft(id) {
      await get().flush();
      const draft = await loadDraft(id);
      if (!draft) return;
      await setCurrentDraft(id);
      await show(draft);
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
        set({ ...freshHistory(next), draft: next });
        await watchJobs(next?.id);
      }
      // Space was freed: the draft that could not be saved is saved now.
      if (get().notice?.code === 'storage_full') await get().flush();
    },
  };
});
