import { useState } from 'react';
import { PublishedList } from '@/components/published-list';
import { useEditor } from '@/lib/draft/store';
import { sendMessage } from '@/lib/messaging/protocol';
import { newestChangeJobs, publishedNewestFirst } from '@/lib/publish/published';
import { draftIndexItem, publishedItem, publishJobsItem } from '@/lib/storage/items';
import { useStoredValue } from '@/lib/storage/use-stored-value';
import { i18n } from '#i18n';

/** The published Halos wired to storage and the background's queue (Update, Unpublish, Retry). */
export function PublishedView() {
  const records = useStoredValue(publishedItem);
  const jobs = useStoredValue(publishJobsItem);
  const index = useStoredValue(draftIndexItem);
  const flush = useEditor((s) => s.flush);
  const [refused, setRefused] = useState<string | null>(null);
  if (!records || !jobs || !index) return null;

  const ask = (request: Promise<unknown>) =>
    void request.then(
      () => setRefused(null),
      (error: unknown) => setRefused(String((error as Error)?.message ?? error).replace(/^(Error: )?Refused: /, '')),
    );
  return (
    <section className="popup-view" aria-label={i18n.t('nav.published')} data-testid="published-view">
      {refused && (
        <p className="notice" role="alert">
          {refused}
        </p>
      )}
      <PublishedList
        halos={publishedNewestFirst(records)}
        jobs={newestChangeJobs(jobs)}
        draftIds={new Set(index.drafts.map((d) => d.id))}
        // Update sends the draft as stored: the editor's last keystrokes are written first.
        onUpdate={(haloId) => ask(flush().then(() => sendMessage('updateHalo', { haloId })))}
        onUnpublish={(haloId) => ask(sendMessage('unpublishHalo', { haloId }))}
        onRetry={(jobId) => ask(sendMessage('retryPublish', { jobId }))}
      />
    </section>
  );
}
