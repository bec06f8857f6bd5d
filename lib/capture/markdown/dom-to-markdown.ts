import { citationOf } from '@/lib/capture/markdown/citation';
import { codeBlockMarkdown, codeLanguage } from '@/lib/capture/markdown/code-block';
import {
  BLOCK,
  DROPPED,
  MEANINGFUL_WHEN_EMPTY,
  isHiddenOrChrome,
  nextKeptSibling,
} from '@/lib/capture/markdown/element-kinds';
import { escapeMarkdown } from '@/lib/capture/markdown/escape-markdown';
import { formulaOf } from '@/lib/capture/markdown/math';
import { joinInto, newlinesAtEnd, newlinesAtStart, type Output } from '@/lib/capture/markdown/output';
import { safeImage, safeLink } from '@/lib/capture/markdown/safe-url';
import {
  cellMarkdown,
  isLayoutTable,
  rowMarkdown,
  tableLayout,
  tableMarkdown,
  type TableLayout,
} from '@/lib/capture/markdown/table';

/**
 * Past this depth, quotes and list items stop adding their markers: each level re-indents all it
 * holds, so a hostile 10,000-deep nesting would otherwise grow quadratically.
 */
const MAX_MARKUP_DEPTH = 100;

/** Where converted content goes: one per element with a rule of its own. */
interface Sink extends Output {
  /** Holds text, an image, a link…: an element with none of that is left out (turndown's "blank"). */
  meaningful: boolean;
}

interface Frame {
  el: Element;
  name: string;
  /** The next child to visit, and where to stop (the root of a list of nodes stops after each). */
  next: Node | null;
  stop: Node | null;
  /**
   * An element without a rule of its own (div, span, section…) gives its content unchanged, so
   * it writes straight into its parent's sink: no copy of its content per level of nesting.
   */
  transparent: boolean;
  out: Sink;
  /** Inside <code>: text is not escaped. */
  code: boolean;
  /** The table the element is in, and its layout when it is read as a grid. */
  table: HTMLTableElement | null;
  layout: TableLayout | null;
  /** For a list or a table row: how many items or cells came before. */
  children: number;
  /** For a list: its items' blocks are separated by blank lines (CommonMark's loose list). */
  loose: boolean;
  /** For a list: "-" or "*" after "- " bullets, "." or ")" after numbers (see listMarker). */
  marker: string;
  /** Inside a list item, where a rule must not read as a setext underline or a bullet. */
  item: boolean;
}

/** Elements with a Markdown rule of their own (see `rule`); all others are transparent. */
const RULED = new Set([
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'em', 'i', 'strong', 'b'],
  ...['del', 's', 'strike', 'code', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
]);

/**
 * Page DOM to GFM Markdown in one pass, safe by construction: the result is Markdown text only.
 * Allowlisted elements (RULED above, plus code blocks, images, breaks, rules, KaTeX and citation
 * pills) become their Markdown; any other element gives only its text; scripts, hidden elements
 * and page UI give nothing. Links and images keep only safe, absolute
 * addresses. The walk is iterative, so no depth of nesting can overflow the stack.
 *
 * The output follows turndown + @joplin/turndown-plugin-gfm, which earlier versions used, so
 * captures read the same as before (see the golden tests), except where that Markdown meant
 * something else than the page (issue 20): loose lists, blocks inside items, empty items, the
 * spaces of inline code. Rendered again, the Markdown must give back the page's HTML (the
 * CommonMark round-trip test). Whitespace is collapsed the way a browser shows it, with
 * turndown's rules.
 *
 * Converts a node's children, or a list of nodes in order; the nodes are only read.
 */
export function domToMarkdown(root: Node | readonly Node[], baseUrl: string, options: ConvertOptions = {}): string {
  return new Converter(baseUrl, options).convert(root);
}

/**
 * What a reader knows of the page beyond its markup (the generic chat reader, issue 11): parts to
 * leave out and code languages named beside the code. Read, not written into a copy: copying each
 * turn of a 2,000-message thread cost more than converting it.
 */
export interface ConvertOptions {
  /** Elements left out with all they hold (a speaker's avatar and name, a page's controls). */
  skip?: (el: Element) => boolean;
  /** A code block's language where the page names it outside the block (a viewer's header). */
  codeLanguages?: ReadonlyMap<Element, string>;
}

class Converter {
  private stack: Frame[] = [];
  /** Whitespace collapsing (turndown's collapse-whitespace), kept as state along the walk. */
  private hasText = false;
  private textEndsWithSpace = false;
  private keepLeadingSpace = false;
  /** A space at the end of text, written only if more inline content follows. */
  private pendingSpace = false;

