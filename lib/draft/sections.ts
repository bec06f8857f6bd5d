import type { Capture } from '@/lib/capture/types';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { blockFingerprint, captureKey, draftFromCapture, threadOf } from '@/lib/draft/from-capture';
import { mergeRecapture } from '@/lib/draft/recapture';
import type { Source } from '@/lib/halo/schema';

/**
 * Sections of a draft (issue 12). The draft stays a flat list, as the wire format is: a section
 * block opens a section, which holds the blocks after it until the next section. Blocks before
 * the first section are the draft's lead (its note-like opening), never moved by section edits.
 * Every operation is pure and returns the same draft when nothing changes, so the store records
 * undo steps for real changes only.
 */

export interface SectionSpan {
  /** The section block's id. */
  id: string;
  /** Index of the section block in draft.blocks. */
  start: number;
  /** Index after its last block. */
  end: number;
}

export const isSection = (b: DraftBlock): boolean => b.block.type === 'section';

export function hasSections(draft: Draft): boolean {
  return draft.blocks.some(isSection);
}

export function sectionSpans(blocks: readonly DraftBlock[]): SectionSpan[] {
  const spans: SectionSpan[] = [];
  blocks.forEach((b, i) => {
    if (!isSection(b)) return;
    const last = spans.at(-1);
    if (last) last.end = i;
    spans.push({ id: b.id, start: i, end: blocks.length });
  });
  return spans;
}

/** The section block for a source, with the key that recognises its thread later. */
export function sectionBlock(id: string, title: string, source: Source | undefined, key?: string): DraftBlock {
  return {
    id,
    included: true,
    block: { type: 'section', title: title.slice(0, 1000), ...(source ? { source } : {}) },
    ...(key ? { captureKey: key } : {}),
  };
}

/** Moves a section with its blocks to position `toSection` among the sections (clamped). */
export function moveSection(draft: Draft, sectionId: string, toSection: number): Draft {
  const spans = sectionSpans(draft.blocks);
  const from = spans.findIndex((s) => s.id === sectionId);
  if (from === -1) return draft;
  const to = Math.max(0, Math.min(spans.length - 1, toSection));
  if (to === from) return draft;
  const lead = draft.blocks.slice(0, spans[0]!.start);
  const groups = spans.map((s) => draft.blocks.slice(s.start, s.end));
  const [moved] = groups.splice(from, 1);
  groups.splice(to, 0, moved!);
  return { ...draft, blocks: [...lead, ...groups.flat()] };
}

/** Removes a section and every block in it. */
export function removeSection(draft: Draft, sectionId: string): Draft {
  const span = sectionSpans(draft.blocks).find((s) => s.id === sectionId);
  if (!span) return draft;
  return { ...draft, blocks: [...draft.blocks.slice(0, span.start), ...draft.blocks.slice(span.end)] };
}

export function renameSection(draft: Draft, sectionId: string, title: string): Draft {
  return {
    ...draft,
    blocks: draft.blocks.map((b) =>
      b.id === sectionId && b.block.type === 'section' ? { ...b, block: { ...b.block, title } } : b,
    ),
  };
}

export function setCollapsed(draft: Draft, sectionId: string, collapsed: boolean): Draft {
  const at = draft.blocks.findIndex((b) => b.id === sectionId && isSection(b));
  if (at === -1 || Boolean(draft.blocks[at]!.collapsed) === collapsed) return draft;
  const blocks = [...draft.blocks];
  blocks[at] = { ...blocks[at]!, collapsed };
  return { ...draft, blocks };
}

/** The section that holds what this capture is of (the same chat thread or article), if any. */
export function sectionOfThread(draft: Draft, capture: Capture): DraftBlock | null {
  const thread = threadOf(captureKey(capture));
  if (!thread) return null;
  return draft.blocks.find((b) => isSection(b) && b.captureKey && threadOf(b.captureKey) === thread) ?? null;
}

/**
 * A draft made of one source becomes its first section when a second source joins: the draft's
 * own source gives it a title and link. Blocks that carried their own page (collections of
 * selections before issue 12) start a section at each change of page.
 */
export function sectioned(draft: Draft, newId: () => string): Draft {
  if (hasSections(draft) || draft.blocks.length === 0) return draft;
  const blocks: DraftBlock[] = [];
  let url: string | null = null;
  for (const b of draft.blocks) {
    const source = b.block.source ?? draft.source;
    if (source.url !== url) {
      url = source.url;
      // The draft's own capture key names the first section's thread, so it can be updated later.
      const key = source.url === draft.source.url ? draft.captureKey : undefined;
      blocks.push(sectionBlock(newId(), source.title || source.site, source, key));
    }
    const { source: _ownPage, ...block } = b.block;
    blocks.push({ ...b, block });
  }
  return { ...draft, blocks };
}

/** The section id that names a whole draft not yet in sections. */
export const WHOLE_DRAFT = '';

export type AddResult =
  | { status: 'added'; draft: Draft; added: number; sectionId: string }
  /** Everything in the capture is already in that section (the same selection dropped twice). */
  | { status: 'already_there'; sectionId: string }
  /** The thread is already a section: the user chooses to update it or add it again. */
  | { status: 'same_thread'; sectionId: string };

/**
 * Adds a capture to a draft as a section of its own (issue 12). A selection from the page the
 * last section came from joins that section; a thread or article already in the draft is not
 * added twice unless `again` says so: updateSection is the other choice.
 */
