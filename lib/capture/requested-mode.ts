import type { CaptureMode } from '@/lib/capture/types';

/**
 * `scripting.executeScript({ files })` cannot pass arguments, so run-in-tab first sets the mode on
 * the extension's isolated world (never visible to the page) under this key.
 */
export const MODE_KEY = '__haloCaptureMode';

const MODES: readonly CaptureMode[] = ['auto', 'selection', 'page', 'article', 'any'];

export function readRequestedMode(scope: Record<string, unknown> = globalThis as Record<string, unknown>): CaptureMode {
  const mode = scope[MODE_KEY];
  delete scope[MODE_KEY];
  return MODES.includes(mode as CaptureMode) ? (mode as CaptureMode) : 'auto';
}
