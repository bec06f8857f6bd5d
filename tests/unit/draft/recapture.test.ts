// Recapturing a thread that grew (issue 4): the draft is updated, the author's edits are kept.
import { expect, it } from 'vitest';
import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { setIncluded } from '@/lib/draft/edit-operations';
import { blockFingerprint, captureKey, draftFromCapture, threadOf } from '@/lib/draft/from-capture';
import { mergeRecapture } from '@/lib/draft/recapture';
import { blockText } from '@/lib/halo/block-text';
import type { ContentBlock } from '@/lib/halo/schema';

const user = (markdown: string): ContentBlock => ({ type: 'message', role: 'user', author: 'You', markdown });
const bot = (markdown: string): ContentBlock => ({ type: 'message', role: 'assistant', author: 'ChatGPT', markdown });

const thread = (blocks: ContentBlock[], url = 'https://chatgpt.com/c/abc'): Capture => ({
  kind: 'chat',
  title: 'Fibonacci',
  source: { url, title: 'Fibonacci', site: 'chatgpt', capturedAt: '2026-11-25T10:00:00.000Z' },
  blocks: blocks.map((block) => ({ block, included: block.type !== 'reasoning' })),
  warnings: [],
});

const first = thread([user('Q1'), bot('A1'), user('Q2'), bot('A2')]);
const edit = (draft: Draft, index: number, markdown: string): Draft => ({
  ...draft,
  blocks: draft.blocks.map((b, i) => (i === index ? { ...b, block: { ...b.block, markdown } } : b)),
});
const texts = (draft: Draft) => draft.blocks.map((b) => blockText(b.block));

it('appends the new turns and keeps title, note, edited text and exclusions (issue 4)', () => {
  let draft = draftFromCapture(first);
  draft = { ...draft, title: 'My title', note: 'My note', allowSearchEngines: true };
  draft = edit(draft, 1, 'A1, shortened by me');
  draft = setIncluded(draft, draft.blocks[2]!.id, false);

  const grown = thread([user('Q1'), bot('A1'), user('Q2'), bot('A2'), user('Q3'), bot('A3')]);
  const { draft: merged, added, dropped } = mergeRecapture(draft, grown, new Date('2026-11-25T11:00:00.000Z'));

  expect(texts(merged)).toEqual(['Q1', 'A1, shortened by me', 'Q2', 'A2', 'Q3', 'A3']);
  expect(merged.blocks.map((b) => b.included)).toEqual([true, true, false, true, true, true]);
  expect(merged.blocks.slice(0, 4).map((b) => b.id)).toEqual(draft.blocks.map((b) => b.id));
  expect([added, dropped]).toEqual([2, 0]);
  expect(merged).toMatchObject({
    id: draft.id,
    createdAt: draft.createdAt,
    title: 'My title',
    note: 'My note',
    allowSearchEngines: true,
    captureKey: captureKey(grown),
    updatedAt: '2026-11-25T11:00:00.000Z',
  });
});

it('keeps the author’s order: new last turns go to the end of the thread, others after their predecessor', () => {
  const draft = draftFromCapture(first);
  // The author moved the last answer to the top.
  const reordered = { ...draft, blocks: [draft.blocks[3]!, ...draft.blocks.slice(0, 3)] };
  const grown = thread([user('Q1'), bot('A1'), user('Q2'), bot('A2'), user('Q3')]);
  expect(texts(mergeRecapture(reordered, grown).draft)).toEqual(['A2', 'Q1', 'A1', 'Q2', 'Q3']);
  // A turn inserted mid-thread lands after its predecessor.
  const inserted = thread([user('Q1'), bot('A1'), bot('A1, continued'), user('Q2'), bot('A2')]);
  expect(texts(mergeRecapture(draft, inserted).draft)).toEqual(['Q1', 'A1', 'A1, continued', 'Q2', 'A2']);
});

it('drops turns the thread lost unless the author edited them; the author’s own blocks stay', () => {
  let draft = draftFromCapture(first);
  draft = edit(draft, 3, 'A2 with my fix');
  draft = {
    ...draft,
    blocks: [...draft.blocks, { id: 'mine', included: true, block: { type: 'text', markdown: 'My remark' } }],
  };
  // The answers were regenerated: A1 and A2 are gone from the thread.
  const regenerated = thread([user('Q1'), bot('A1 v2'), user('Q2'), bot('A2 v2')]);
  const { draft: merged, added, dropped } = mergeRecapture(draft, regenerated);
  expect(texts(merged)).toEqual(['Q1', 'A1 v2', 'Q2', 'A2 with my fix', 'A2 v2', 'My remark']);
  expect([added, dropped]).toEqual([2, 1]);
});

it('matches repeated identical turns in order', () => {
  const draft = draftFromCapture(thread([user('ok'), bot('Sure'), user('ok'), bot('Done')]));
  const grown = thread([user('ok'), bot('Sure'), user('ok'), bot('Done'), user('ok')]);
  const merged = mergeRecapture(draft, grown).draft;
  expect(merged.blocks.slice(0, 4).map((b) => b.id)).toEqual(draft.blocks.map((b) => b.id));
  expect(texts(merged)).toEqual(['ok', 'Sure', 'ok', 'Done', 'ok']);
});

it('never drops blocks of drafts saved before fingerprints, even edited ones', () => {
  const legacy = draftFromCapture(first);
  legacy.blocks = legacy.blocks.map(({ capturedAs: _, ...b }) => b);
  const edited = edit(legacy, 1, 'A1 edited before the upgrade');
  const merged = mergeRecapture(edited, thread([user('Q1'), bot('A1'), user('Q2'), bot('A2'), user('Q3')])).draft;
  expect(texts(merged)).toEqual(['Q1', 'A1', 'A1 edited before the upgrade', 'Q2', 'A2', 'Q3']);
});

it('fingerprints speaker and Markdown; threads are kind + URL without fragment', () => {
  expect(blockFingerprint(user('x'))).not.toBe(blockFingerprint(bot('x')));
  expect(blockFingerprint(user('x'))).toBe(blockFingerprint(user('x')));
  const key = captureKey(first);
  expect(threadOf(key)).toBe('chat|https://chatgpt.com/c/abc');
  expect(threadOf(captureKey(thread([user('other')], 'https://chatgpt.com/c/abc#m2')))).toBe(threadOf(key));
  expect(threadOf(captureKey({ ...first, kind: 'selection' }))).toBeNull();
  expect(threadOf(captureKey({ ...first, kind: 'article' }))).toBe('article|https://chatgpt.com/c/abc');
});
