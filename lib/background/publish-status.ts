import { showActionStatus } from '@/lib/background/action-status';
import type { PublishJob } from '@/lib/publish/job';
import { publishJobsItem } from '@/lib/storage/items';
import { i18n } from '#i18n';
import { describePublishError } from '@/lib/i18n/publish-error';

/** What the toolbar button says about a publish job, for whoever closed the popup (issue 5). */
export function describeJob(job: PublishJob): { badge: string; title: string } {
  const { state } = job;
  switch (state.status) {
    case 'queued':
      return {
        badge: '…',
        title: `${i18n.t('status.waiting')} ${state.lastError ? describePublishError(state.lastError) : ''}`.trim(),
      };
    case 'publishing':
      return { badge: '…', title: i18n.t('status.publishing') };
    case 'published':
      // An update keeps the link, which is not copied again (issue 4).
      if (job.operation === 'update') return { badge: '✓', title: i18n.t('status.updated', [state.url]) };
      return {
        badge: '✓',
        title: state.copied ? i18n.t('status.copied', [state.url]) : i18n.t('status.notCopied', [state.url]),
      };
    case 'unpublished':
      return { badge: '', title: i18n.t('status.unpublished') };
    case 'failed':
      return { badge: '!', title: i18n.t('status.failed', [describePublishError(state.error)]) };
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
