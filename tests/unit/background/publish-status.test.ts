// The toolbar button tells how a publish stands when no popup is open (issue 5).
import { describe, expect, it } from 'vitest';
import { describeJob } from '@/lib/background/publish-status';
import type { PublishJob, PublishState } from '@/lib/publish/job';

const job = (state: PublishState): PublishJob => ({
  id: 'j1',
  draftId: 'd1',
  operation: 'create',
  idempotencyKey: 'halo-k',
  halo: null,
  endpoint: 'https://halo.example.com',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  attempts: 1,
  state,
});
const url = 'https://halo.example.com/h/abc';
const published = { status: 'published', url, haloId: 'abc', editToken: 'e', publishedAt: '2026-11-25T10:00:00Z' };

describe('describeJob (issue 5)', () => {
  it.each<[string, PublishState, { badge: string; title: string }]>([
    [
      'queued',
      { status: 'queued', nextAttemptAt: '2026-11-25T10:01:00Z' },
      { badge: '…', title: 'Halo: waiting to publish.' },
    ],
    [
      'queued after an error',
      {
        status: 'queued',
        nextAttemptAt: '2026-11-25T10:01:00Z',
        lastError: { code: 'network', message: 'Could not reach the Halo server.' },
      },
      { badge: '…', title: 'Halo: waiting to publish. Could not reach the Halo server.' },
    ],
    ['publishing', { status: 'publishing' }, { badge: '…', title: 'Halo: publishing…' }],
    [
      'published and copied',
      { ...published, status: 'published', copied: true },
      { badge: '✓', title: `Halo published. The link is on your clipboard: ${url}` },
    ],
    [
      'published, not copied',
      { ...published, status: 'published', copied: false },
      { badge: '✓', title: `Halo published: ${url}. It could not be copied: open Halo to copy the link.` },
    ],
    [
      'failed',
      {
        status: 'failed',
        error: { code: 'unauthorized', status: 401, message: 'Set the right token in the options.' },
      },
      { badge: '!', title: 'Halo: publishing failed. Set the right token in the options.' },
    ],
    ['unpublished', { status: 'unpublished', at: '2026-11-25T10:00:00Z' }, { badge: '', title: 'Halo: unpublished.' }],
  ])('%s', (_name, state, expected) => {
    expect(describeJob(job(state))).toEqual(expected);
  });

  it('says an update landed without claiming a copy (issue 4)', () => {
    const update = { ...job({ ...published, status: 'published', copied: false }), operation: 'update' as const };
    expect(describeJob(update)).toEqual({ badge: '✓', title: `Halo updated: ${url}` });
  });
});
