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
}

/**
 * Image bytes, apart from the rows that reference them, so that object storage can replace the
 * database tables later. Images are written before the Halo that shows them: a crash in between
 * leaves unreachable bytes, never a page whose images are missing.
 */
export interface BlobStore {
  /** Keeps a Halo's images, replacing any it had. */
  put(haloId: string, images: StoredImage[]): Promise<void>;
  get(haloId: string, n: number): Promise<Pick<StoredImage, 'type' | 'bytes'> | undefined>;
  remove(haloId: string): Promise<void>;
}

export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface PageRow {
  /** The page as UTF-8 bytes, ready to send. */
  html: Uint8Array<ArrayBuffer>;
  indexable: boolean;
  deletedAt: string | null;
}

export interface HaloStore {
  /** 'sqlite' or 'postgres', for logs and /readyz. */
  readonly kind: string;
  readonly blobs: BlobStore;
  /**
   * Stores a new Halo; with `idempotency`, completes the key this request claimed, in the same
   * transaction, so a key never points at a Halo that is not there.
   */
  insert(record: HaloRecord, idempotency?: Omit<IdempotentAnswer, 'haloId'>): Promise<void>;
  /** Replaces a Halo's content; the id, and so the link, stay. */
  update(id: string, change: Pick<HaloRecord, 'json' | 'html' | 'title' | 'indexable' | 'updatedAt'>): Promise<void>;
  /** Forgets a Halo's content and images; the id stays as a tombstone so its link answers 410 Gone. */
  markDeleted(id: string, at: string): Promise<void>;
  get(id: string): Promise<HaloRecord | undefined>;
  /** Only what a page view needs, in one indexed read. */
  getPage(id: string): Promise<PageRow | undefined>;
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
