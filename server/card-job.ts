import type { Halo } from '@/lib/halo/schema';
import { renderCardAsync } from './og-card';
import type { HaloStore } from './store';

/**
 * Draws a Halo's card after the publish or update answered (issue 13): drawing takes 100 ms to
 * several hundred on a busy 2-core machine, more than a publish may add. Until it is stored,
 * the card's URL answers 404 and link previews show no image.
 */
export class CardJobs {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: HaloStore,
    private readonly log: (event: Record<string, unknown>) => void,
  ) {}

  /** `version` is the Halo's updatedAt for this content: a newer update wins over a late card. */
  schedule(id: string, halo: Halo, version: string): void {
    const job = renderCardAsync(halo)
      .then((png) => {
        const current = this.store.get(id);
        if (!current || current.deletedAt || current.updatedAt !== version) return;
        this.store.putCard(id, { version, png });
      })
      .catch((error: unknown) => {
        this.log({ event: 'card_failed', id, message: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves when every card scheduled so far is stored (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
