import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';
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
import type { Announcement, SliceCreator } from '@/lib/draft/editor/state';
import { newId } from '@/lib/draft/from-capture';
import { shareUnchanged } from '@/lib/draft/share-unchanged';
import { emptyHistory, record, travel, type History } from '@/lib/draft/history';

export interface EditingSlice {
  canUndo: boolean;
  canRedo: boolean;
  announcement: Announcement | null;
  /** The block whose Markdown editor is open. */
  editingId: string | null;
  setTitle(title: string): void;
  setNote(note: string): void;
  setIncluded(blockId: string, included: boolean): void;
  applyFilter(filter: BlockFilter): void;
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
}

let history: History = emptyHistory();

export const createEditingSlice: SliceCreator<EditingSlice> = (set, get, internals) => {
  /**
   * Applies a pure change, records it for undo and saves it. `burstKey` names the field being
   * typed in, so a burst of keystrokes there is one undo step.
   */
  internals.edit = (change, label, burstKey = null) => {
    const { draft } = get();
    if (!draft) return;
    const changed = change(draft);
    if (changed === draft) return;
    history = record(history, draft, label, burstKey, Date.now());
    // The UI updates first; storage follows within SAVE_DEBOUNCE_MS.
    set({ draft: { ...changed, updatedAt: new Date().toISOString() }, canUndo: true, canRedo: false });
    internals.scheduleSave();
  };

  internals.adoptSaved = (saved, label) => {
    const { draft } = get();
    if (draft) history = record(history, draft, label, null, Date.now());
    set({ draft: shareUnchanged(draft, saved), canUndo: draft !== null, canRedo: false });
    internals.scheduleScan();
  };

  internals.freshHistory = (draft) => {
    history = emptyHistory(draft?.id ?? null);
    return { canUndo: false, canRedo: false, editingId: null, announcement: null };
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
      announcement: {
        text: i18n.t(direction === 'undo' ? 'announce.undone' : 'announce.redone', [moved.label]),
        undoable: false,
      },
      editingId: moved.draft.blocks.some((b) => b.id === editingId) ? editingId : null,
    });
    internals.scheduleSave();
  };

  const blockNumber = (blockId: string) => (get().draft?.blocks.findIndex((b) => b.id === blockId) ?? -1) + 1;
  const { edit } = internals;

  return {
    canUndo: false,
    canRedo: false,
    announcement: null,
    editingId: null,

    setTitle(title) {
      edit((draft) => ({ ...draft, title }), i18n.t('step.title'), 'title');
    },

    setNote(note) {
      edit((draft) => ({ ...draft, note }), i18n.t('step.note'), 'note');
    },

    setIncluded(blockId, included) {
      edit(
        (draft) => setIncluded(draft, blockId, included),
        i18n.t(included ? 'step.include' : 'step.exclude', [formatCount(blockNumber(blockId))]),
      );
    },

    applyFilter(filter) {
      edit((draft) => applyFilter(draft, filter), i18n.t('step.filter'));
    },

    removeBlock(blockId) {
      const number = blockNumber(blockId);
      edit((draft) => removeBlock(draft, blockId), i18n.t('step.deleteBlock', [formatCount(number)]));
      set({
        announcement: { text: i18n.t('announce.blockDeleted', [formatCount(number)]), undoable: true },
        editingId: get().editingId === blockId ? null : get().editingId,
      });
    },

    moveBlock(blockId, toIndex) {
      const from = blockNumber(blockId);
      edit((draft) => moveBlock(draft, blockId, toIndex), i18n.t('step.moveBlock', [formatCount(from)]));
      const to = blockNumber(blockId);
      if (to !== from) {
        set({
          announcement: {
            text: i18n.t('announce.blockMoved', [
              formatCount(from),
              formatCount(to),
              formatCount(get().draft!.blocks.length),
            ]),
            undoable: true,
          },
        });
      }
    },

    updateBlockMarkdown(blockId, markdown) {
      edit(
        (draft) => updateBlockMarkdown(draft, blockId, markdown),
        i18n.t('step.editBlock', [formatCount(blockNumber(blockId))]),
        `block:${blockId}`,
      );
    },

    switchSpeaker(blockId) {
      const number = blockNumber(blockId);
      edit((draft) => switchSpeaker(draft, blockId), i18n.t('step.switchSpeaker', [formatCount(number)]));
      const block = get().draft?.blocks.find((b) => b.id === blockId)?.block;
      if (block?.type === 'message')
        set({
          announcement: { text: i18n.t('announce.speakerNow', [formatCount(number), block.author]), undoable: true },
        });
    },

    addTextBlock(afterBlockId) {
      const id = newId();
      edit((draft) => addTextBlock(draft, id, afterBlockId), i18n.t('step.addText'));
      set({
        editingId: id,
        announcement: { text: i18n.t('announce.textAdded', [formatCount(blockNumber(id))]), undoable: true },
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
  };
};
