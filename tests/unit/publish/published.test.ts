// The Published list's records (issue 4): they outlive drafts and follow updates and unpublishes.
import { expect, it } from 'vitest';
import type { PublishJob } from '@/lib/publish/job';
import {
  newestChangeJobs,
  publishedNewestFirst,
  recordEnded,
  recordPublished,
  recordUpdated,
} from '@/lib/publish/published';

const base = {
  url: 'http://127.0.0.1:8787/h/one',
  editToken: 'tok',
  endpoint: 'http://127.0.0.1:8787',
  title: 'First',
  draftId: 'd1',
};

it('records a publish, an update and an unpublish; unknown ids change nothing', () => {
  let records = recordPublished({}, { ...base, haloId: 'one', publishedAt: '2026-11-25T10:00:00.000Z' });
  expect(records.one).toMatchObject({ status: 'live', updatedAt: '2026-11-25T10:00:00.000Z', editToken: 'tok' });
  records = recordUpdated(records, 'one', 'First, edited', '2026-11-25T11:00:00.000Z');
  expect(records.one).toMatchObject({ title: 'First, edited', updatedAt: '2026-11-25T11:00:00.000Z' });
  records = recordEnded(records, 'one', 'unpublished', '2026-11-25T12:00:00.000Z');
  expect(records.one).toMatchObject({ status: 'unpublished', endedAt: '2026-11-25T12:00:00.000Z', url: base.url });
  expect(recordUpdated(records, 'nope', 'x', 'y')).toBe(records);
  expect(recordEnded(records, 'nope', 'missing', 'y')).toBe(records);
});

it('lists newest first and picks each Halo’s newest change job', () => {
  const records = {
    ...recordPublished({}, { ...base, haloId: 'old', publishedAt: '2026-11-24T10:00:00.000Z' }),
    ...recordPublished({}, { ...base, haloId: 'new', publishedAt: '2026-11-25T10:00:00.000Z' }),
  };
  expect(publishedNewestFirst(records).map((r) => r.haloId)).toEqual(['new', 'old']);

  const job = (id: string, operation: PublishJob['operation'], createdAt: string, haloId?: string): PublishJob => ({
    id,
    draftId: 'd1',
    operation,
    haloId,
    idempotencyKey: id,
    halo: null,
    endpoint: base.endpoint,
    createdAt,
    updatedAt: createdAt,
    attempts: 0,
    state: { status: 'queued', nextAttemptAt: createdAt },
  });
  const jobs = {
    c: job('c', 'create', '2026-11-25T10:00:00.000Z'),
    u1: job('u1', 'update', '2026-11-25T11:00:00.000Z', 'new'),
    d1: job('d1', 'delete', '2026-11-25T12:00:00.000Z', 'new'),
    u2: job('u2', 'update', '2026-11-25T09:00:00.000Z', 'old'),
  };
  expect(Object.fromEntries(Object.entries(newestChangeJobs(jobs)).map(([k, v]) => [k, v.id]))).toEqual({
    new: 'd1',
    old: 'u2',
  });
});