  constructor(
    private readonly base: string,
    private readonly options: ConvertOptions,
  ) {}

  convert(root: Node | readonly Node[]): string {
    const nodes = Array.isArray(root) ? (root as readonly Node[]) : null;
    const top = this.frame((nodes ? null : root) as Element, '#root', null);
    this.stack.push(top);
    for (const node of nodes ?? [null]) {
      if (node) {
        top.next = node;
        top.stop = node.nextSibling;
      }
      this.walk(top);
    }
    // Not trim(): a non-breaking space that starts the text keeps "- a" from reading as a list.
    return top.out.text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  }

  private walk(top: Frame): void {
    for (;;) {
      const frame = this.stack[this.stack.length - 1]!;
      const node = frame.next;
      if (!node || node === frame.stop) {
        if (frame === top) return;
        this.close(frame);
        continue;
      }
      frame.next = node.nextSibling;
      if (node.nodeType === 3 || node.nodeType === 4) this.text(frame, (node as CharacterData).data);
      else if (node.nodeType === 1) this.open(frame, node as Element);
    }
  }

  private frame(el: Element, name: string, parent: Frame | null): Frame {
    const transparent = parent !== null && !RULED.has(name);
    return {
      el,
      name,
      next: el?.firstChild ?? null,
      stop: null,
      transparent,
      out: transparent ? parent.out : { text: '', newlines: 0, meaningful: false, tight: false },
      code: name === 'code' || (parent?.code ?? false),
      table: parent?.table ?? null,
      layout: parent?.layout ?? null,
      children: 0,
      loose: false,
      marker: '',
      item: name === 'li' || (parent?.item ?? false),
    };
  }

  private open(parent: Frame, el: Element): void {
    const name = el.localName;
    if (name === 'input') return this.taskBox(parent, el);
    if (DROPPED.has(name) || this.options.skip?.(el)) return;
    // Most elements carry no attributes, or only a class: the checks below are for the others.
    if (el.hasAttributes() && this.special(parent, el, name)) return;
    if (el.nextElementSibling?.localName === 'pre' && isCodeLabel(el, el.nextElementSibling)) return;
    switch (name) {
      case 'pre':
        return this.block(parent, codeBlockMarkdown(el, this.options.codeLanguages?.get(el)));
      case 'hr':
        // In an item, "- ---" is one rule and "text\n---" a heading: "***" is a rule everywhere.
        return this.block(parent, parent.item ? '***' : '---');
      case 'br':
        this.resetWhitespace();
        parent.out.meaningful = true;
        return joinInto(parent.out, '  \n');
      case 'img':
        return this.image(parent, el);
      case 'wbr':
        this.flushSpace(parent);
        this.hasText = false;
        this.keepLeadingSpace = true;
        return;
    }
    if (BLOCK.has(name)) this.resetWhitespace();
    else if (this.hasText) this.keepLeadingSpace = false;
    // A space before inline code is outside it: inside, every space counts.
    if (name === 'code' && !parent.code) this.flushSpace(parent);
    const frame = this.frame(el, name, parent);
    if (frame.transparent && BLOCK.has(name)) joinInto(frame.out, '\n\n');
    if (name === 'table') {
      frame.table = el as HTMLTableElement;
      frame.layout = isLayoutTable(frame.table) ? null : tableLayout(frame.table);
    } else if (name === 'ul' || name === 'ol') {
      frame.loose = isLooseList(el);
      frame.marker = listMarker(el);
    } else if (name === 'li' && !parent.loose) {
      frame.out.tight = true;
    }
    this.stack.push(frame);
  }

  /**
   * A checkbox that opens a list item is a GFM task ("- [x] done", issue 20); any other form
   * control is left out.
   */
  private taskBox(parent: Frame, el: Element): void {
    if (!parent.item || parent.out.text || el.getAttribute('type')?.toLowerCase() !== 'checkbox') return;
    if (isHiddenOrChrome(el)) return;
    this.inline(parent, el.hasAttribute('checked') ? '[x]' : '[ ]');
    this.pendingSpace = true;
    this.textEndsWithSpace = true;
  }

  /** Left out (hidden, page UI) or written here (math, a citation): true when handled. */
  private special(parent: Frame, el: Element, name: string): boolean {
    if (isHiddenOrChrome(el)) return true;
    const formula = formulaOf(el);
    if (formula) {
      if (formula.display) this.block(parent, `$$\n${formula.tex}\n$$`);
      else this.inline(parent, `$${formula.tex}$`);
      return true;
    }
    const citation = citationOf(el, name, this.base);
    if (!citation) return false;
    if (citation.href) {
      this.text(parent, ' (');
      this.inline(parent, `[${escapeMarkdown(citation.name.replace(/\s+/g, ' '))}](${destination(citation.href)})`);
      this.text(parent, ')');
    } else if (citation.name) {
      // A refused address loses the link, never the source's name (issue 11).
      this.text(parent, ` (${citation.name})`);
    }
    return true;
  }