export function addCaptureAsSection(draft: Draft, capture: Capture, newId: () => string, again = false): AddResult {
  const key = captureKey(capture);
  const existing = sectionOfThread(draft, capture);
  if (existing && !again) return { status: 'same_thread', sectionId: existing.id };
  // A draft of one thread, not yet in sections: the thread is the whole draft (WHOLE_DRAFT).
  if (!again && !hasSections(draft) && threadOf(key) && threadOf(key) === threadOf(draft.captureKey))
    return { status: 'same_thread', sectionId: WHOLE_DRAFT };
  const fresh = draftFromCapture(capture).blocks.map((b) => ({ ...b, id: newId() }));
  // A selection from the page a one-source draft came from joins it as it is, without sections.
  if (capture.kind === 'selection' && !hasSections(draft) && capture.source.url === draft.source.url) {
    const known = new Set(draft.blocks.map((b) => b.capturedAs));
    const added = fresh.filter((b) => !known.has(b.capturedAs));
    if (added.length === 0) return { status: 'already_there', sectionId: WHOLE_DRAFT };
    return {
      status: 'added',
      draft: { ...draft, blocks: [...draft.blocks, ...added] },
      added: added.length,
      sectionId: WHOLE_DRAFT,
    };
  }
  const base = sectioned(draft, newId);
  const spans = sectionSpans(base.blocks);
  const last = spans.at(-1);
  const lastBlock = last && base.blocks[last.start]!;
  if (
    last &&
    capture.kind === 'selection' &&
    lastBlock?.block.type === 'section' &&
    lastBlock.block.source?.url === capture.source.url
  ) {
    const known = new Set(base.blocks.slice(last.start + 1, last.end).map((b) => b.capturedAs));
    const added = fresh.filter((b) => !known.has(b.capturedAs));
    if (added.length === 0) return { status: 'already_there', sectionId: last.id };
    return {
      status: 'added',
      draft: { ...base, blocks: [...base.blocks, ...added] },
      added: added.length,
      sectionId: last.id,
    };
  }
  const title = capture.title || capture.source.title || capture.source.site;
  return appendSection(base, sectionBlock(newId(), title, capture.source, captureKey(capture)), fresh);
}

/** A new section at the end of the draft, holding `blocks`. */
export function appendSection(
  draft: Draft,
  section: DraftBlock,
  blocks: DraftBlock[],
): AddResult & { status: 'added' } {
  return {
    status: 'added',
    draft: { ...draft, blocks: [...draft.blocks, section, ...blocks] },
    added: blocks.length,
    sectionId: section.id,
  };
}

/**
 * Something dropped into the side panel (lib/capture/dropped.ts): a section of its own, or the
 * last section when it came from the same page. The same drop twice adds nothing (bad input).
 */
export function addDropped(
  draft: Draft,
  dropped: { title: string; markdown: string; source: Source | null },
  newId: () => string,
): AddResult {
  const block: DraftBlock = {
    id: newId(),
    included: true,
    block: { type: 'text', markdown: dropped.markdown },
    capturedAs: blockFingerprint({ type: 'text', markdown: dropped.markdown }),
  };
  if (draft.blocks.some((b) => b.capturedAs === block.capturedAs)) {
    const span = sectionSpans(draft.blocks).find((s) =>
      draft.blocks.slice(s.start, s.end).some((b) => b.capturedAs === block.capturedAs),
    );
    return { status: 'already_there', sectionId: span?.id ?? '' };
  }
  // From the page a one-source draft came from: it joins the draft as it is, without sections.
  if (!hasSections(draft) && dropped.source?.url === draft.source.url)
    return { status: 'added', draft: { ...draft, blocks: [...draft.blocks, block] }, added: 1, sectionId: WHOLE_DRAFT };
  const base = sectioned(draft, newId);
  const last = sectionSpans(base.blocks).at(-1);
  const head = last && base.blocks[last.start]!.block;
  if (last && head?.type === 'section' && dropped.source && head.source?.url === dropped.source.url) {
    return { status: 'added', draft: { ...base, blocks: [...base.blocks, block] }, added: 1, sectionId: last.id };
  }
  return appendSection(base, sectionBlock(newId(), dropped.title, dropped.source ?? undefined), [block]);
}

/**
 * "Update that section": the section's blocks are merged with the new capture as recapture does
 * for a whole draft (lib/draft/recapture.ts): edits kept, new turns added, vanished unedited
 * turns dropped. The section's title stays the author's; its source and key become the new ones.
 */
export function updateSection(
  draft: Draft,
  sectionId: string,
  capture: Capture,
  now: Date = new Date(),
): { draft: Draft; added: number; dropped: number } | null {
  if (sectionId === WHOLE_DRAFT && !hasSections(draft)) return mergeRecapture(draft, capture, now);
  const span = sectionSpans(draft.blocks).find((s) => s.id === sectionId);
  if (!span) return null;
  const section = draft.blocks[span.start]!;
  const inner: Draft = {
    ...draft,
    source: capture.source,
    blocks: draft.blocks.slice(span.start + 1, span.end),
  };
  const merged = mergeRecapture(inner, capture, now);
  const head: DraftBlock = {
    ...section,
    block: section.block.type === 'section' ? { ...section.block, source: capture.source } : section.block,
    captureKey: captureKey(capture),
  };
  return {
    draft: {
      ...draft,
      updatedAt: now.toISOString(),
      blocks: [...draft.blocks.slice(0, span.start), head, ...merged.draft.blocks, ...draft.blocks.slice(span.end)],
    },
    added: merged.added,
    dropped: merged.dropped,
  };
}
