import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CaptureMode, CaptureResult } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import type { PublishJob } from '@/lib/publish/job';

/**
 * Every message between popup, options, offscreen document and background (house rule 4).
 * Grouped by concern; each entry is `name(data): answer`. The background validates each
 * payload and checks that the sender is one of the extension's own pages.
 */
export interface ProtocolMap {
  // Capture: the background injects the capture script into the tab and answers what it found.
  // `loadId` (mode "thread"): the page reports its progress on the port named threadLoadPort(loadId).
  captureTab(data: { tabId: number; mode: CaptureMode; loadId?: string }): CaptureResult;

  // Publishing: the popup asks, the background's persisted queue does the work and records
  // each job's state in storage, which the popup watches.
  publishDraft(data: { draftId: string }): PublishJob;
  retryPublish(data: { jobId: string }): PublishJob;
  /** Publishes the Halo's draft as it is now at the same link (PUT with the edit token). */
  updateHalo(data: { haloId: string }): PublishJob;
  /** Unpublishes the Halo (DELETE with the edit token): its page then answers 410. */
  unpublishHalo(data: { haloId: string }): PublishJob;

  // Clipboard: the background asks the offscreen document (Chrome) to copy a published link.
  copyText(data: { text: string }): boolean;
  // Quick share's secret scan: the background asks the offscreen document (Chrome), whose worker
  // holds secretlint, so the service worker does not (issue 18, lean bundles). Answers how many.
  countFindings(data: { draft: Draft }): number;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

/**
 * "Load the whole thread" (issue 11): the capture script in the page connects a port of this name
 * to the editor that asked (its runtime.onConnect); the editor closing or cancelling disconnects
 * it, which stops the page's scrolling at once.
 */
export const threadLoadPort = (loadId: string) => `halo-thread-load:${loadId}`;

/** Page to editor, on that port. */
export interface ThreadLoadProgress {
  type: 'progress';
  turns: number;
  elapsedMs: number;
}
