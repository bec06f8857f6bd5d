import { z } from 'zod';
import { isOwnPage } from '@/lib/background/trusted-sender';
import { captureInTab } from '@/lib/capture/run-in-tab';
import { onMessage, type ProtocolMap } from '@/lib/messaging/protocol';
import { enqueuePublish, enqueueUnpublish, enqueueUpdate, retryJob } from '@/lib/publish/queue';

const CaptureTabData = z.strictObject({
  tabId: z.number().int().nonnegative(),
  mode: z.enum(['auto', 'selection', 'page', 'article', 'any', 'thread']),
  loadId: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
});
const DraftIdData = z.strictObject({ draftId: z.string().min(1).max(100) });
const JobIdData = z.strictObject({ jobId: z.string().min(1).max(100) });
const HaloIdData = z.strictObject({ haloId: z.string().min(1).max(100) });

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Answer<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** One message from the extension's own pages: the sender is checked, then the payload is parsed. */
function answerOwnPages<K extends keyof ProtocolMap>(
  type: K,
  schema: z.ZodType<Data<K>>,
  handle: (data: Data<K>) => Promise<Answer<K>>,
): void {
  onMessage(type, ({ data, sender }) => {
    if (!isOwnPage(sender)) throw new Error(`Refused: ${type} is only for the extension pages`);
    return handle(schema.parse(data));
  });
}

/** The background's answers to the popup and options pages. */
export function setupMessages(): void {
  answerOwnPages('captureTab', CaptureTabData, ({ tabId, mode, loadId }) =>
    captureInTab(tabId, mode, undefined, loadId),
  );
  answerOwnPages('publishDraft', DraftIdData, ({ draftId }) => enqueuePublish(draftId));
  answerOwnPages('retryPublish', JobIdData, ({ jobId }) => retryJob(jobId));
  answerOwnPages('updateHalo', HaloIdData, ({ haloId }) => enqueueUpdate(haloId));
  answerOwnPages('unpublishHalo', HaloIdData, ({ haloId }) => enqueueUnpublish(haloId));
}
