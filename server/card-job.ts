import type { Halo } from '@/lib/halo/schema';
import { renderCardAsync } from './og-card';
import type { HaloStore } from './store';

interface Job {
  halo: Halo;
  version: string;
}

/**
 * Draws each Halo's card after the publish or update answered (issue 13): a card takes 100 ms to
 * several hundred on a busy 2-core machine, more than a publish may add. Cards are drawn one at a
 * time on libuv's thread pool, so a burst of publishes never takes the CPU from page views; a
 * Halo updated while its card waits is drawn once, as it is now. Until its card is stored, the
 * card's URL answers 404 and link previews show no image. The queue is this process's only: a card
 * lost with it (kill -9) is drawn again when its URL is asked for later (routes/pages.ts), by
 * whichever instance answers; drawing twice is harmless, as the store keeps one card per version.
 */
export class CardJobs {
  private readonly queue = new Map<string, Job>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: HaloStore,
    private readonly log: (event: Record<string, unknown>) => void,
  ) {}

  /** `version` is the Halo's updatedAt for this content: a newer update wins over a late card. */
  schedule(id: string, halo: Halo, version: string): void {
    this.queue.delete(id);
    this.queue.set(id, { halo, version });
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.entries().next(); !next.done; next = this.queue.entries().next()) {
      const [id, { halo, version }] = next.value;
      this.queue.delete(id);
      try {
        const png = await renderCardAsync(halo);
        // Stored only if the Halo is still live at this version, checked by the database in the
        // write itself: another instance may have updated or deleted it meanwhile (issue 14).
        await this.store.putCard(id, { version, png });
      } catch (error) {
        this.log({ event: 'card_failed', id, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** Resolves when every card scheduled so far is stored (shutdown, tests, benches). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }
}
