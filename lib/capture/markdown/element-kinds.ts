/**
 * How the converter treats each element. Nothing here is ever rendered: an element not listed
 * is a plain container whose text counts; the listed ones below are left out with everything in them.
 */

/** Never content: code, embedded documents, form controls, media without a text form, page UI. */
export const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'button',
  'input',
  'select',
  'option',
  'datalist',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'caption',
  'colgroup',
  'col',
]);

/** turndown's block elements: they start on their own line and reset whitespace. */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'audio',
  'blockquote',
  'body',
  'canvas',
  'center',
  'dd',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'isindex',
  'li',
  'main',
  'menu',
  'nav',
  'noframes',
  'noscript',
  'ol',
  'output',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/**
 * Elements that count as content even when they hold no text (an empty link is still a link; an
 * empty list item keeps its list whole, issue 20).
 */
export const MEANINGFUL_WHEN_EMPTY = new Set([
  ...['a', 'table', 'thead', 'tbody', 'tfoot', 'th', 'td', 'li', 'blockquote'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
]);

const HIDDEN_STYLE = /display:\s*none/i;
const SCREEN_READER_ONLY = /(?:^|\s)sr-only(?:\s|$)/;

/** Hidden from the reader, or a chat site's UI (role=button, screen-reader labels, action bars). */
export function isHiddenOrChrome(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (el.getAttribute('role') === 'button' || el.hasAttribute('data-saveai-injected')) return true;
  if (el.getAttribute('data-testid')?.endsWith('-action-button')) return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  // A published Halo's code header (language, line count) is derived from the code below it,
  // whose fence carries the language: captured again, the page gives back its own Markdown.
  if (el.localName === 'figcaption' && el.classList.contains('halo-code-head')) return true;
  return SCREEN_READER_ONLY.test(el.getAttribute('class') ?? '');
}

/** The next sibling element that is content, for "is this the last item" decisions. */
export function nextKeptSibling(el: Element): Element | null {
  let next = el.nextElementSibling;
  while (next && (DROPPED.has(next.localName) || isHiddenOrChrome(next))) next = next.nextElementSibling;
  return next;
}
