import type { CaptureMode } from '@/lib/capture/types';

/**
 * `scripting.executeScript({ files })` cannot pass arguments, so run-in-tab first sets the mode on
 * the extension's isolated world (never visible to the page) under this key.
 */
export const MODE_KEY = '__haloCaptureMode';

/** The port name's id for "Load the whole thread" (protocol.ts threadLoadPort), set the same way. */
export const LOAD_ID_KEY = '__haloThreadLoadId';

const MODES: readonly CaptureMode[] = ['auto', 'selection', 'page', 'article', 'any', 'thread'];

export function readRequestedMode(scope: Record<string, unknown> = globalThis as Record<string, unknown>): CaptureMode {
  const mode = scope[MODE_KEY];
  delete scope[MODE_KEY];
  return MODES.includes(mode as CaptureMode) ? (mode as CaptureMode) : 'auto';
}

export function readLoadId(scope: Record<string, unknown> = globalThis as Record<string, unknown>): string | null {
  const id = scope[LOAD_ID_KEY];
  delete scope[LOAD_ID_KEY];
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : null;
}
