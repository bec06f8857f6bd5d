import { compressPage } from './compress';
import { strongEtag } from './etag';
import type { HaloStore } from './store';

export interface PageCompressor {
  /** Makes the page's brotli and gzip variants soon, after the request that wrote it has answered. */
  schedule(id: string): void;
  /** Resolves once every page scheduled so far has its variants (or no longer needs them). */
  settled(): Promise<void>;
  /** Drops what is queued (the next start makes it) and waits for the page in hand. */
  stop(): Promise<void>;
}

/**
 * Compresses pages after their publish or update has answered (issue 21): a 5,000-message page
 * takes a few hundred milliseconds of CPU, which no publish should wait for. Until its variants
 * exist a page is served as is. One page at a time, each on libuv's thread pool, so a burst of
 * publishes neither piles up CPU work nor holds every page's bytes in memory.
 */
export function startPageCompressor(
  store: HaloStore,
  log: (event: Record<string, unknown>) => void,
  quality?: number,
): PageCompressor {
  const queue = new Set<string>();
  let running: Promise<void> | null = null;
  let stopped = false;

  const compressOne = async (id: string) => {
    const page = await store.getPage(id);
    if (!page || page.deletedAt) return;
    const variants = await compressPage(page.body, quality);
    if (stopped) return;
    // False when the page changed while compressing: that change scheduled it again.
    await store.putVariants(
      id,
      page.etag,
      variants.map((variant) => ({ ...variant, etag: strongEtag(variant.bytes) })),
    );
  };

  const drain = async () => {
    // After the current request has written its answer: reading the page back is not its cost.
    await new Promise((ok) => setImmediate(ok));
    for (let id = first(queue); id !== undefined && !stopped; id = first(queue)) {
      queue.delete(id);
      try {
        await compressOne(id);
      } catch (error) {
        // The page stays servable as is; the next start tries again.
        log({ event: 'page_compress_failed', id, message: (error as Error).message });
      }
    }
    running = null;
  };

  return {
    schedule(id) {
      if (stopped) return;
      queue.add(id);
      running ??= drain();
    },
    async settled() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      queue.clear();
      await running;
    },
  };
}

const first = (set: Set<string>): string | undefined => set.values().next().value;
