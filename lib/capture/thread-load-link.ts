import { browser } from '#imports';
import type { LoadProgress } from '@/lib/capture/chat/load-older-turns';
import { threadLoadPort, type ThreadLoadProgress } from '@/lib/messaging/protocol';

export interface ThreadLoadLink {
  /** Aborts when the editor that asked cancels, closes, or was never there to listen. */
  signal: AbortSignal;
  progress(progress: LoadProgress): void;
  close(): void;
}

/**
 * The page's side of "Load the whole thread": a port to the editor that asked (protocol.ts). Its
 * disconnection stops the loading, so a closed popup never leaves the page scrolling (the bound
 * stops it anyway). Without an id, nobody listens: the load runs to its bound.
 */
export function connectThreadLoad(loadId: string | null): ThreadLoadLink {
  const controller = new AbortController();
  if (!loadId) return { signal: controller.signal, progress: () => {}, close: () => {} };
  let open = true;
  const port = browser.runtime.connect({ name: threadLoadPort(loadId) });
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  return {
    signal: controller.signal,
    progress: ({ turns, elapsedMs }) => {
      if (open) port.postMessage({ type: 'progress', turns, elapsedMs } satisfies ThreadLoadProgress);
    },
    close: () => {
      if (open) port.disconnect();
      open = false;
    },
  };
}
