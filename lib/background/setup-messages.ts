import { z } from 'zod';
import { isOwnPage } from '@/lib/background/trusted-sender';
import { captureInTab } from '@/lib/capture/run-in-tab';
import { onMessage } from '@/lib/messaging/protocol';
import { enqueuePublish, enqueueUnpublish, enqueueUpdate, retryJob } from '@/lib/publish/queue';

const CaptureTabData = z.strictObject({
  tabId: z.number().int().nonnegative(),
  mode: z.enum(['auto', 'selection', 'page', 'article']),
});
const DraftIdData = z.strictObject({ draftId: z.string().min(1).max(100) });
const JobIdData = z.strictObject({ jobId: z.string().min(1).max(100) });
const HaloIdData = z.strictObject({ haloId: z.string().min(1).max(100) });

function refuse(reason: string): never {
  throw new Error(`Refused: ${reason}`);
}

/** The background's answers to the popup and options pages: each checks its sender and payload. */
export function setupMessages(): void {
  onMessage('captureTab', ({ data, sender }) => {
    if (!isOwnPage(sender)) refuse('captureTab is only for the extension pages');
    const { tabId, mode } = CaptureTabData.parse(data);
    return captureInTab(tabId, mode);
  });
  onMessage('publishDraft', ({ data, sender }) => {
    if (!isOwnPage(sender)) refuse('publishDraft is only for the extension pages');
    return enqueuePublish(DraftIdData.parse(data).draftId);
  });
  onMessage('retryPublish', ({ data, sender }) => {
    if (!isOwnPage(sender)) refuse('retryPublish is only for the extension pages');
    return retryJob(JobIdData.parse(data).jobId);
  });
  onMessage('updateHalo', ({ data, sender }) => {
    if (!isOwnPage(sender)) refuse('updateHalo is only for the extension pages');
    return enqueueUpdate(HaloIdData.parse(data).haloId);
  });
  onMessage('unpublishHalo', ({ data, sender }) => {
    if (!isOwnPage(sender)) refuse('unpublishHalo is only for the extension pages');
    return enqueueUnpublish(HaloIdData.parse(data).haloId);
  });
}
