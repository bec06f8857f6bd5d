import type { SpeakerSignals } from '@/lib/capture/chat/generic-signals';
import type { Role } from '@/lib/halo/schema';

/** One turn of a chat thread as an adapter reads it from the page. */
export interface ChatTurn {
  role: Role;
  /** The speaker label the page shows ("You", "ChatGPT", …). */
  author: string;
  /**
   * The turn's content, in order: the page's own elements where they can be read as they are
   * (copying a long thread costs more than converting it), or a holder the adapter prepared.
   * The shared Markdown converter only reads it.
   */
  content: Element | readonly Element[];
  /** The model's reasoning shown with this turn, if the page has it expanded. */
  reasoning?: Element | readonly Element[];
  /** User turns are plain text: line breaks kept, Markdown characters escaped. */
  plainText?: string;
  /** Parts of `content` to leave out with all they hold (the generic reader's avatars, labels, controls). */
  skip?: (el: Element) => boolean;
  /** Code blocks of `content` whose language the page names beside them. */
  codeLanguages?: ReadonlyMap<Element, string>;
}

export interface ChatThread {
  title: string;
  model?: string;
  turns: ChatTurn[];
  warnings: string[];
}

/**
 * One chat site. Adding a site means adding one adapter file (and its fixtures) and listing it in
 * chat/registry.ts: the pipeline (Markdown, blocks) is shared.
 */
export interface ChatAdapter {
  /** The short id stored as the Halo's source.site. */
  site: string;
  /** Chosen by URL first … */
  matchesUrl(url: URL): boolean;
  /** The same pages as match patterns, where the "Share this chat as Halo" menu appears. */
  menuPatterns: readonly string[];
  /** … then confirmed by the page's own markers; false means the layout is not recognised. */
  recognises(doc: Document): boolean;
  readThread(doc: Document): ChatThread;
  /**
   * The next layer, as data: the stable markers of this site's turns (today's and earlier
   * markups) and its assistant's name, read by the generic reader when readThread finds nothing.
   */
  signals: SpeakerSignals;
  /** The role and author of the message holding a node, for selections on a chat page. */
  speakerOf(node: Node): { role: Role; author: string } | null;
}
