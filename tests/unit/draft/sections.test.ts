// Sections (issue 12): one draft composed from many tabs; moving, folding, renaming and deleting a
// section, each undone in one step; a thread added again updates its section.
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { addToDraft, getCurrentDraft, updateFromCapture } from '@/lib/draft/repository';
import { addCaptureAsSection, addDropped, moveSection, sectionSpans } from '@/lib/draft/sections';
import { useEditor } from '@/lib/draft/store';
import { draftToHalo } from '@/lib/draft/to-halo';
import { blockText } from '@/lib/halo/block-text';
import { validateHalo } from '@/lib/halo/validate';
import { announceDraft } from '@/lib/messaging/draft-channel';

const chat = (turns: string[], url = 'https://chatgpt.com/c/plan'): Capture => ({
  kind: 'chat',
  title: 'The plan',
  source: { url, title: 'Plan', site: 'chatgpt', capturedAt: '2026-11-30T10:00:00.000Z' },
  blocks: turns.map((t, i) => ({
    block: { type: 'message', role: i % 2 ? 'assistant' : 'user', author: i % 2 ? 'ChatGPT' : 'You', markdown: t },
    included: true,
  })),
  warnings: [],
});
const article = (n: number): Capture => ({
  kind: 'article',
  title: `Article ${n}`,
  source: {
    url: `https://news${n}.example/a`,
    title: `Article ${n}`,
    site: `news${n}.example`,
    capturedAt: '2026-11-30T10:00:00.000Z',
  },
  blocks: [{ block: { type: 'text', markdown: `Body ${n}` }, included: true }],
  warnings: [],
});
let n = 0;
const ids = () => `id-${++n}`;
const titles = (draft: Draft) => draft.blocks.filter((b) => b.block.type === 'section').map((b) => blockText(b.block));

beforeEach(() => {
  fakeBrowser.reset();
  n = 0;
});

it('a draft of one thread becomes its first section when an article joins, keyed to its thread', async () => {
  await addToDraft(chat(['Q', 'A']));
  const added = await addToDraft(article(1));
  expect(added.status).toBe('added');
  const draft = (await getCurrentDraft())!;
  expect(titles(draft)).toEqual(['Plan', 'Article 1']);
  expect(draft.blocks.map((b) => blockText(b.block))).toEqual(['Plan', 'Q', 'A', 'Article 1', 'Body 1']);
  expect(validateHalo(draftToHalo(draft)).ok).toBe(true);
  // The same thread again is not added twice: it is offered as an update of its section.
  expect((await addToDraft(chat(['Q', 'A', 'Q2']))).status).toBe('same_thread');
  // Recapturing the draft's thread updates that section only; the article stays whole.
  const updated = (await updateFromCapture(draft.id, chat(['Q', 'A', 'Q2'])))!;
  expect(updated.added).toBe(1);
  expect(updated.draft.blocks.map((b) => blockText(b.block))).toEqual(['Plan', 'Q', 'A', 'Q2', 'Article 1', 'Body 1']);
});

it('moves a section with its blocks; the lead before the first section stays first', () => {
  let draft: Draft = {
    id: 'd',
    createdAt: '',
    updatedAt: '',
    title: 't',
    note: '',
    source: article(9).source,
    blocks: [],
    warnings: [],
    captureKey: 'k',
    allowSearchEngines: false,
  };
  for (const k of [1, 2, 3]) {
    const r = addCaptureAsSection(draft, article(k), ids);
    if (r.status !== 'added') throw new Error(r.status);
    draft = r.draft;
  }
  draft = {
    ...draft,
    blocks: [{ id: 'lead', included: true, block: { type: 'text', markdown: 'Lead' } }, ...draft.blocks],
  };
  const first = sectionSpans(draft.blocks)[0]!.id;
  const moved = moveSection(draft, first, 2);
  expect(moved.blocks.map((b) => blockText(b.block))).toEqual([
    'Lead',
    'Article 2',
    'Body 2',
    'Article 3',
    'Body 3',
    'Article 1',
    'Body 1',
  ]);
  expect(moveSection(draft, first, 0)).toBe(draft);
  expect(moveSection(draft, 'nope', 1)).toBe(draft);
  // 50 sections (bad input): still one pass, the last moved first.
  let many = draft;
  for (let k = 4; k <= 50; k++) {
    const r = addCaptureAsSection(many, article(k), ids);
    if (r.status === 'added') many = r.draft;
  }
  const spans = sectionSpans(many.blocks);
  expect(spans).toHaveLength(50);
  const last = moveSection(many, spans[49]!.id, 0);
  expect(titles(last).slice(0, 2)).toEqual(['Article 50', 'Article 1']);
});