  private close(frame: Frame): void {
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1]!;
    const { name } = frame;
    const block = BLOCK.has(name);
    // Leaving an element counts as meeting it again (turndown's collapse walk): after a block,
    // text starts afresh, and a space at the very end of the block is never shown.
    if (block) this.resetWhitespace();
    else if (this.hasText) this.keepLeadingSpace = false;
    if (frame.transparent) {
      if (block) joinInto(frame.out, '\n\n');
      return;
    }
    const { out } = frame;
    let content = out.text + '\n'.repeat(out.newlines);
    let replacement: string;
    if (!out.meaningful && !MEANINGFUL_WHEN_EMPTY.has(name)) {
      replacement = block ? '\n\n' : '';
    } else {
      // Inline elements: whitespace at their edges belongs outside their Markdown markers.
      let leading = '';
      let trailing = '';
      if (!block && !frame.code) {
        const trimmed = content.trim();
        if (trimmed.length !== content.length) {
          const start = content.indexOf(trimmed.charAt(0));
          leading = trimmed ? content.slice(0, start) : content;
          trailing = trimmed ? content.slice(start + trimmed.length) : '';
          content = trimmed;
        }
      }
      replacement = leading + this.rule(frame, content) + trailing;
      parent.out.meaningful = true;
    }
    if (name === 'li' || name === 'td' || name === 'th') parent.children++;
    // Only a list from 1 can follow text on the next line: another needs a blank line before it,
    // though that makes the list around it loose (Markdown has no tight way to say it).
    if (name === 'ol' && parent.out.tight && parent.out.text && (frame.el.getAttribute('start') ?? '1') !== '1') {
      parent.out.tight = false;
    }
    joinInto(parent.out, replacement);
  }

  /** The Markdown of one element around its converted content. */
  private rule(frame: Frame, content: string): string {
    const { el, name } = frame;
    if (this.stack.length > MAX_MARKUP_DEPTH) return BLOCK.has(name) ? `\n\n${content}\n\n` : content;
    switch (name) {
      case 'p':
        return `\n\n${content}\n\n`;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return `\n\n${heading(Number(name[1]), content)}\n\n`;
      case 'blockquote':
        return `\n\n${content.slice(newlinesAtStart(content), content.length - newlinesAtEnd(content)).replace(/^/gm, '> ')}\n\n`;
      case 'li':
        return this.listItem(frame, content);
      // Emphasis around emphasis takes the other delimiter: "**a**" would be strong, not <em><em>.
      case 'em':
      case 'i':
        return content.trim() ? spanOf(content, (c) => emphasis(c, '*', '_')) : '';
      case 'strong':
      case 'b':
        return content.trim() ? spanOf(content, (c) => emphasis(c, '**', '__')) : '';
      case 'del':
      case 's':
      case 'strike':
        return spanOf(content, (c) => `~~${c}~~`);
      case 'code':
        return inlineCode(content);
      case 'a': {
        const href = safeLink(el.getAttribute('href'), this.base);
        // A link inside a link (scripted pages build them) is its text: Markdown links cannot nest (issue 16).
        if (!href || el.parentElement?.closest('a[href]')) return content;
        // A link around blocks (a card: heading, text, list) cannot be one Markdown link: its
        // brackets would break them apart. The blocks stay as they are, the link follows (issue 16).
        if (content.trim().includes('\n'))
          return `\n\n${content}\n\n[${escapeMarkdown(href)}](${destination(href)})\n\n`;
        const autolink = autolinkOf(el, href);
        if (autolink) return `<${autolink}>`;
        const title = el
          .getAttribute('title')
          ?.replace(/(\n+\s*)+/g, '\n')
          .replace(/"/g, '\\"');
        return `[${content}](${destination(href)}${title ? ` "${title}"` : ''})`;
      }
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (frame.layout) return content;
        break;
      case 'tr':
        if (frame.layout) return rowMarkdown(content, el as HTMLTableRowElement, frame.layout);
        break;
      case 'td':
      case 'th':
        if (frame.layout) return cellMarkdown(content, this.parentFrame().children, el);
        break;
      case 'table':
        if (frame.layout) return tableMarkdown(content, el as HTMLTableElement, frame.layout);
        break;
    }
    return BLOCK.has(name) ? `\n\n${content}\n\n` : content;
  }

  private parentFrame(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /**
   * "- " or "1. " items, every line after the first indented to the item's content column, so
   * all the item holds (paragraphs, quotes, code, lists, tables) stays in it (issue 20). Items of
   * a loose list are separated by a blank line, as the blocks inside them already are; an empty
   * item is its bare marker, so the list stays whole.
   */
  private listItem(frame: Frame, content: string): string {
    const list = this.parentFrame();
    let prefix = `${list.marker} `;
    if (list.name === 'ol') {
      const start = Number(list.el.getAttribute('start') ?? 1);
      prefix = `${(Number.isFinite(start) ? start : 1) + list.children}${list.marker} `;
    }
    const body = content
      .slice(newlinesAtStart(content), content.length - newlinesAtEnd(content))
      .replace(/\n(?=[^\n])/g, `\n${' '.repeat(prefix.length)}`);
    const after = nextKeptSibling(frame.el) ? (list.loose ? '\n\n' : '\n') : '';
    return `${body ? prefix + body : prefix.trimEnd()}${after}`;
  }

  private image(parent: Frame, el: Element): void {
    const src = safeImage(el.getAttribute('src'), this.base);
    if (!src) return;
    this.flushSpace(parent);
    this.hasText = false;
    this.keepLeadingSpace = true;
    const alt = escapeMarkdown(el.getAttribute('alt')?.replace(/(\n+\s*)+/g, '\n') ?? '');
    const title = el
      .getAttribute('title')
      ?.replace(/(\n+\s*)+/g, '\n')
      .replace(/"/g, '\\"');
    parent.out.meaningful = true;
    joinInto(parent.out, `![${alt}](${destination(src)}${title ? ` "${title}"` : ''})`);
  }

  /** A text node: whitespace collapsed, Markdown characters escaped (not inside code). */
  private text(frame: Frame, data: string): void {
    if (frame.code) return this.codeText(frame, data);
    let text = data.replace(/[ \r\n\t]+/g, ' ');
    if ((!this.hasText || this.textEndsWithSpace) && !this.keepLeadingSpace && text.charCodeAt(0) === 32) {
      text = text.slice(1);
    }
    if (!text) return;
    this.flushSpace(frame);
    this.hasText = true;
    this.textEndsWithSpace = text.charCodeAt(text.length - 1) === 32;
    if (this.textEndsWithSpace) {
      text = text.slice(0, -1);
      this.pendingSpace = true;
    }
    if (!text) return;
    if (/\S/.test(text)) frame.out.meaningful = true;
    joinInto(frame.out, frame.code ? text : escapeMarkdown(text));
  }

  /**
   * Inline code keeps every space it holds (issue 20): a code span shows its text as written,
   * line breaks read as spaces, and the spaces around it stay outside it.
   */
  private codeText(frame: Frame, data: string): void {
    if (!data) return;
    this.flushSpace(frame);
    this.hasText = true;
    this.textEndsWithSpace = false;
    frame.out.meaningful = true;
    joinInto(frame.out, data.replace(/\r\n?|\n/g, ' '));
  }

  /** Inline Markdown made here (math, a citation link): it reads as text for whitespace. */
  private inline(frame: Frame, markdown: string): void {
    this.flushSpace(frame);
    this.hasText = true;
    this.textEndsWithSpace = false;
    frame.out.meaningful = true;
    joinInto(frame.out, markdown);
  }

  /** Markdown that stands on its own lines (a code block, a rule, display math). */
  private block(frame: Frame, markdown: string): void {
    this.resetWhitespace();
    if (!markdown) return joinInto(frame.out, '\n\n');
    frame.out.meaningful = true;
    joinInto(frame.out, `\n\n${markdown}\n\n`);
  }

  private flushSpace(frame: Frame): void {
    if (!this.pendingSpace) return;
    this.pendingSpace = false;
    joinInto(frame.out, ' ');
  }

  private resetWhitespace(): void {
    this.hasText = false;
    this.textEndsWithSpace = false;
    this.keepLeadingSpace = false;
    this.pendingSpace = false;
  }
}

/** A language label just before a code block ("rust") names the block's language: not text. */
function isCodeLabel(el: Element, pre: Element): boolean {
  const label = shortText(el, 30)?.trim().toLowerCase();
  if (!label || el.querySelector('pre, code')) return false;
  return label === codeLanguage(pre).toLowerCase();
}

/** An element's text when it is at most `max` characters, else null (without reading the rest). */
function shortText(el: Element, max: number): string | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text += (node as Text).data;
    if (text.length > max && text.trim().length > max) return null;
  }
  return text.trim().length > max ? null : text;
}

