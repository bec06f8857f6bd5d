import type { Capture } from '@/lib/capture/types';
import { formatCount } from '@/lib/i18n/ui-locale';
import { i18n } from '#i18n';
import { readDropped, type DroppedData } from '@/lib/capture/dropped';
import { findTab, requestSiteAccess } from '@/lib/capture/tab-access';
import type { Draft } from '@/lib/draft/draft';
import { newId } from '@/lib/draft/from-capture';
import { createFromCapture, getCurrentDraft } from '@/lib/draft/repository';
import {
  addCaptureAsSection,
  addDropped,
  moveSection,
  removeSection,
  renameSection,
  sectionSpans,
  setCollapsed,
  updateSection,
  WHOLE_DRAFT,
  type AddResult,
} from '@/lib/draft/sections';
import type { SliceCreator } from '@/lib/draft/editor/state';
import type { Source } from '@/lib/halo/schema';
import { onDraftAnnounced } from '@/lib/messaging/draft-channel';
import { sendMessage } from '@/lib/messaging/protocol';
import { draftIndexItem, draftItem, pendingAddItem } from '@/lib/storage/items';

/** How to add a tab the panel may not read: the two ways that grant access for that tab. */
export const addByMenuOrShortcut = () => i18n.t('editorNotice.addByMenu');

export interface ComposeSlice {
  /** A thread added again that is already a section: the user updates that section or adds it again. */
  sectionOffer: { capture: Capture; sectionId: string; title: string } | null;
  /** Adding from a tab or a drop is under way. */
  adding: boolean;
  moveSection(sectionId: string, toSection: number): void;
  removeSection(sectionId: string): void;
  renameSection(sectionId: string, title: string): void;
  setSectionCollapsed(sectionId: string, collapsed: boolean): void;
  /** "Add this tab" in the side panel: the tab the panel sits beside. */
  addTab(tabId: number): Promise<void>;
  /** A section's "Update from its page": asks for that one site when the panel may not read it. */
  refreshSection(sectionId: string, askAgain?: boolean): Promise<void>;
  addDropped(data: DroppedData, page: Source | null): void;
  resolveSectionOffer(choice: 'update' | 'add-again' | 'cancel'): Promise<void>;
  /**
   * Follows the current draft in storage (the side panel, issue 12): another draft made current,
   * or blocks added from a menu, show at once. Answers the function that stops following.
   */
  follow(): () => void;
}

