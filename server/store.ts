/** Storage of published Halos, behind an interface so another database can follow without touching routes. */
export interface HaloRecord {
  id: string;
  /** The validated Halo as JSON, exactly as accepted. */
  json: string;
  /** The whole page rendered at write time, so a page view is one indexed read. */
  html: string;
  /** The strong entity tag of `html` as UTF-8 bytes (compress.ts strongEtag); '' once deleted. */
  etag: string;
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
  /** The strong entity tag of `bytes`, made when the image is kept. */
  etag: string;
}

export type PageCoding = 'br' | 'gzip';

/** A compressed copy of a page, made after it was written (issue 21). */
export interface PageVariant {
  coding: PageCoding;
  bytes: Uint8Array;
  etag: string;
}

/** What a page view sends: one stored representation of the page, ready to go out. */
export interface PageRow {
  body: Uint8Array<ArrayBuffer>;
  coding: PageCoding | 'identity';
  /** The entity tag of `body` exactly. */
  etag: string;
  indexable: boolean;
  deletedAt: string | null;
}

/**
 * An image a client uploaded before publishing the Halo that shows it (issue 11: images behind the
 * user's login). Content-addressed: its id is the SHA-256 of its bytes, so an upload retried stores
 * nothing new. Kept until a publish copies it into the Halo's images, and purged after a day.
 */
export interface UploadedImage {
  sha256: string;
  type: string;
  bytes: Buffer;
  createdAt: string;
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
  getImage(id: string, n: number): Pick<StoredImage, 'type' | 'bytes' | 'etag'> | undefined;
  /** Keeps an uploaded image; false when the same bytes were already there (nothing changes). */
  putUpload(image: UploadedImage): boolean;
  getUpload(sha256: string): Pick<UploadedImage, 'type' | 'bytes'> | undefined;
  /** Forgets uploads made before `before` (ISO 8601); answers how many. */
  purgeUploads(before: string): number;
  /**
   * Replaces a Halo's content; the id, and so the link, stay. Forgets the old page's variants in
   * the same transaction: no old variant is ever served for the new page.
   */
  update(id: string, change: Pick<HaloRecord, 'json' | 'html' | 'etag' | 'title' | 'indexable' | 'updatedAt'>): void;
  /** Forgets a Halo's content, variants and card; the id stays as a tombstone so its link answers 410 Gone. */
  markDeleted(id: string, at: string): void;
  /** Stores a Halo's card, replacing the one before; ignored when the Halo is gone. */
  putCard(id: string, card: StoredCard): void;
  getCard(id: string): StoredCard | undefined;
  get(id: string): HaloRecord | undefined;
  /**
   * What a page view needs, in one indexed read: the first of `codings` stored for the page's
   * current content, else the page itself (UTF-8 bytes). Never a variant of older content.
   */
  getPage(id: string, codings?: readonly PageCoding[]): PageRow | undefined;
  /**
   * Stores a page's compressed variants if the page is still the one they were made from (its
   * etag is `ofEtag` and it is not deleted); false, storing nothing, when it changed meanwhile.
   */
  putVariants(id: string, ofEtag: string, variants: PageVariant[]): boolean;
  /** Live pages that have no variants yet (written before issue 21, or by a server stopped before compressing). */
  pagesWithoutVariants(): { id: string; etag: string }[];
  findIdempotent(key: string): IdempotentAnswer | undefined;
  count(): number;
  close(): void;
}
