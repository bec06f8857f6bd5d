import { showActionStatus } from '@/lib/background/action-status';
import type { PublishJob } from '@/lib/publish/job';
import { publishJobsItem } from '@/lib/storage/items';

/** What the toolbar button says about a publish job, for whoever closed the popup (issue 5). */
export function describeJob(job: PublishJob): { badge: string; title: string } {
  const { state } = job;
  switch (state.status) {
    case 'queued':
      return { badge: '…', title: `Halo: waiting to publish. ${state.lastError?.message ?? ''}`.trim() };
    case 'publishing':
      return { badge: '…', title: 'Halo: publishing…' };
    case 'published':
      // An update keeps the link, which is not copied again (issue 4).
      if (job.operation === 'update') return { badge: '✓', title: `Halo updated: ${state.url}` };
      return {
        badge: '✓',
        title: state.copied
          ? `Halo published. The link is on your clipboard: ${state.url}`
          : `Halo published: ${state.url}. It could not be copied: open Halo to copy the link.`,
      };
    case 'unpublished':
      return { badge: '', title: 'Halo: unpublished.' };
    case 'failed':
      return { badge: '!', title: `Halo: publishing failed. ${state.error.message}` };
  }
}

/** Mirrors the most recently changed job on the toolbar button, whichever context changed it. */
export function setupPublishStatus(): void {
  publishJobsItem.watch((jobs, previous) => {
    const changed = Object.values(jobs ?? {})
      .filter((job) => JSON.stringify(job.state) !== JSON.stringify(previous?.[job.id]?.state))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    const latest = changed.at(-1);
    if (!latest) return;
    const { badge, title } = describeJob(latest);
    void showActionStatus(badge, title);
  });
}