export const createComposeSlice: SliceCreator<ComposeSlice> = (set, get, internals) => {
  const sectionTitle = (sectionId: string) => {
    if (sectionId === WHOLE_DRAFT) return get().draft?.title || 'Untitled';
    const block = get().draft?.blocks.find((b) => b.id === sectionId)?.block;
    return block?.type === 'section' ? block.title || 'Untitled section' : 'section';
  };
  const sectionNumber = (draft: Draft, sectionId: string) =>
    sectionSpans(draft.blocks).findIndex((s) => s.id === sectionId) + 1;

  /** Puts an addition into the open draft as one undoable step, or says why nothing changed. */
  const apply = (result: AddResult, capture: Capture | null, label: string) => {
    if (result.status === 'same_thread' && capture) {
      set({ sectionOffer: { capture, sectionId: result.sectionId, title: sectionTitle(result.sectionId) } });
      return;
    }
    if (result.status === 'already_there') {
      set({ notice: { code: 'added', message: i18n.t('editorNotice.alreadyThere') } });
      return;
    }
    if (result.status !== 'added') return;
    internals.edit(() => result.draft, label);
    const n = sectionNumber(get().draft!, result.sectionId);
    set({
      notice: null,
      announcement: {
        text: i18n.t('announce.sectionAdded', result.added, [label, formatCount(n), formatCount(result.added)]),
        undoable: true,
      },
    });
  };

  const addCapture = async (capture: Capture, again = false) => {
    const { draft } = get();
    if (!draft) {
      await internals.show(await createFromCapture(capture));
      return;
    }
    apply(addCaptureAsSection(draft, capture, newId, again), capture, i18n.t('step.added', [capture.title]));
  };

  const capturePage = async (tabId: number) => {
    try {
      return await sendMessage('captureTab', { tabId, mode: 'any' });
    } catch (error) {
      // The tab closed mid-capture, or the background restarted: nothing changes.
      return {
        ok: false as const,
        code: 'failed' as const,
        message: i18n.t('editorNotice.nothingAdded', [String((error as Error)?.message ?? error)]),
      };
    }
  };

  return {
    sectionOffer: null,
    adding: false,

    moveSection(sectionId, toSection) {
      const { draft } = get();
      if (!draft) return;
      const from = sectionNumber(draft, sectionId);
      internals.edit((d) => moveSection(d, sectionId, toSection), i18n.t('step.moveSection', [formatCount(from)]));
      const to = sectionNumber(get().draft!, sectionId);
      if (to !== from) {
        const count = sectionSpans(get().draft!.blocks).length;
        set({
          announcement: {
            text: i18n.t('announce.sectionMoved', [formatCount(from), formatCount(to), formatCount(count)]),
            undoable: true,
          },
        });
      }
    },

    removeSection(sectionId) {
      const { draft } = get();
      if (!draft) return;
      const title = sectionTitle(sectionId);
      internals.edit((d) => removeSection(d, sectionId), i18n.t('step.deleteSection', [title]));
      set({ announcement: { text: i18n.t('announce.sectionDeleted', [title]), undoable: true }, editingId: null });
    },

    renameSection(sectionId, title) {
      internals.edit((d) => renameSection(d, sectionId, title), i18n.t('step.renameSection'), `section:${sectionId}`);
    },

    setSectionCollapsed(sectionId, collapsed) {
      // Folding is a view of the draft, kept with it but not an undo step.
      const { draft } = get();
      if (!draft) return;
      const changed = setCollapsed(draft, sectionId, collapsed);
      if (changed === draft) return;
      set({ draft: changed });
      internals.scheduleSave();
    },

    async addTab(tabId) {
      set({ adding: true });
      try {
        const result = await capturePage(tabId);
        if (!result.ok) {
          const message =
            result.code === 'restricted_page'
              ? i18n.t('editorNotice.mayNotRead', [addByMenuOrShortcut()])
              : result.message;
          const wording = result.code === 'restricted_page' ? undefined : result.wording;
          set({ notice: { code: result.code === 'restricted_page' ? 'permission' : result.code, message, wording } });
          return;
        }
        await addCapture(result.capture);
      } finally {
        set({ adding: false });
      }
    },

    async refreshSection(sectionId, askAgain = false) {
      const section = get().draft?.blocks.find((b) => b.id === sectionId)?.block;
      if (section?.type !== 'section' || !section.source) return;
      const { url } = section.source;
      const site = new URL(url).host;
      // First, within the click's gesture: the browser asks the user about this one site.
      const access = await requestSiteAccess(url, askAgain);
      if (access === 'refused') {
        set({
          notice: {
            code: 'permission',
            message: i18n.t('editorNotice.notAllowed', [site, addByMenuOrShortcut()]),
          },
        });
        return;
      }
      const tabId = await findTab(url);
      if (tabId === null) {
        set({ notice: { code: 'failed', message: i18n.t('editorNotice.noOpenTab', [url]) } });
        return;
      }
      set({ adding: true });
      try {
        const result = await capturePage(tabId);
        if (!result.ok) {
          set({ notice: { code: result.code, message: result.message, wording: result.wording } });
          return;
        }
        set({ sectionOffer: { capture: result.capture, sectionId, title: sectionTitle(sectionId) } });
        await get().resolveSectionOffer('update');
      } finally {
        set({ adding: false });
      }
    },

    addDropped(data, page) {
      const dropped = readDropped(data, page);
      if (!dropped) {
        set({
          notice: {
            code: 'empty',
            message: i18n.t('editorNotice.emptyDrop'),
          },
        });
        return;
      }
      const { draft } = get();
      if (!draft) {
        set({ notice: { code: 'invalid', message: i18n.t('editorNotice.dropNeedsTab') } });
        return;
      }
      apply(addDropped(draft, dropped, newId), null, i18n.t('step.added', [dropped.title]));
      if (!dropped.source)
        set({
          notice: {
            code: 'added',
            message: i18n.t('editorNotice.noSource'),
          },
        });
    },

    async resolveSectionOffer(choice) {
      const offer = get().sectionOffer;
      set({ sectionOffer: null });
      void pendingAddItem.setValue(null);
      if (!offer || choice === 'cancel') return;
      if (choice === 'add-again') {
        await addCapture(offer.capture, true);
        return;
      }
      const { draft } = get();
      const updated = draft && updateSection(draft, offer.sectionId, offer.capture);
      if (!updated) {
        await addCapture(offer.capture, true);
        return;
      }
      internals.edit(() => updated.draft, i18n.t('step.updateSection', [offer.title]));
      const { added, dropped } = updated;
      set({
        notice: {
          code: 'recaptured',
          message: i18n.t('editorNotice.sectionUpdated', added, [
            formatCount(added),
            dropped ? i18n.t('editorNotice.removed', [formatCount(dropped)]) : '',
          ]),
        },
      });
    },

    follow() {
      // A change of the draft's own item brings its new value: reading it back from storage again
      // cost an add to a 1,000-block draft a second round trip of its whole content (issue 12).
      const reload = async (changed?: Draft | null) => {
        const stored = changed ?? (await getCurrentDraft());
        const { draft } = get();
        if (!stored) return;
        if (stored.id !== draft?.id) {
          await get().flush();
          await internals.show(stored);
        } else if (stored.updatedAt > draft.updatedAt && !internals.hasUnsaved()) {
          // Added from a menu or the shortcut while the panel was open: one undoable step.
          internals.adoptSaved(stored, i18n.t('step.addFromTab'));
        }
      };
      const offer = async () => {
        const pending = await pendingAddItem.getValue();
        if (!pending || pending.draftId !== get().draft?.id) return;
        set({
          sectionOffer: {
            capture: pending.capture,
            sectionId: pending.sectionId,
            title: sectionTitle(pending.sectionId),
          },
        });
      };
      void offer();
      let unwatchDraft = get().draft ? draftItem(get().draft!.id).watch((value) => void reload(value)) : () => {};
      const unwatchIndex = draftIndexItem.watch((index, previous) => {
        if (index?.currentId === previous?.currentId) return;
        unwatchDraft();
        unwatchDraft = index?.currentId ? draftItem(index.currentId).watch((value) => void reload(value)) : () => {};
        void reload();
      });
      const unwatchPending = pendingAddItem.watch(() => void offer());
      // An add from a menu or the shortcut, told before its write to storage ends.
      const unwatchAnnounced = onDraftAnnounced((announced) => {
        if (announced.id === get().draft?.id) void reload(announced);
      });
      // What changed between the editor's first read and these watches (an add from a menu while
      // the panel opened) would otherwise show only at the next change: read once more now.
      void reload();
      return () => {
        unwatchDraft();
        unwatchIndex();
        unwatchPending();
        unwatchAnnounced();
      };
    },
  };
};
