import { draftToHalo } from '@/lib/draft/to-halo';
import { i18n } from '#i18n';
import type { SliceCreator } from '@/lib/draft/editor/state';
import { validateHalo } from '@/lib/halo/validate';
import { sendMessage } from '@/lib/messaging/protocol';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';
import { consentItem, publishedItem, publishJobsItem } from '@/lib/storage/items';

export interface PublishingSlice {
  /** The draft's newest publish job, as the background recorded it in storage. */
  job: PublishJob | null;
  /** The draft's newest Halo that is still published: Publish then offers to update it in place. */
  liveHalo: PublishedHalo | null;
  /**
   * Set while a publish waits for the user: 'first' for the one-time "anyone with the link can
   * read it" notice, 'findings' when possible secrets or personal data are still in the Halo.
   */
  askingConsent: false | 'first' | 'findings';
  /** 'new' makes a new link; 'update' replaces the content of `liveHalo` at its link. */
  publish(target?: 'new' | 'update'): Promise<void>;
  acceptConsent(): Promise<void>;
  cancelConsent(): void;
  retry(): Promise<void>;
}

let unwatchJobs: (() => void) | undefined;
let unwatchPublished: (() => void) | undefined;
/** What the consent dialog, when it is shown, lets through once accepted. */
let publishTarget: 'new' | 'update' = 'new';

function newestLiveHalo(records: Record<string, PublishedHalo>, draftId: string | undefined): PublishedHalo | null {
  let newest: PublishedHalo | null = null;
  for (const halo of Object.values(records)) {
    if (halo.draftId === draftId && halo.status === 'live' && (!newest || halo.publishedAt > newest.publishedAt))
      newest = halo;
  }
  return newest;
}

function newestJob(jobs: Record<string, PublishJob>, draftId: string | undefined): PublishJob | null {
  if (!draftId) return null;
  let newest: PublishJob | null = null;
  for (const job of Object.values(jobs)) {
    if (job.draftId === draftId && (!newest || job.createdAt > newest.createdAt)) newest = job;
  }
  return newest;
}

export const createPublishingSlice: SliceCreator<PublishingSlice> = (set, get, internals) => {
  internals.watchJobs = async (draftId) => {
    set({ job: newestJob(await publishJobsItem.getValue(), draftId) });
    unwatchJobs?.();
    unwatchJobs = publishJobsItem.watch((jobs) => set({ job: newestJob(jobs ?? {}, get().draft?.id) }));
    set({ liveHalo: newestLiveHalo(await publishedItem.getValue(), draftId) });
    unwatchPublished?.();
    unwatchPublished = publishedItem.watch((records) =>
      set({ liveHalo: newestLiveHalo(records ?? {}, get().draft?.id) }),
    );
  };

  const sendToQueue = async () => {
    const { draft } = get();
    if (!draft) return;
    await get().flush();
    try {
      const { liveHalo } = get();
      const job =
        publishTarget === 'update' && liveHalo
          ? await sendMessage('updateHalo', { haloId: liveHalo.haloId })
          : await sendMessage('publishDraft', { draftId: draft.id });
      set({ job, notice: null });
    } catch (error) {
      set({
        notice: {
          code: 'publish_refused',
          message: String((error as Error)?.message ?? error).replace(/^Error: /, ''),
        },
      });
    }
  };

  return {
    job: null,
    liveHalo: null,
    askingConsent: false,

    async publish(target = 'new') {
      const { draft } = get();
      if (!draft) return;
      publishTarget = target;
      if (!draft.blocks.some((b) => b.included)) {
        set({ notice: { code: 'invalid', message: i18n.t('editorNotice.allExcluded') } });
        return;
      }
      const checked = validateHalo(draftToHalo(draft));
      if (!checked.ok) {
        set({ notice: { code: 'invalid', message: checked.problems.map((p) => p.message).join(' ') } });
        return;
      }
      const consent = await consentItem.getValue();
      if (!consent.publicLinkAcceptedAt) {
        set({ askingConsent: 'first' });
        return;
      }
      // Findings are re-checked now: the last edit may be newer than the last scan.
      await internals.scan();
      const failure = get().scanFailure;
      if (failure) {
        set({
          notice: {
            code: 'failed',
            message: i18n.t('editorNotice.scanFailed', [failure]),
          },
        });
        return;
      }
      if (get().findings.length > 0) {
        set({ askingConsent: 'findings' });
        return;
      }
      await sendToQueue();
    },

    async acceptConsent() {
      const asked = get().askingConsent;
      set({ askingConsent: false });
      if (asked === 'first') {
        await consentItem.setValue({ publicLinkAcceptedAt: new Date().toISOString() });
        // The first publish still stops for findings, like every other.
        await get().publish(publishTarget);
        return;
      }
      await sendToQueue();
    },

    cancelConsent() {
      set({ askingConsent: false });
    },

    async retry() {
      const { job } = get();
      if (!job) return;
      set({ job: await sendMessage('retryPublish', { jobId: job.id }) });
    },
  };
};
