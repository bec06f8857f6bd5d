import { webLink } from '@/lib/capture/markdown/safe-url';

/**
 * Citation pills ("example.com +2", ChatGPT; Perplexity's numbered chips) become ordinary links
 * named after their site. A pill sits in a tooltip holder (span[data-state]) that goes with it.
 */
const PILL = '[data-testid="webpage-citation-pill"], [data-pplx-citation-url]';

export interface Citation {
  name: string;
  /** null: a pill without a usable address; its name stays as text. */
  href: string | null;
}

/** A pill's "+2": how many more sources it stands for, never part of the source's name. */
const COUNTER = /^\s*\+\d+\s*$/;

function isPill(el: Element): boolean {
  if (el.getAttribute('data-testid') === 'webpage-citation-pill' || el.hasAttribute('data-pplx-citation-url'))
    return true;
  // A pill in markup we do not know: a link whose last part is a "+N" counter (issue 11).
  return el.localName === 'a' && COUNTER.test(el.lastElementChild?.textContent ?? '');
}

/** The citation an element stands for (a pill, or the tooltip holder around one), or undefined. */
export function citationOf(el: Element, tag: string, base: string): Citation | undefined {
  let pill: Element | null = null;
  if (isPill(el)) pill = el;
  else if (tag === 'span' && el.hasAttribute('data-state')) {
    const inner = el.querySelector(PILL);
    if (inner && inner.closest('span[data-state]') === el) pill = inner;
  }
  if (!pill) return undefined;
  const anchor = pill.localName === 'a' ? pill : pill.querySelector('a');
  const href = webLink(anchor?.getAttribute('href') ?? pill.getAttribute('data-pplx-citation-url'), base);
  const name = (anchor?.textContent ?? pill.textContent ?? '')
    .replace(/\s*\+\d+\s*$/, '')
    .replace(/\u200b/g, '')
    .trim();
  return { name: name || (href ? new URL(href).hostname : ''), href };
}
