import { create } from 'zustand';
import { createCaptureSlice } from '@/lib/draft/editor/capture-slice';
import { createComposeSlice } from '@/lib/draft/editor/compose-slice';
import { createEditingSlice } from '@/lib/draft/editor/editing-slice';
import { createFindingsSlice } from '@/lib/draft/editor/findings-slice';
import { createPersistenceSlice } from '@/lib/draft/editor/persistence-slice';
import { createPublishingSlice } from '@/lib/draft/editor/publishing-slice';
import type { EditorInternals, EditorState } from '@/lib/draft/editor/state';

export { SAVE_DEBOUNCE_MS } from '@/lib/draft/editor/state';
export type { Announcement, EditorState, Notice } from '@/lib/draft/editor/state';

/**
 * The editor's one store, composed of a slice per concern (lib/draft/editor/): the popup, the
 * side panel and the editor in a tab each render from it. Slices reach each other's helpers
 * through `internals`, which each fills in as the store is made.
 */
export const useEditor = create<EditorState>()((set, get) => {
  const internals = {} as EditorInternals;
  return {
    ...createPersistenceSlice(set, get, internals),
    ...createCaptureSlice(set, get, internals),
    ...createEditingSlice(set, get, internals),
    ...createComposeSlice(set, get, internals),
    ...createFindingsSlice(set, get, internals),
    ...createPublishingSlice(set, get, internals),
  };
});
