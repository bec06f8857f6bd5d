import type { PageCoding } from './store';

/** Memory for the page representations viewed most recently (a view then copies nothing out of the database). */
export const HOT_VARIANT_BYTES = 64 * 1024 * 1024;

/**
 * The most recently viewed representations, least recently viewed evicted first. An entry is only
 * used when the database still names its entity tag, read on every view, so it can never be
 * stale, even when another instance sharing the database updated or deleted the Halo: what it
 * saves is copying the bytes out of the database into a new buffer for each view.
 */
export class HotVariants {
  private readonly entries = new Map<string, { etag: string; body: Buffer<ArrayBuffer> }>();
  private bytes = 0;
  constructor(private readonly limit: number = HOT_VARIANT_BYTES) {}

  get(id: string, coding: PageCoding | 'identity', etag: string): Buffer<ArrayBuffer> | undefined {
    const key = `${coding} ${id}`;
    const entry = this.entries.get(key);
    if (!entry || entry.etag !== etag) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(id: string, coding: PageCoding | 'identity', etag: string, body: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
    const key = `${coding} ${id}`;
    this.drop(key);
    if (body.length > this.limit / 8) return body;
    this.entries.set(key, { etag, body });
    this.bytes += body.length;
    for (const old of this.entries.keys()) {
      if (this.bytes <= this.limit) break;
      this.drop(old);
    }
    return body;
  }

  /** Frees the memory of a page this instance changed (others' changes are caught by the tag check). */
  forget(id: string): void {
    this.drop(`br ${id}`);
    this.drop(`gzip ${id}`);
    this.drop(`identity ${id}`);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(key);
  }
}
