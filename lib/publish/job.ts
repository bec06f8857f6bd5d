import type { Halo } from '@/lib/halo/schema';

/**
 * A publish (or update, or unpublish) waiting in, or done by, the background's persisted queue.
 * The popup shows a draft's newest job; it reads jobs from storage, never from memory.
 */
export type PublishOperation = 'create' | 'update' | 'delete';

export interface PublishError {
  /** The server's stable error code, or a client one: network, timeout, bad_response, … */
  code: string;
  /** What happened and what to do, ready to show. */
  message: string;
  /** HTTP status where there was one. */
  status?: number;
  /** A dotted field path for invalid_halo. */
  path?: string;
}

export type PublishState =
  | { status: 'queued'; nextAttemptAt: string; lastError?: PublishError }
  | { status: 'publishing' }
  | { status: 'published'; url: string; haloId: string; editToken: string; publishedAt: string; copied: boolean }
  | { status: 'unpublished'; at: string }
  | { status: 'failed'; error: PublishError };

export interface PublishJob {
  id: string;
  draftId: string;
  operation: PublishOperation;
  /** The published Halo an update or delete changes (its record in publishedItem has the edit token). */
  haloId?: string;
  /** Reused by every retry of this revision, so the server makes exactly one Halo. */
  idempotencyKey: string;
  /** The Halo as it was when the user clicked Publish (or Update); null for a delete. */
  halo: Halo | null;
  endpoint: string;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  state: PublishState;
}
