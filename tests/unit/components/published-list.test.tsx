import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { PublishedList } from '@/components/published-list';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';

afterEach(cleanup);

const now = Date.parse('2026-11-25T12:00:00.000Z');
const halo = (haloId: string, status: PublishedHalo['status'], draftId: string): PublishedHalo => ({
  haloId,
  url: `http://127.0.0.1:8787/h/${haloId}`,
  editToken: `secret-${haloId}`,
  endpoint: 'http://127.0.0.1:8787',
  title: `Halo ${haloId}`,
  draftId,
  publishedAt: '2026-11-25T11:00:00.000Z',
  updatedAt: '2026-11-25T11:00:00.000Z',
  status,
});
const failedUpdate: PublishJob = {
  id: 'job-1',
  draftId: 'd-live',
  operation: 'update',
  haloId: 'live',
  idempotencyKey: 'k',
  halo: null,
  endpoint: 'http://127.0.0.1:8787',
  createdAt: '2026-11-25T11:30:00.000Z',
  updatedAt: '2026-11-25T11:30:00.000Z',
  attempts: 1,
  state: { status: 'failed', error: { code: 'forbidden', status: 403, message: 'The server refused the change.' } },
};

it('lists each Halo with its link and status; Update needs the draft; Unpublish asks first (issue 4)', () => {
  const onUpdate = vi.fn();
  const onUnpublish = vi.fn();
  const onRetry = vi.fn();
  render(
    <PublishedList
      halos={[halo('live', 'live', 'd-live'), halo('orphan', 'live', 'deleted'), halo('gone', 'unpublished', 'd-live')]}
      jobs={{ live: failedUpdate }}
      draftIds={new Set(['d-live'])}
      onUpdate={onUpdate}
      onUnpublish={onUnpublish}
      onRetry={onRetry}
      now={now}
    />,
  );
  const items = screen.getAllByTestId('published-item');
  expect(items.map((li) => li.dataset.status)).toEqual(['live', 'live', 'unpublished']);
  expect(items[0]!.textContent).toContain('Published 1 hour ago');
  expect(items[2]!.textContent).toContain('Unpublished');
  expect(items[0]!.querySelector('a')?.getAttribute('href')).toBe('http://127.0.0.1:8787/h/live');
  // The edit token never reaches the page.
  expect(document.body.innerHTML).not.toContain('secret-');

  const updates = screen.getAllByTestId('published-update') as HTMLButtonElement[];
  expect(updates.map((b) => b.disabled)).toEqual([false, true]);
  fireEvent.click(updates[0]!);
  expect(onUpdate).toHaveBeenCalledWith('live');

  expect(items[0]!.textContent).toContain('Update failed: The server refused the change.');
  // A 403 may be the API token: the way to the options is offered.
  expect(screen.getByTestId('open-options')).toBeTruthy();
  fireEvent.click(screen.getByTestId('published-retry'));
  expect(onRetry).toHaveBeenCalledWith('job-1');

  fireEvent.click(screen.getAllByTestId('published-unpublish')[0]!);
  expect(onUnpublish).not.toHaveBeenCalled();
  fireEvent.click(screen.getByTestId('published-unpublish-confirm'));
  expect(onUnpublish).toHaveBeenCalledWith('live');
  // An unpublished Halo offers neither Update nor Unpublish.
  expect(items[2]!.querySelector('[data-testid="published-update"], [data-testid="published-unpublish"]')).toBeNull();
});
