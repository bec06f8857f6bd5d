// The popup editor wired to its real store and (fake) extension storage (issue 4): include and
// filters, keyboard reorder, Markdown edit with live preview, delete with undo, undo/redo keys, bad input.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { saveDraft, setCurrentDraft } from '@/lib/draft/repository';
import { draftItem } from '@/lib/storage/items';
import { blockText } from '@/lib/halo/block-text';

const block = (id: string, b: DraftBlock['block'], included = true): DraftBlock => ({ id, included, block: b });
let draftId = 0;

const sample = (): DraftBlock[] => [
  block('q', { type: 'message', role: 'user', author: 'You', markdown: 'How do I sort?' }),
  block('r', { type: 'reasoning', author: 'ChatGPT', markdown: 'Thinking it over' }, false),
  block('a', { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'Use `sorted`.' }),
];

async function openEditor(blocks = sample()): Promise<string> {
  const id = `d${++draftId}`;
  const draft: Draft = {
    id,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    title: 'Sorting',
    note: '',
    source: { url: 'https://chatgpt.com/c/1', title: 'T', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00.000Z' },
    blocks,
    warnings: [],
    captureKey: `k${id}`,
    allowSearchEngines: false,
  };
  await saveDraft(draft);
  await setCurrentDraft(id);
  render(<App tabId={null} />);
  await screen.findByRole('list', { name: 'Content of the Halo' });
  return id;
}

const rows = () => screen.getAllByTestId('block');
const order = () => rows().map((li) => li.dataset.blockId);
const included = () => rows().map((li) => li.dataset.included === 'true');
const status = () => screen.getByTestId('edit-status').textContent;
const key = (init: KeyboardEventInit) => fireEvent.keyDown(document.activeElement ?? document.body, init);

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

it('includes and excludes blocks by checkbox and by quick filter (issue 4)', async () => {
  await openEditor();
  expect(included()).toEqual([true, false, true]);
  fireEvent.click(screen.getByRole('checkbox', { name: /2: ChatGPT reasoning/ }));
  expect(included()).toEqual([true, true, true]);
  fireEvent.click(screen.getByTestId('filter-questions'));
  expect(included()).toEqual([true, false, false]);
  fireEvent.click(screen.getByTestId('filter-answers'));
  expect(included()).toEqual([false, false, true]);
  fireEvent.click(screen.getByTestId('filter-all'));
  expect(included()).toEqual([true, true, true]);
});

it('reorders by keyboard: Alt+Arrow on a focused block moves it, announced, focus kept (issue 4)', async () => {
  await openEditor();
  const first = rows()[0]!;
  act(() => first.focus());
  key({ key: 'ArrowDown', altKey: true });
  expect(order()).toEqual(['r', 'q', 'a']);
  expect(status()).toContain('Block 1 moved to position 2 of 3.');
  await waitFor(() => expect(document.activeElement).toBe(first));
  key({ key: 'ArrowDown', altKey: true });
  expect(order()).toEqual(['r', 'a', 'q']);
  // At the end: nothing moves.
  key({ key: 'ArrowDown', altKey: true });
  expect(order()).toEqual(['r', 'a', 'q']);
  key({ key: 'ArrowUp', altKey: true });
  expect(order()).toEqual(['r', 'q', 'a']);
  // The buttons do the same.
  fireEvent.click(screen.getByRole('button', { name: 'Move block 1: ChatGPT reasoning down' }));
  expect(order()).toEqual(['q', 'r', 'a']);
});

it("edits a block's Markdown in place with a live preview, and keeps it (issue 4)", async () => {
  const id = await openEditor();
  const answer = rows()[2]!;
  fireEvent.click(within(answer).getByRole('button', { name: /Edit block 3/ }));
  const textarea = within(answer).getByRole('textbox', { name: 'Markdown of block 3' });
  expect(document.activeElement).toBe(textarea);
  fireEvent.change(textarea, { target: { value: 'Use **sorted** with <b>key</b>' } });
  const preview = within(answer).getByTestId('block-live-preview');
  await waitFor(() => expect(preview.querySelector('strong')?.textContent).toBe('sorted'));
  // Captured or typed markup stays text.
  expect(preview.querySelector('b')).toBeNull();
  expect(preview.textContent).toContain('<b>key</b>');
  // Escape closes the editor; the rendered block shows the edit.
  fireEvent.keyDown(textarea, { key: 'Escape' });
  expect(within(answer).queryByRole('textbox')).toBeNull();
  expect(answer.querySelector('strong')?.textContent).toBe('sorted');
  await waitFor(async () =>
    expect(blockText((await draftItem(id).getValue())!.blocks[2]!.block)).toBe('Use **sorted** with <b>key</b>'),
  );
});

it('deletes a block with Undo as the safety net, announced (issue 4)', async () => {
  await openEditor();
  fireEvent.click(screen.getByRole('button', { name: 'Delete block 2: ChatGPT reasoning' }));
  expect(order()).toEqual(['q', 'a']);
  expect(status()).toContain('Block 2 deleted.');
  fireEvent.click(within(screen.getByTestId('edit-status')).getByRole('button', { name: 'Undo' }));
  expect(order()).toEqual(['q', 'r', 'a']);
  expect(status()).toContain('Undone: delete block 2.');
  // The Delete key on a focused block does the same.
  act(() => rows()[0]!.focus());
  key({ key: 'Delete' });
  expect(order()).toEqual(['r', 'a']);
});

it('adds a text block after the one being edited, opened for typing (issue 4)', async () => {
  await openEditor();
  fireEvent.click(screen.getByRole('button', { name: /Edit block 1/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Add text block' }));
  expect(rows().map((li) => li.dataset.role)).toEqual(['user', 'text', 'reasoning', 'assistant']);
  const textarea = screen.getByRole('textbox', { name: 'Markdown of block 2' });
  expect(document.activeElement).toBe(textarea);
  fireEvent.change(textarea, { target: { value: 'My own words' } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
  const preview = screen.getByTestId('halo-preview');
  expect(preview.querySelector('h1')?.textContent).toBe('Sorting');
  // Excluded blocks are not published, so not previewed.
  expect(preview.textContent).toContain('My own words');
  expect(preview.textContent).not.toContain('Thinking it over');
  expect([...preview.querySelectorAll('.halo-speaker-name')].map((h) => h.textContent)).toEqual(['You', 'ChatGPT']);
});

it('undoes and redoes every kind of edit with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, typing bursts as one step (issue 4)', async () => {
  await openEditor();
  const title = screen.getByRole('textbox', { name: 'Title' });
  fireEvent.change(title, { target: { value: 'Sorting l' } });
  fireEvent.change(title, { target: { value: 'Sorting li' } });
  fireEvent.change(title, { target: { value: 'Sorting lists' } });
  fireEvent.click(screen.getByRole('checkbox', { name: /1: You/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Move block 3: ChatGPT up' }));
  expect(order()).toEqual(['q', 'a', 'r']);

  act(() => title.focus());
  key({ key: 'z', ctrlKey: true });
  expect(order()).toEqual(['q', 'r', 'a']);
  key({ key: 'z', ctrlKey: true });
  expect(included()[0]).toBe(true);
  key({ key: 'z', ctrlKey: true });
  // The whole burst of typing in the title is one step, even with focus in the field.
  expect((title as HTMLInputElement).value).toBe('Sorting');
  expect(screen.getByTestId('undo')).toHaveProperty('disabled', true);

  key({ key: 'Z', ctrlKey: true, shiftKey: true });
  expect((title as HTMLInputElement).value).toBe('Sorting lists');
  key({ key: 'y', ctrlKey: true });
  expect(included()[0]).toBe(false);
  fireEvent.click(screen.getByTestId('redo'));
  expect(order()).toEqual(['q', 'a', 'r']);
  expect(screen.getByTestId('redo')).toHaveProperty('disabled', true);
});

it('keeps a 5 MB block, deep nesting and lone surrogates: previewed, editable, saved, nothing lost (issue 4)', async () => {
  const huge = `${'All work and no play. '.repeat(240_000)}\nend of the huge block`;
  const deep = `${'>'.repeat(10_000)} deepest`;
  const id = await openEditor([
    block('huge', { type: 'text', markdown: huge }),
    block('deep', { type: 'text', markdown: deep }),
    block('bad', { type: 'text', markdown: 'cut \uD83D here' }),
  ]);
  const [hugeRow, deepRow, badRow] = rows();
  expect(hugeRow!.textContent).toMatch(/has 5,280,022 characters: too long to publish \(at most 2,000,000\)/);
  expect(deepRow!.textContent).toContain('deepest');
  expect(badRow!.textContent).toContain('cut \uFFFD here');

  fireEvent.click(within(hugeRow!).getByRole('button', { name: /Edit block 1/ }));
  fireEvent.change(within(hugeRow!).getByRole('textbox'), { target: { value: `${huge}!` } });
  fireEvent.click(screen.getByTestId('publish-button'));
  expect(await screen.findByText(/blocks\.0\.markdown: must be at most 2000000 characters/)).toBeTruthy();
  await waitFor(async () => expect(blockText((await draftItem(id).getValue())!.blocks[0]!.block)).toBe(`${huge}!`));
  expect(blockText((await draftItem(id).getValue())!.blocks[1]!.block)).toBe(deep);
  // A generous limit for jsdom on a shared machine: this guards against hangs, it measures nothing.
}, 30_000);