/** Inline code: fenced with more backticks than any run inside it. */
function inlineCode(content: string): string {
  if (!content) return '';
  const text = content.replace(/\r?\n|\r/g, ' ');
  const pad = /^`|^ .*?[^ ].* $|`$/.test(text) ? ' ' : '';
  const runs = new Set(text.match(/`+/g) ?? []);
  let delimiter = '`';
  while (runs.has(delimiter)) delimiter += '`';
  return `${delimiter}${pad}${text}${pad}${delimiter}`;
}

/** A link destination as CommonMark reads it: parentheses escaped, spaces wrapped in <>. */
function destination(href: string): string {
  const escaped = href.replace(/([\\<>()])/g, '\\$1');
  return escaped.includes(' ') ? `<${escaped}>` : escaped;
}

/**
 * A list whose items hold paragraphs is loose: markdown-it and the sites' renderers wrap a loose
 * list's text in <p> and a tight one's not (issue 20). Wrappers without a rule (a site's <div>
 * around an item's paragraphs) are looked through, a few levels deep.
 */
function isLooseList(list: Element): boolean {
  for (let item = list.firstElementChild; item; item = item.nextElementSibling) {
    if (item.localName === 'li' && holdsParagraph(item, 3)) return true;
  }
  return false;
}

function holdsParagraph(el: Element, depth: number): boolean {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    const name = child.localName;
    if (name === 'p') return true;
    if (depth > 1 && !RULED.has(name) && !DROPPED.has(name) && holdsParagraph(child, depth - 1)) return true;
  }
  return false;
}

/**
 * Two lists in a row stay two lists: the second takes the other bullet ("*") or delimiter (")"),
 * as CommonMark reads a change of marker as a new list.
 */
function listMarker(list: Element): string {
  const ordered = list.localName === 'ol';
  let other = false;
  for (let prev = previousKeptSibling(list); prev?.localName === list.localName; prev = previousKeptSibling(prev)) {
    other = !other;
  }
  if (ordered) return other ? ')' : '.';
  return other ? '*' : '-';
}

/** The previous sibling element when only whitespace stands between them, else null. */
function previousKeptSibling(el: Element): Element | null {
  for (let node = el.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType === 1) {
      const name = (node as Element).localName;
      if (DROPPED.has(name) && name !== 'template') continue;
      return node as Element;
    }
    if ((node.nodeType === 3 || node.nodeType === 4) && /\S/.test((node as CharacterData).data)) return null;
  }
  return null;
}

