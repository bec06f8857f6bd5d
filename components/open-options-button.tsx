import { browser } from '#imports';

/** Shown with a refused API token (HTTP 401/403): the way to the field that fixes it. */
export function OpenOptionsButton({ status }: { status?: number }) {
  if (status !== 401 && status !== 403) return null;
  return (
    <button type="button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
      Open options
    </button>
  );
}