it('the same drop twice adds nothing; a drop without a known page has no source link', () => {
  const base = addCaptureAsSection(
    {
      id: 'd',
      createdAt: '',
      updatedAt: '',
      title: 't',
      note: '',
      source: article(1).source,
      blocks: [],
      warnings: [],
      captureKey: 'k',
      allowSearchEngines: false,
    },
    article(1),
    ids,
  );
  if (base.status !== 'added') throw new Error(base.status);
  const once = addDropped(base.draft, { title: 'Dropped text', markdown: 'Hello', source: null }, ids);
  if (once.status !== 'added') throw new Error(once.status);
  expect(once.draft.blocks.at(-2)!.block).toEqual({ type: 'section', title: 'Dropped text' });
  expect(addDropped(once.draft, { title: 'Dropped text', markdown: 'Hello', source: null }, ids).status).toBe(
    'already_there',
  );
});

it('store: move, rename, fold and delete a section, each undone in one step', async () => {
  await addToDraft(article(1));
  await addToDraft(article(2));
  await addToDraft(article(3));
  await useEditor.getState().init(null);
  const s = () => useEditor.getState();
  const sections = () => titles(s().draft!);
  const [one, , three] = sectionSpans(s().draft!.blocks).map((x) => x.id);

  s().moveSection(three!, 0);
  expect(sections()).toEqual(['Article 3', 'Article 1', 'Article 2']);
  expect(s().announcement?.text).toBe('Section 3 moved to position 1 of 3.');
  s().undo();
  expect(sections()).toEqual(['Article 1', 'Article 2', 'Article 3']);

  s().renameSection(one!, 'Background');
  expect(sections()[0]).toBe('Background');
  s().undo();
  expect(sections()[0]).toBe('Article 1');

  s().setSectionCollapsed(one!, true);
  expect(s().draft!.blocks[0]!.collapsed).toBe(true);
  // Folding is not an edit of the Halo: the published blocks are the same.
  expect(draftToHalo(s().draft!).blocks).toHaveLength(6);

  s().removeSection(one!);
  expect(sections()).toEqual(['Article 2', 'Article 3']);
  expect(s().announcement).toEqual({ text: 'Section “Article 1” deleted.', undoable: true });
  s().undo();
  expect(sections()).toEqual(['Article 1', 'Article 2', 'Article 3']);
  expect(s().draft!.blocks.map((b) => blockText(b.block))).toContain('Body 1');
  await s().flush();
});

// The compose e2e lost a section: the side panel, hidden by a new tab, flushed its older copy of
// the draft over the one a menu had just added to. Hidden, the editor writes only unsaved edits.
it('store: hidden with nothing unsaved, the editor leaves a newer stored draft alone (issue 12)', async () => {
  const s = () => useEditor.getState();
  await addToDraft(article(1));
  await s().init(null);
  await addToDraft(article(2));
  await s().flushEdits();
  expect(titles((await getCurrentDraft())!)).toEqual(['Article 1', 'Article 2']);
  // An edit waiting to be saved is written.
  s().setTitle('Two articles');
  await s().flushEdits();
  expect((await getCurrentDraft())!.title).toBe('Two articles');
});

it('store: an add from a menu shows in a following editor when announced, before storage has it (issue 12)', async () => {
  const s = () => useEditor.getState();
  await addToDraft(article(1));
  await s().init(null);
  const stop = s().follow();
  try {
    const stored = (await getCurrentDraft())!;
    const added = addCaptureAsSection(stored, article(2), ids);
    if (added.status !== 'added') throw new Error(added.status);
    // Announced only: the write to storage has not ended yet.
    announceDraft({ ...added.draft, updatedAt: new Date(Date.now() + 1_000).toISOString() });
    await vi.waitFor(() => expect(titles(s().draft!)).toEqual(['Article 1', 'Article 2']));
    expect((await getCurrentDraft())!.blocks).toEqual(stored.blocks);
    // One undoable step, as when storage tells it.
    s().undo();
    expect(s().draft!.blocks).toEqual(stored.blocks);
  } finally {
    stop();
  }
});
