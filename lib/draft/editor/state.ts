import type { StoreApi } from 'zustand';
import type { CaptureErrorCode, FailureWording } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import type { CaptureSlice } from '@/lib/draft/editor/capture-slice';
import type { ComposeSlice } from '@/lib/draft/editor/compose-slice';
import type { EditingSlice } from '@/lib/draft/editor/editing-slice';
import type { FindingsSlice } from '@/lib/draft/editor/findings-slice';
import type { PersistenceSlice } from '@/lib/draft/editor/persistence-slice';
import type { PublishingSlice } from '@/lib/draft/editor/publishing-slice';

/**
 * The editor's state, one slice per concern (issue 12): capture, editing with its history,
 * composing sections from many tabs, findings, publishing with consent, and persistence of the draft. One store composes them
 * (lib/draft/store.ts), so the popup, the side panel and the editor in a tab share it.
 */
export type EditorState = PersistenceSlice &
  CaptureSlice &
  EditingSlice &
  ComposeSlice &
  FindingsSlice &
  PublishingSlice;

/** Edits reach storage at most this long after the first unsaved keystroke (and at once when the popup hides). */
export const SAVE_DEBOUNCE_MS = 250;

export interface Notice {
  code: CaptureErrorCode | 'invalid' | 'publish_refused' | 'storage_full' | 'recaptured' | 'added' | 'permission';
  message: string;
  /** A capture failure's sentence for other languages than English (lib/i18n/notice.ts). */
  wording?: FailureWording;
}

/** What the last edit, undo or redo did, for the aria-live region; `undoable` offers an Undo button. */
export interface Announcement {
  text: string;
  undoable: boolean;
}

export type SetEditor = StoreApi<EditorState>['setState'];
export type GetEditor = StoreApi<EditorState>['getState'];

/**
 * What one slice asks of another without putting it in the state: each slice fills in its own
 * part when the store is made (lib/draft/store.ts).
 */
export interface EditorInternals {
  /** Saves within SAVE_DEBOUNCE_MS and rescans findings (persistence). */
  scheduleSave(): void;
  /** Edits wait to be written (persistence). */
  hasUnsaved(): boolean;
  /** Findings are rescanned after SAVE_DEBOUNCE_MS (findings). */
  scheduleScan(): void;
  /** Scans now (findings): Publish checks the draft as it is. */
  scan(): Promise<void>;
  /** Applies a pure change, records it for undo and saves it (editing). */
  edit(change: (draft: Draft) => Draft, label: string, burstKey?: string | null): void;
  /**
   * A change another context already saved (a menu added a section): shown as one undo step, and
   * not written back, which could undo a newer write of the background.
   */
  adoptSaved(draft: Draft, label: string): void;
  /** A draft put in the editor from outside it starts a fresh history (editing). */
  freshHistory(draft: Draft | null): Partial<EditorState>;
  /** Shows a draft loaded from storage, with its jobs and findings (persistence). */
  show(draft: Draft): Promise<void>;
  /** Follows the draft's newest publish job and live Halo in storage (publishing). */
  watchJobs(draftId: string | undefined): Promise<void>;
}

export type SliceCreator<T> = (set: SetEditor, get: GetEditor, internals: EditorInternals) => T;
