/** Storage of published Halos, behind an interface so another database can follow without touching routes. */
export interface HaloRecord {
  id: string;
  /** The validated Halo as JSON, exactly as accepted. */
  json: string;
  /** The whole page rendered at write time, so a page view is one indexed read. */
  html: string;
  /** The author allowed search engines (the page's robots headers). */
  indexable: boolean;
  title: string;
  editTokenHash: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface IdempotentAnswer {
  key: string;
  requestHash: string;
  haloId: string;
  /** The JSON body answered the first time, answered again byte for byte. */
  response: string;
}

/** A copy of an image a Halo shows, kept at publish time and served from the Halo's origin. */
export interface StoredImage {
  n: number;
  sourceUrl: string;
  type: string;
  bytes: Buffer;
}

/**
 * A Halo's link-preview card (issue 13): a PNG drawn after the publish or update answered.
 * `version` is the Halo's updatedAt when the card was drawn, so a late card of older content
 * never replaces a newer one.
 */
export interface StoredCard {
  version: string;
  png: Buffer;
}

export interface HaloStore {
  insert(record: HaloRecord, idempotency?: Omit<IdempotentAnswer, 'haloId'>, images?: StoredImage[]): void;
  /** Replaces a Halo's images along with its content (an update may show other images). */
  replaceImages(id: string, images: StoredImage[]): void;
  getImage(id: string, n: number): Pick<StoredImage, 'type' | 'bytes'> | undefined;
  /** Replaces a Halo's content; the id, and so the link, stay. */
  update(id: string, change: Pick<HaloRecord, 'json' | 'html' | 'title' | 'indexable' | 'updatedAt'>): void;
  /** Forgets a Halo's content and card; the id stays as a tombstone so its link answers 410 Gone. */
  markDeleted(id: string, at: string): void;
  /** Stores a Halo's card, replacing the one before; ignored when the Halo is gone. */
  putCard(id: string, card: StoredCard): void;
  getCard(id: string): StoredCard | undefined;
  get(id: string): HaloRecord | undefined;
  /** Only what a page view needs, in one indexed read; the page as UTF-8 bytes, ready to send. */
  getPage(id: string): { html: Uint8Array<ArrayBuffer>; indexable: boolean; deletedAt: string | null } | undefined;
  findIdempotent(key: string): IdempotentAnswer | undefined;
  count(): number;
  close(): void;
}
