import type { PublishJob } from '@/lib/publish/job';

/**
 * The Halos this browser published (issue 4, "Published Halos"): one record per Halo, written by
 * the background's queue as jobs finish. Pure record functions here; storage in items.ts.
 */
export type PublishedStatus = 'live' | 'unpublished' | 'missing';

export interface PublishedHalo {
  haloId: string;
  url: string;
  /** Allows PUT and DELETE of this Halo; returned once by the server, kept in storage.local only. */
  editToken: string;
  /** The endpoint it was published to: updates go there, whatever the options say now. */
  endpoint: string;
  title: string;
  draftId: string;
  publishedAt: string;
  updatedAt: string;
  status: PublishedStatus;
  /** When it was unpublished, or found missing on the server. */
  endedAt?: string;
}

type Records = Record<string, PublishedHalo>;

export function recordPublished(
  records: Records,
  halo: Omit<PublishedHalo, 'status' | 'updatedAt' | 'endedAt'>,
): Records {
  return { ...records, [halo.haloId]: { ...halo, updatedAt: halo.publishedAt, status: 'live' } };
}

export function recordUpdated(records: Records, haloId: string, title: string, at: string): Records {
  const record = records[haloId];
  return record ? { ...records, [haloId]: { ...record, title, updatedAt: at } } : records;
}

export function recordEnded(records: Records, haloId: string, status: 'unpublished' | 'missing', at: string): Records {
  const record = records[haloId];
  return record ? { ...records, [haloId]: { ...record, status, endedAt: at } } : records;
}

/** Newest first, as the Published list shows them. */
export function publishedNewestFirst(records: Records): PublishedHalo[] {
  return Object.values(records).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

/** Each Halo's newest update or unpublish job, for the status the Published list shows. */
export function newestChangeJobs(jobs: Record<string, PublishJob>): Record<string, PublishJob> {
  const newest: Record<string, PublishJob> = {};
  for (const job of Object.values(jobs)) {
    if (!job.haloId || job.operation === 'create') continue;
    const seen = newest[job.haloId];
    if (!seen || job.createdAt > seen.createdAt) newest[job.haloId] = job;
  }
  return newest;
}