/**
 * "*a*" or "**a**"; around content with emphasis at both ends ("*a*", "*a* and *b*"), "_a_" or
 * "__a__", as "**a**" would be strong, not emphasis in emphasis, and "***a***" would nest the
 * other way round. Emphasis at one end only pairs as written ("**a *b***").
 */
function emphasis(content: string, delimiter: string, other: string): string {
  const lead = /^\*+/.exec(content)?.[0].length ?? 0;
  const trail = /\*+$/.exec(content)?.[0].length ?? 0;
  const mark = lead && trail && (lead % 2 === 1 || trail % 2 === 1) ? other : delimiter;
  return `${mark}${content}${mark}`;
}

/**
 * An ATX heading; a run of "#" at its end is escaped, or it would read as the closing sequence.
 * An empty heading is its bare marker.
 */
function heading(level: number, content: string): string {
  const marker = '#'.repeat(level);
  if (!content) return marker;
  return `${marker} ${content.replace(/(^|[ \t])(#+)$/, '$1\\$2')}`;
}

/**
 * A link that shows its own address is written as an autolink, <https://…> or <me@site.example>
 * (issue 20): what it holds between the brackets, or null.
 */
function autolinkOf(el: Element, href: string): string | null {
  const only = el.firstChild;
  if (!only || only !== el.lastChild || only.nodeType !== 3 || el.hasAttribute('title')) return null;
  const text = (only as Text).data;
  if (/[\s<>]/.test(text)) return null;
  if (text === href) return text;
  return /^mailto:/i.test(href) && href.slice(7) === text && EMAIL.test(text) ? text : null;
}

/** CommonMark's email autolink. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * Emphasis around blocks (a list, paragraphs) cannot be one Markdown span: its markers would break
 * the blocks apart and show as text. The blocks stay, unemphasised (issue 16, found by the fuzzer).
 */
function spanOf(content: string, wrap: (content: string) => string): string {
  return content.trim().includes('\n\n') || /\n\s*(?:[-*+]|\d+[.)]|>)\s/.test(content) ? content : wrap(content);
}
