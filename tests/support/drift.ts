/**
 * The drift suite's mutation operators (issue 11): the ways chat sites change their markup, applied
 * to a page so a test can check that capture stays right or says plainly that it cannot read it.
 * Each operator edits the document in place; a site's own names come from SITE_NAMES.
 */
export type Mutation = (doc: Document, site: string) => boolean;

interface SiteNames {
  /** The turn elements, to wrap. */
  turns: string;
  /** The site's role attribute, if it has one. */
  roleAttribute?: string;
  /** Class names that carry content (the Markdown container, the bubble, the query text). */
  contentClasses: string[];
}

export const SITE_NAMES: Record<string, SiteNames> = {
  chatgpt: {
    turns: '[data-testid^="conversation-turn-"]',
    roleAttribute: 'data-message-author-role',
    contentClasses: ['markdown', 'prose', 'whitespace-pre-wrap'],
  },
  claude: {
    turns: '[data-testid="user-message"], .font-claude-response, [data-testid="assistant-message"]',
    contentClasses: ['standard-markdown', 'font-claude-response', 'font-claude-message'],
  },
  gemini: {
    turns: 'user-query, model-response',
    contentClasses: ['markdown', 'query-text', 'query-text-line', 'model-response-text', 'conversation-container'],
  },
  grok: {
    turns: 'div.message-bubble',
    contentClasses: ['message-bubble', 'response-content-markdown', 'markdown'],
  },
  perplexity: {
    turns: 'section',
    contentClasses: ['prose', 'select-text'],
  },
};

function retag(el: Element, tag: string): Element {
  const doc = el.ownerDocument;
  const replacement = doc.createElement(tag);
  for (const attr of Array.from(el.attributes)) replacement.setAttribute(attr.name, attr.value);
  while (el.firstChild) replacement.appendChild(el.firstChild);
  el.replaceWith(replacement);
  return replacement;
}

export const MUTATIONS: Record<string, Mutation> = {
  'rename test ids': (doc) => {
    const all = Array.from(doc.querySelectorAll('[data-testid]'));
    all.forEach((el, i) => el.setAttribute('data-testid', `q${(i * 7919) % 10007}`));
    return all.length > 0;
  },
  'drop role attribute': (doc, site) => {
    const name = SITE_NAMES[site]?.roleAttribute;
    if (!name) return false;
    for (const el of Array.from(doc.querySelectorAll(`[${name}]`))) el.removeAttribute(name);
    return true;
  },
  'replace role attribute': (doc, site) => {
    const name = SITE_NAMES[site]?.roleAttribute;
    if (!name) return false;
    for (const el of Array.from(doc.querySelectorAll(`[${name}]`))) {
      el.setAttribute('data-author', el.getAttribute(name)!);
      el.removeAttribute(name);
    }
    return true;
  },
  'change tags': (doc) => {
    const renamed = Array.from(
      doc.querySelectorAll(
        'article, section, user-query, model-response, message-content, h4.sr-only, h5.sr-only, h6.sr-only',
      ),
    );
    for (const el of renamed.reverse()) retag(el, el.localName === 'article' ? 'section' : 'div');
    return renamed.length > 0;
  },
  'rename content classes': (doc, site) => {
    const names = SITE_NAMES[site]?.contentClasses ?? [];
    let changed = false;
    for (const name of names) {
      for (const el of Array.from(doc.getElementsByClassName(name))) {
        el.classList.replace(name, `x${name.length}${name.charCodeAt(0).toString(36)}q`);
        changed = true;
      }
    }
    return changed;
  },
  'remove screen-reader headings': (doc) => {
    const labels = Array.from(doc.querySelectorAll('.sr-only'));
    for (const el of labels) el.remove();
    return labels.length > 0;
  },
  'wrap turns in extra divs': (doc, site) => {
    const turns = Array.from(doc.querySelectorAll(SITE_NAMES[site]?.turns ?? 'none'));
    for (const turn of turns) {
      const outer = doc.createElement('div');
      const inner = outer.appendChild(doc.createElement('div'));
      outer.className = 'flex flex-col';
      turn.replaceWith(outer);
      inner.appendChild(turn);
    }
    return turns.length > 0;
  },
};

/** What a capture must keep for a variant to be right: messages, their roles in order, the code. */
export interface ThreadShape {
  roles: string[];
  code: string[];
}

const FENCE = /^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm;

export function shapeOf(blocks: { block: { type: string; role?: string; markdown?: string } }[]): ThreadShape {
  const messages = blocks.filter((b) => b.block.type === 'message');
  return {
    roles: messages.map((b) => b.block.role ?? ''),
    code: messages.flatMap((b) => Array.from((b.block.markdown ?? '').matchAll(FENCE), (m) => m[2]!)),
  };
}
