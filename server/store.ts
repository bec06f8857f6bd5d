/**
 * Storage of published Halos, behind one interface with two implementations (SQLite, the embedded
 * default, and Postgres for several instances): routes never know which. Every method is async so
 * that a networked database fits; everything the server keeps goes through here, so instances
 * sharing one database are interchangeable. A new column or method is added here, to both stores,
 * and proved by the one contract suite (tests/server/store-contract.test.ts).
 */
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

/**
 * What claiming an Idempotency-Key found. `claimed`: this request owns the key and must publish
 * (then `insert` with the key) or `releaseIdempotency`. `done`: the key's answer. `pending`:
 * another request (maybe on another instance) is publishing with this key right now.
 */
export type IdempotencyClaim =
  { state: 'claimed' } | { state: 'done'; answer: IdempotentAnswer } | { state: 'pending'; requestHash: string };

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

/**
 * Image bytes, apart from the rows that reference them, so that object storage can replace the
 * database tables later: the copies a Halo shows, and the images clients uploaded before the
 * publish that shows them (issue 11). A Halo's images are written before the Halo that shows
 * them: a crash in between leaves unreachable bytes, never a page whose images are missing.
 */
export interface BlobStore {
  /** Keeps a Halo's images, replacing any it had (an update may show other images). */
  put(haloId: string, images: StoredImage[]): Promise<void>;
  get(haloId: string, n: number): Promise<Pick<StoredImage, 'type' | 'bytes' | 'etag'> | undefined>;
  remove(haloId: string): Promise<void>;
  /** Keeps an uploaded image; false when the same bytes were already there (nothing changes). */
  putUpload(image: UploadedImage): Promise<boolean>;
  getUpload(sha256: string): Promise<Pick<UploadedImage, 'type' | 'bytes'> | undefined>;
  /** Forgets uploads made before `before` (ISO 8601); answers how many. */
  purgeUploads(before: string): Promise<number>;
}

export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface HaloStore {
  /** 'sqlite' or 'postgres', for logs and /readyz. */
  readonly kind: string;
  readonly blobs: BlobStore;
  /**
   * Stores a new Halo; with `idempotency`, completes the key this request claimed, in the same
   * transaction, so a key never points at a Halo that is not there.
   */
  insert(record: HaloRecord, idempotency?: Omit<IdempotentAnswer, 'haloId'>): Promise<void>;
  /**
   * Replaces a Halo's content; the id, and so the link, stay. Forgets the old page's variants in
   * the same transaction: no old variant is ever served for the new page, by any instance.
   */
  update(
    id: string,
    change: Pick<HaloRecord, 'json' | 'html' | 'etag' | 'title' | 'indexable' | 'updatedAt'>,
  ): Promise<void>;
  /** Forgets a Halo's content, images, variants and card; the id stays as a tombstone so its link answers 410 Gone. */
  markDeleted(id: string, at: string): Promise<void>;
  /**
   * Stores a Halo's card, replacing the one before, only if `card.version` is still the Halo's
   * updatedAt (checked in the same statement: a late card of older content, drawn by any
   * instance, never replaces a newer one); false when it stored nothing.
   */
  putCard(id: string, card: StoredCard): Promise<boolean>;
  getCard(id: string): Promise<StoredCard | undefined>;
  get(id: string): Promise<HaloRecord | undefined>;
  /**
   * What a page view needs, in one indexed read: the first of `codings` stored for the page's
   * current content, else the page itself (UTF-8 bytes). Never a variant of older content: a copy
   * kept in memory is only used while the database still names its entity tag.
   */
  getPage(id: string, codings?: readonly PageCoding[]): Promise<PageRow | undefined>;
  /**
   * Stores a page's compressed variants if the page is still the one they were made from (its
   * etag is `ofEtag` and it is not deleted); false, storing nothing, when it changed meanwhile.
   */
  putVariants(id: string, ofEtag: string, variants: PageVariant[]): Promise<boolean>;
  /** Live pages that have no variants yet (written before issue 21, or by a server stopped before compressing). */
  pagesWithoutVariants(): Promise<{ id: string; etag: string }[]>;
  findIdempotent(key: string): Promise<IdempotentAnswer | undefined>;
  /**
   * Claims a key for one publish, atomically across every process sharing the database. A claim
   * older than `staleAfterMs` (its owner crashed) is taken over.
   */
  claimIdempotency(key: string, requestHash: string, now: number, staleAfterMs: number): Promise<IdempotencyClaim>;
  /** Gives a claimed key back after a publish that failed before storing anything. */
  releaseIdempotency(key: string): Promise<void>;
  /**
   * Counts one publish for every key (client address, API token) in fixed windows of a minute and
   * a day that start at a key's first publish; refuses, counting nothing, when any key is over.
   */
  takeRate(keys: string[], limits: RateLimits, now: number): Promise<RateDecision>;
  count(): Promise<number>;
  /** Answers when the database answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The database cannot answer now (down, unreachable, too slow, or every connection busy): the
 * server answers 503 with Retry-After instead of waiting.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The database's schema is newer than this server: refused, never downgraded. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `The database schema is version ${found}, but this server only knows up to version ${known}. ` +
        'It was upgraded by a newer Halo server: run that version (a schema is never downgraded).',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The claimed Idempotency-Key was taken over (its claim went stale): this publish stores nothing. */
export class IdempotencyLostError extends Error {
  constructor() {
    super('The Idempotency-Key was taken over by another request.');
    this.name = 'IdempotencyLostError';
  }
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
