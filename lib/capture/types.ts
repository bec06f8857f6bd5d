import type { ContentBlock, Source } from '@/lib/halo/schema';

/** What the user asked the capture script for. */
export type CaptureMode =
  /** The selection if there is one, else the chat thread on a supported chat site, else nothing. */
  | 'auto'
  | 'selection'
  /** The whole page: the chat thread on a chat site, the article elsewhere. */
  | 'page'
  | 'article'
  /** The selection if there is one, else the whole page (quick share: one injection, no second ask). */
  | 'any'
  /** The chat thread after loading its older turns ("Load the whole thread", issue 11). */
  | 'thread';

export type CaptureKind = 'selection' | 'chat' | 'article';

/** One block of a capture, with whether it goes into the Halo by default (reasoning does not). */
export interface CapturedBlock {
  block: ContentBlock;
  included: boolean;
}

/**
 * An image carried with a capture (issue 11), as base64 because a script's answer crosses into the
 * extension as JSON. `ref` is what the blocks' Markdown points at: a temporary one in the page,
 * `halo-image:<sha256>` once keyed by lib/capture/images/key-images.ts.
 */
export interface CapturedImage {
  ref: string;
  type: string;
  data: string;
}

export interface Capture {
  kind: CaptureKind;
  /** A suggested title for the Halo. */
  title: string;
  source: Source;
  blocks: CapturedBlock[];
  /** Things the user must know before publishing, e.g. "older turns may not be loaded". */
  warnings: string[];
  /** Chat threads: which layer read the thread, and how sure a generic reading is. */
  reader?: CaptureReader;
  /** The text's language, BCP 47 (issue 17): the page's when it fits the text, else a guess from its script. */
  lang?: string;
  /** The page's own images the blocks show (issue 11); absent when there are none. */
  images?: CapturedImage[];
}

/**
 * The layer that read a chat thread: the site's adapter, the generic reader with the site's own
 * (earlier) signals, or the generic reader alone; the last two carry their confidence (0 to 1).
 */
export interface CaptureReader {
  layer: 'site' | 'site-signals' | 'generic';
  confidence?: number;
  signals?: string[];
}

export type CaptureErrorCode =
  /** Nothing is selected and the mode asked for a selection (or auto found nothing to take). */
  | 'no_selection'
  /** A chat site whose layout this version does not recognise: offer article capture. */
  | 'unrecognised_layout'
  /** The page had nothing readable. */
  | 'empty'
  /** The page cannot be scripted (chrome://, the web store, a PDF viewer…). */
  | 'restricted_page'
  /** The page did not answer in time (busy or hung). */
  | 'timed_out'
  /** More than a Halo can hold (lib/halo/schema.ts LIMITS). */
  | 'too_large'
  | 'failed';

/**
 * A failure's sentence in the interface's language (issue 17): the capture runs in the page and
 * says it in English; this names the catalogue's `notice.*` sentence and the facts it needs, so the
 * editor and the toolbar can say it in any locale (lib/i18n/notice.ts).
 */
export type FailureWording =
  | { key: 'noAnswer' | 'empty' | 'threadGone' | 'threadShrank' }
  | { key: 'timedOut'; seconds: number }
  | { key: 'pageError' | 'captureFailed'; detail: string }
  | { key: 'tooManyParts' | 'partTooLong'; count: number; limit: number };

export type CaptureResult =
  { ok: true; capture: Capture } | { ok: false; code: CaptureErrorCode; message: string; wording?: FailureWording };

/**
 * What the chat-and-selection script answers in the page: a result, or that this page wants the
 * article script (Readability), which is injected only then to keep the common script small.
 */
export interface ArticleNeeded {
  needsArticle: true;
}

export type InPageAnswer = CaptureResult | ArticleNeeded;
