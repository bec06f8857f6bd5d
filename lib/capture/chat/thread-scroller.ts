import type { ChatAdapter } from '@/lib/capture/chat/chat-adapter';
import { readGenericChat } from '@/lib/capture/chat/generic-reader';
import type { ThreadScroller } from '@/lib/capture/chat/load-older-turns';

/** Markers a page shows while it fetches (a spinner above the turns): the thread is not whole yet. */
const BUSY = '[aria-busy="true"], [role="progressbar"]';

function scrollable(el: Element): boolean {
  if (el.scrollHeight <= el.clientHeight + 1) return false;
  const { overflowY } = (el.ownerDocument.defaultView ?? globalThis).getComputedStyle(el);
  return overflowY === 'auto' || overflowY === 'scroll' || overflowY === 'overlay';
}

/**
 * The thread's scroll container: the nearest scrollable ancestor of a turn when the site's turns
 * are known, else the page's largest scrollable element (a chat's thread dwarfs its side bars),
 * else the document itself.
 */
export function findThreadScroller(doc: Document, turns: readonly Element[]): Element {
  for (let el = turns[turns.length - 1]?.parentElement ?? null; el; el = el.parentElement)
    if (scrollable(el)) return el;
  let best: Element | null = null;
  for (const el of Array.from(doc.querySelectorAll('main *, body > div *')).slice(0, 20_000))
    if (scrollable(el) && (!best || el.scrollHeight > best.scrollHeight)) best = el;
  return best ?? doc.scrollingElement ?? doc.documentElement;
}

export function domScroller(el: Element): ThreadScroller {
  return {
    toStart: () => {
      el.scrollTop = 0;
    },
    atStart: () => el.scrollTop <= 1,
    busy: () => {
      // A spinner the page keeps in its markup, hidden between loads, is not loading.
      const shown = (marker: Element | null) => marker !== null && !marker.closest('[hidden], [aria-hidden="true"]');
      return shown(el.closest(BUSY)) || Array.from(el.querySelectorAll(BUSY)).some(shown);
    },
  };
}

/**
 * Where the reader was: older turns are added above, so the distance from the thread's end is
 * what keeps the same message in view. Answers the function that puts it back.
 */
export function keepReaderPosition(el: Element): () => void {
  const fromEnd = el.scrollHeight - el.scrollTop;
  return () => {
    el.scrollTop = Math.max(0, el.scrollHeight - fromEnd);
  };
}

/** Outer elements only: a site's markers nest (a response inside its turn). */
function outermost(elements: Element[]): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}

/**
 * The thread's turns as the page has them now, cheaply: the site's own markers (today's and
 * earlier ones), or the generic reader's count where none match.
 */
export function turnElements(doc: Document, adapter: ChatAdapter | null): Element[] {
  const selectors = [...(adapter?.signals.user ?? []), ...(adapter?.signals.assistant ?? [])];
  if (selectors.length === 0) return [];
  return outermost(Array.from(doc.querySelectorAll(selectors.join(', '))));
}

export function turnCounter(doc: Document, adapter: ChatAdapter | null): () => number {
  if (turnElements(doc, adapter).length > 0) return () => turnElements(doc, adapter).length;
  return () => readGenericChat(doc, adapter?.signals)?.thread.turns.length ?? 0;
}
