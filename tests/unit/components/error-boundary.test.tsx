// One failing part of the popup never takes the rest with it (issue 16).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { BlockActions } from '@/components/block-item';
import { BlockList } from '@/components/block-list';
import { ErrorBoundary } from '@/components/error-boundary';
import type { DraftBlock } from '@/lib/draft/draft';
import { nestedFrac } from '../../fixtures/fuzz/regressions';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const actions = (): BlockActions => ({
  onToggle: vi.fn(),
  onEdit: vi.fn(),
  onRemove: vi.fn(),
  onMove: vi.fn(),
  onMarkdown: vi.fn(),
});

it('shows the 2,000-deep formula as its source with a note; the other blocks render (issue 16)', () => {
  const blocks: DraftBlock[] = [
    { id: 'q', included: true, block: { type: 'message', role: 'user', author: 'You', markdown: 'Simplify **it**.' } },
    {
      id: 'a',
      included: true,
      block: { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: `$$${nestedFrac(2_000)}$$` },
    },
  ];
  render(<BlockList blocks={blocks} actions={actions()} />);
  const [question, answer] = screen.getAllByTestId('block');
  expect(question!.querySelector('strong')?.textContent).toBe('it');
  expect(answer!.querySelector('.halo-unrendered pre code')?.textContent).toBe(`$$${nestedFrac(2_000)}$$`);
  expect(answer!.querySelector('.halo-unrendered-note')?.textContent).toMatch(/nested too deeply/);
});

it('a block whose preview throws shows its message; every other block stays editable (issue 16)', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  // A stored draft from a broken build: a text block without Markdown makes the preview throw.
  const broken = { type: 'text' } as unknown as DraftBlock['block'];
  const blocks: DraftBlock[] = [
    { id: 'ok', included: true, block: { type: 'text', markdown: 'Fine **here**.' } },
    { id: 'bad', included: true, block: broken },
    { id: 'also', included: true, block: { type: 'text', markdown: 'Still fine.' } },
  ];
  const handlers = actions();
  render(<BlockList blocks={blocks} actions={handlers} />);
  const rows = screen.getAllByTestId('block');
  expect(rows).toHaveLength(3);
  const failure = rows[1]!.querySelector('[data-testid="render-failure"]');
  expect(failure?.getAttribute('role')).toBe('alert');
  expect(failure?.textContent).toMatch(/The preview of block 2 could not be displayed/);
  expect(rows[0]!.querySelector('strong')?.textContent).toBe('here');
  expect(rows[2]!.textContent).toContain('Still fine.');
  fireEvent.click(rows[2]!.querySelector('[data-testid="block-edit"]')!);
  expect(handlers.onEdit).toHaveBeenCalledWith('also');
  fireEvent.click(rows[1]!.querySelector('[data-testid="block-remove"]')!);
  expect(handlers.onRemove).toHaveBeenCalledWith('bad');
});

function Thrower({ fail }: { fail: boolean }) {
  if (fail) throw new Error('boom');
  return <p>rendered</p>;
}

it('says what failed and why, shows the source, reports once, and recovers when its input changes (issue 16)', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const onError = vi.fn();
  const view = (fail: boolean, key: number) => (
    <ErrorBoundary what="The preview of block 1" source="**as written**" resetKey={key} onError={onError}>
      <Thrower fail={fail} />
    </ErrorBoundary>
  );
  const { rerender } = render(view(true, 1));
  const alert = screen.getByRole('alert');
  expect(alert.textContent).toContain('The preview of block 1 could not be displayed (boom).');
  expect(alert.querySelector('pre')?.textContent).toBe('**as written**');
  expect(onError).toHaveBeenCalledTimes(1);
  rerender(view(false, 2));
  expect(screen.getByText('rendered')).toBeTruthy();
  expect(screen.queryByRole('alert')).toBeNull();
});

it('a view without source says the draft is kept, and "Try again" renders it again (issue 16)', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  let fail = true;
  function Flaky() {
    if (fail) throw new Error('store not ready');
    return <p>list</p>;
  }
  render(
    <ErrorBoundary what="the list of drafts">
      <Flaky />
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert').textContent).toContain('Your draft is kept');
  fail = false;
  fireEvent.click(screen.getByTestId('render-failure-retry'));
  expect(screen.getByText('list')).toBeTruthy();
});
