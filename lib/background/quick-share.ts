import { i18n } from '#i18n';
import { showActionStatus } from '@/lib/background/action-status';
import { openEditor } from '@/lib/background/open-editor';
import { describeJob } from '@/lib/background/publish-status';
import { captureInTab } from '@/lib/capture/run-in-tab';
import { adoptCapture } from '@/lib/draft/repository';
import { copyFromBackground } from '@/lib/publish/clipboard';
import { readSettings } from '@/lib/publish/effective-settings';
import { enqueuePublish } from '@/lib/publish/queue';
import { countFindings } from '@/lib/redact/count-findings';
import { consentItem } from '@/lib/storage/items';
import { describeNotice } from '@/lib/i18n/notice';

/**
 * Quick share (issue 5): capture, publish and copy in one keystroke. It stops in the editor
 * whenever the user has to decide: the first publish's public-link notice, possible secrets in
 * what would be published, or a thread that already has a draft with other content. Otherwise the queue publishes, copies the link and the toolbar button
 * says when it landed (publish-status.ts), popup or not.
 */
export async function quickShare(tabId: number): Promise<void> {
  // An organisation may want every publish to pass through the editor (issue 19).
  if (!(await readSettings()).allowQuickShare) {
    await showActionStatus('!', i18n.t('status.quickShareOff'));
    await openEditor(tabId);
    return;
  }
  const result = await captureInTab(tabId, 'any');
  if (!result.ok) {
    await showActionStatus('!', i18n.t('status.stopped', [describeNotice(result)]));
    return;
  }
  const adopted = await adoptCapture(result.capture);
  // A thread that grew since its draft: the editor asks whether to update that draft (issue 4).
  if (adopted.status === 'same_thread') {
    await openEditor(tabId);
    return;
  }
  const { draft } = adopted;
  const { publicLinkAcceptedAt } = await consentItem.getValue();
  if (!publicLinkAcceptedAt) {
    await openEditor(tabId);
    return;
  }
  // A scan that could not run is no proof there is nothing to find: the editor scans and shows.
  const findings = await countFindings(draft).catch((error: unknown) => {
    console.warn('Halo: the secret scan failed', error);
    return -1;
  });
  if (findings !== 0) {
    await openEditor(tabId);
    return;
  }
  try {
    const job = await enqueuePublish(draft.id);
    // Shared before and unchanged: the queue reuses that Halo, so its link is copied again here.
    if (job.state.status === 'published') {
      const copied = await copyFromBackground(job.state.url);
      const { badge, title } = describeJob({ ...job, state: { ...job.state, copied } });
      await showActionStatus(badge, title);
    }
  } catch (error) {
    await showActionStatus('!', i18n.t('status.stopped', [String((error as Error)?.message ?? error)]));
  }
}
