/** Whether a storage write failed because the extension's storage is full (Chrome: "QUOTA_BYTES quota exceeded"). */
export function isQuotaError(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}

export const STORAGE_FULL_MESSAGE =
  'Browser storage for Halo is full: your latest changes are kept in this window but not saved yet. ' +
  'Delete older drafts below to make room; Halo saves again as soon as there is space.';
