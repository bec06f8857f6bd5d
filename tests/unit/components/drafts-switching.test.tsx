// Switching between kept drafts in the popup (issue 4): the chosen draft opens in the editor with
// its own title and blocks, becomes current, and an edit stays with the draft it was made in.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import type { Capture } from '@/lib/capture/types';
import { draftFromCapture } from '@/lib/draft/from-capture';
import { loadDraft, saveDraft, setCurrentDraft } from '@/lib/draft/repository';
import { draftIndexItem } from '@/lib/storage/items';

const page = (n: number, text: string): Capture => ({
  kind: 'article',
  title: `Article ${n}`,
  source: {
    url: `https://site${n}.example/a`,
    title: `Article ${n}`,
    site: `site${n}.example`,
    capturedAt: '2026-11-25T10:00:00.000Z',
  },
  blocks: [{ block: { type: 'text', markdown: text }, included: true }],
  warnings: [],
});

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const title = () => (screen.getByTestId('draft-title') as HTMLInputElement).value;

it('switches between two drafts and back, each keeping its edits (issue 4)', async () => {
  const one = draftFromCapture(page(1, 'First body'));
  const two = draftFromCapture(page(2, 'Second body'));
  await saveDraft(one);
  await saveDraft(two);
  await setCurrentDraft(two.id);

  render(<App tabId={null} />);
  await waitFor(() => expect(title()).toBe('Article 2'));

  fireEvent.click(screen.getByTestId('nav-drafts'));
  const items = await screen.findAllByTestId('draft-item');
  expect(items.map((li) => [li.textContent?.includes('site2.example'), li.dataset.current])).toEqual([
    [true, 'true'],
    [false, 'false'],
  ]);
  fireEvent.click(items[1]!.querySelector('[data-testid="draft-open"]')!);
  await waitFor(() => expect(title()).toBe('Article 1'));
  expect(screen.getByText('First body')).toBeTruthy();
  expect((await draftIndexItem.getValue()).currentId).toBe(one.id);

  fireEvent.change(screen.getByTestId('draft-title'), { target: { value: 'Article 1, renamed' } });
  fireEvent.click(screen.getByTestId('nav-drafts'));
  // Switching writes the pending edit first: nothing typed is lost.
  const again = await screen.findAllByTestId('draft-item');
  const second = again.find((li) => li.dataset.draftId === two.id)!;
  await act(async () => fireEvent.click(second.querySelector('[data-testid="draft-open"]')!));
  await waitFor(() => expect(title()).toBe('Article 2'));
  expect((await loadDraft(one.id))?.title).toBe('Article 1, renamed');
  expect((await loadDraft(two.id))?.title).toBe('Article 2');
});

it('deletes a draft after a confirmation', async () => {
  const one = draftFromCapture(page(1, 'First body'));
  const two = draftFromCapture(page(2, 'Second body'));
  await saveDraft(one);
  await saveDraft(two);
  render(<App tabId={null} />);
  fireEvent.click(await screen.findByTestId('nav-drafts'));
  const target = (await screen.findAllByTestId('draft-item')).find((li) => li.dataset.draftId === one.id)!;
  fireEvent.click(target.querySelector('[data-testid="draft-delete"]')!);
  expect(await loadDraft(one.id)).not.toBeNull();
  fireEvent.click(screen.getByTestId('draft-delete-confirm'));
  await waitFor(async () => expect(await loadDraft(one.id)).toBeNull());
  await waitFor(() => expect(screen.getAllByTestId('draft-item').map((li) => li.dataset.draftId)).toEqual([two.id]));
});

it('storage full: says so, offers the older drafts for deletion, then saves the draft kept on screen (issue 4)', async () => {
  const old = draftFromCapture(page(1, 'Old body'));
  const current = draftFromCapture(page(2, 'Current body'));
  await saveDraft(old);
  await saveDraft(current);
  await setCurrentDraft(current.id);
  render(<App tabId={null} />);
  await waitFor(() => expect(title()).toBe('Article 2'));

  // chrome.storage.local refuses writes past its quota; removing still works.
  const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
  fireEvent.change(screen.getByTestId('draft-title'), { target: { value: 'Typed with a full storage' } });
  const notice = await screen.findByTestId('popup-error', {}, { timeout: 3000 });
  expect(notice.dataset.code).toBe('storage_full');
  expect(notice.textContent).toMatch(/^Browser storage for Halo is full/);
  expect(title()).toBe('Typed with a full storage');
  const offered = screen.getAllByTestId('draft-item');
  expect(offered.map((li) => li.dataset.draftId)).toEqual([old.id]);

  set.mockRestore();
  fireEvent.click(offered[0]!.querySelector('[data-testid="draft-delete"]')!);
  fireEvent.click(screen.getByTestId('draft-delete-confirm'));
  await waitFor(() => expect(screen.queryByTestId('popup-error')).toBeNull());
  expect((await loadDraft(current.id))?.title).toBe('Typed with a full storage');
  expect(await loadDraft(old.id)).toBeNull();
});
