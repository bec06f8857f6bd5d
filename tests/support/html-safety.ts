/**
 * What no rendered Halo may hold, checked on the HTML as a browser parses it (issue 16): event
 * handler attributes, elements that run or embed code or submit data, and URLs that run code.
 */
import { JSDOM } from 'jsdom';

const FORBIDDEN = new Set(['script', 'iframe', 'object', 'embed', 'form', 'base', 'frame', 'frameset', 'applet']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'data']);
/** Browsers drop tabs, newlines and control characters inside a scheme: "java\tscript:" still runs. */
const DANGEROUS_URL = /^(?:javascript|vbscript|data:text\/html)/i;

const window = new JSDOM('').window;

/** Every problem found, as "what: where" lines; empty when the HTML is safe. */
export function unsafeParts(html: string): string[] {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const problems: string[] = [];
  const walker = window.document.createTreeWalker(template.content, window.NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    if (FORBIDDEN.has(el.localName)) problems.push(`element <${el.localName}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`attribute ${name} on <${el.localName}>`);
      if (URL_ATTRIBUTES.has(name) || name === 'srcset') {
        // eslint-disable-next-line no-control-regex -- browsers drop control characters inside a URL's scheme
        const squeezed = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
        if (DANGEROUS_URL.test(squeezed))
          problems.push(`URL ${name}="${attr.value.slice(0, 60)}" on <${el.localName}>`);
      }
    }
  }
  return problems;
}
