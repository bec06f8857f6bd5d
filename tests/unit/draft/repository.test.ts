// Several drafts kept (issue 4): the index lists them from summaries; recapturing a thread that
// grew asks instead of duplicating; a full storage loses nothing.
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@/lib/capture/types';
import {
  adoptCapture,
  deleteDraft,
  getCurrentDraft,
  listDrafts,
  loadDraft,
  saveDraft,
  updateFromCapture,
} from '@/lib/draft/repository';
import { useEditor } from '@/lib/draft/store';
import { blockText } from '@/lib/halo/block-text';
import type { ContentBlock } from '@/lib/halo/schema';

const msg = (role: 'user' | 'assistant', markdown: string): ContentBlock => ({
  type: 'message',
  role,
  author: role === 'user' ? 'You' : 'Claude',
  markdown,
});
const chat = (turns: string[], url = 'https://claude.ai/chat/1'): Capture => ({
  kind: 'chat',
  title: `Thread ${url.slice(-1)}`,
  source: { url, title: 'Thread', site: 'claude', capturedAt: '2026-11-25T10:00:00.000Z' },
  blocks: turns.map((t, i) => ({ block: msg(i % 2 ? 'assistant' : 'user', t), included: true })),
  warnings: [],
});

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

it('lists drafts from the index, most recently edited first, without loading them', async () => {
  const a = await adoptCapture(chat(['a?'], 'https://claude.ai/chat/1'));
  const b = await adoptCapture(chat(['b?', 'b!'], 'https://claude.ai/chat/2'));
  if (a.status !== 'created' || b.status !== 'created') throw new Error('expected two new drafts');
  await saveDraft({ ...a.draft, title: 'A, edited', updatedAt: '2026-11-25T12:00:00.000Z' });
  const get = vi.spyOn(fakeBrowser.storage.local, 'get');
  const list = await listDrafts();
  expect(list.map((d) => [d.title, d.site, d.blocks])).toEqual([
    ['A, edited', 'claude', 1],
    ['Thread 2', 'claude', 2],
  ]);
  // One read of the index, none of the drafts.
  expect(get.mock.calls.flat(2).filter((k) => String(k).startsWith('draft:'))).toEqual([]);
});

it('reopens the same capture, asks about a grown thread, and updates it keeping edits (issue 4)', async () => {
  const first = await adoptCapture(chat(['Q1', 'A1']));
  if (first.status !== 'created') throw new Error('expected a new draft');
  await saveDraft({ ...first.draft, note: 'mine' });

  expect(await adoptCapture(chat(['Q1', 'A1']))).toMatchObject({ status: 'opened', draft: { note: 'mine' } });
  const grown = chat(['Q1', 'A1', 'Q2']);
  const asked = await adoptCapture(grown);
  expect(asked).toMatchObject({ status: 'same_thread', existing: { id: first.draft.id } });
  expect(await listDrafts()).toHaveLength(1);

  const updated = await updateFromCapture(first.draft.id, grown);
  expect(updated?.added).toBe(1);
  const stored = (await loadDraft(first.draft.id))!;
  expect(stored.note).toBe('mine');
  expect(stored.blocks.map((b) => blockText(b.block))).toEqual(['Q1', 'A1', 'Q2']);
  // The updated draft is now the one this capture reopens.
  expect(await adoptCapture(grown)).toMatchObject({ status: 'opened' });
});

it('deleting the current draft makes the next most recent one current', async () => {
  await adoptCapture(chat(['one'], 'https://claude.ai/chat/1'));
  const two = await adoptCapture(chat(['two'], 'https://claude.ai/chat/2'));
  if (two.status !== 'created') throw new Error('expected a new draft');
  await deleteDraft(two.draft.id);
  expect(blockText((await getCurrentDraft())!.blocks[0]!.block)).toBe('one');
  expect(await loadDraft(two.draft.id)).toBeNull();
});

it('storage full: a clear message, the draft kept in the editor and saved once older drafts are deleted (issue 4)', async () => {
  const old = await adoptCapture(chat(['old'], 'https://claude.ai/chat/1'));
  const current = await adoptCapture(chat(['current'], 'https://claude.ai/chat/2'));
  if (old.status !== 'created' || current.status !== 'created') throw new Error('expected two new drafts');
  await useEditor.getState().init(null);
  expect(useEditor.getState().draft?.id).toBe(current.draft.id);

  // chrome.storage.local's own refusal past its quota; removals still work, as in Chrome.
  const set = vi
    .spyOn(fakeBrowser.storage.local, 'set')
    .mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));
  useEditor.getState().setTitle('Typed while the storage is full');
  await useEditor.getState().flush();
  const state = useEditor.getState();
  expect(state.notice).toMatchObject({
    code: 'storage_full',
    message: expect.stringMatching(/^Browser storage for Halo is full/),
  });
  expect(state.draft?.title).toBe('Typed while the storage is full');
  expect((await loadDraft(current.draft.id))?.title).toBe('Thread 2');

  set.mockRestore();
  await useEditor.getState().deleteDraft(old.draft.id);
  expect(useEditor.getState().notice).toBeNull();
  expect((await loadDraft(current.draft.id))?.title).toBe('Typed while the storage is full');
  expect((await listDrafts()).map((d) => d.id)).toEqual([current.draft.id]);
});
