import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { BlockActions } from '@/components/block-item';
import { BlockList, FIRST_ROWS } from '@/components/block-list';
import type { DraftBlock } from '@/lib/draft/draft';

afterEach(cleanup);

const actions = (): BlockActions => ({
  onToggle: vi.fn(),
  onEdit: vi.fn(),
  onRemove: vi.fn(),
  onMove: vi.fn(),
  onMarkdown: vi.fn(),
});

const blocks: DraftBlock[] = [
  { id: 'q', included: true, block: { type: 'message', role: 'user', author: 'You', markdown: 'What is **this**?' } },
  { id: 'r', included: false, block: { type: 'reasoning', author: 'ChatGPT', markdown: 'thinking' } },
  {
    id: 'a',
    included: true,
    block: { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: '<img src=x onerror=alert(1)> ok' },
  },
];

it('shows each block rendered, with its role and whether it is included (issue 4)', () => {
  render(<BlockList blocks={blocks} actions={actions()} />);
  const items = screen.getAllByTestId('block');
  expect(items.map((li) => [li.dataset.role, li.dataset.included])).toEqual([
    ['user', 'true'],
    ['reasoning', 'false'],
    ['assistant', 'true'],
  ]);
  expect(items[0]!.querySelector('strong')?.textContent).toBe('this');
  // Captured markup stays text in the preview.
  expect(items[2]!.querySelector('img')).toBeNull();
  expect(items[2]!.textContent).toContain('<img src=x onerror=alert(1)> ok');
});

it('includes and excludes a block with its labelled checkbox (issue 4)', () => {
  const { onToggle, ...rest } = actions();
  render(<BlockList blocks={blocks} actions={{ onToggle, ...rest }} />);
  const boxes = screen.getAllByRole('checkbox');
  expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, false, true]);
  fireEvent.click(screen.getByRole('checkbox', { name: /2: ChatGPT reasoning/ }));
  expect(onToggle).toHaveBeenCalledWith('r', true);
  fireEvent.click(boxes[0]!);
  expect(onToggle).toHaveBeenCalledWith('q', false);
});

it('opens a long draft with its first rows, then mounts every row (issue 4, 500-block drafts)', async () => {
  const many: DraftBlock[] = Array.from({ length: FIRST_ROWS + 40 }, (_, i) => ({
    id: `b${i}`,
    included: true,
    block: { type: 'text', markdown: `Block ${i}` },
  }));
  render(<BlockList blocks={many} actions={actions()} />);
  expect(screen.getAllByTestId('block')).toHaveLength(FIRST_ROWS);
  await waitFor(() => expect(screen.getAllByTestId('block')).toHaveLength(FIRST_ROWS + 40), { timeout: 5_000 });
  expect(screen.getAllByTestId('block').at(-1)!.textContent).toContain(`Block ${FIRST_ROWS + 39}`);
});
