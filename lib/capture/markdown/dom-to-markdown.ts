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
 * captures read the same as before (see the golden tests); whitespace is collapsed the way a
 * browser shows it, with turndown's rules.
 *
 * Converts a node's children, or a list of nodes in order; the nodes are only read.
 */
export function domToMarkdown(root: Node | readonly Node[], baseUrl: string): string {
  return new Converter(baseUrl).convert(root);
}

class Converter {
  private stack: Frame[] = [];
  /** Whitespace collapsing (turndown's collapse-whitespace), kept as state along the walk. */
  private hasText = false;
  private textEndsWithSpace = false;
  private keepLeadingSpace = false;
  /** A space at the end of text, written only if more inline content follows. */
  private pendingSpace = false;

  constructor(private readonly base: string) {}

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
    return top.out.text.trim();
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
      out: transparent ? parent.out : { text: '', newlines: 0, meaningful: false },
      code: name === 'code' || (parent?.code ?? false),
      table: parent?.table ?? null,
      layout: parent?.layout ?? null,
      children: 0,
    };
  }

  private open(parent: Frame, el: Element): void {
    const name = el.localName;
    if (DROPPED.has(name)) return;
    // Most elements carry no attributes, or only a class: the checks below are for the others.
    if (el.hasAttributes() && this.special(parent, el, name)) return;
    if (el.nextElementSibling?.localName === 'pre' && isCodeLabel(el, el.nextElementSibling)) return;
    switch (name) {
      case 'pre':
        return this.block(parent, codeBlockMarkdown(el));
      case 'hr':
        return this.block(parent, '---');
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
    const frame = this.frame(el, name, parent);
    if (frame.transparent && BLOCK.has(name)) joinInto(frame.out, '\n\n');
    if (name === 'table') {
      frame.table = el as HTMLTableElement;
      frame.layout = isLayoutTable(frame.table) ? null : tableLayout(frame.table);
    }
    this.stack.push(frame);
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
      if (!block) {
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
        return `\n\n${'#'.repeat(Number(name[1]))} ${content}\n\n`;
      case 'blockquote':
        return `\n\n${content.slice(newlinesAtStart(content), content.length - newlinesAtEnd(content)).replace(/^/gm, '> ')}\n\n`;
      case 'ul':
      case 'ol': {
        const parent = el.parentElement;
        if (parent?.localName === 'li' && parent.lastElementChild === el) return `\n${content}`;
        return `\n\n${content}\n\n`;
      }
      case 'li':
        return this.listItem(frame, content);
      case 'em':
      case 'i':
        return content.trim() ? spanOf('*', content) : '';
      case 'strong':
      case 'b':
        return content.trim() ? spanOf('**', content) : '';
      case 'del':
      case 's':
      case 'strike':
        return spanOf('~~', content);
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

  /** "- " or "1. " items, continuation lines indented, tight even when each item wraps a <p>. */
  private listItem(frame: Frame, content: string): string {
    const list = this.parentFrame();
    let prefix = '- ';
    if (list.name === 'ol') {
      const start = Number(list.el.getAttribute('start') ?? 1);
      prefix = `${(Number.isFinite(start) ? start : 1) + list.children}. `;
    }
    let body = content
      .slice(newlinesAtStart(content), content.length - newlinesAtEnd(content))
      .replace(/[ \t]+$/gm, '');
    if (!body.includes('```')) body = body.replace(/\n{2,}/g, '\n');
    body = body.replace(/\n(?=[^\n])/g, `\n${' '.repeat(prefix.length)}`);
    return `${prefix}${body}${nextKeptSibling(frame.el) ? '\n' : ''}`;
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
  const escaped = href.replace(/([<>()])/g, '\\$1');
  return escaped.includes(' ') ? `<${escaped}>` : escaped;
}

/**
 * Emphasis around blocks (a list, paragraphs) cannot be one Markdown span: its markers would break
 * the blocks apart and show as text. The blocks stay, unemphasised (issue 16, found by the fuzzer).
 */
function spanOf(marker: string, content: string): string {
  return content.trim().includes('\n\n') || /\n\s*(?:[-*+]|\d+[.)]|>)\s/.test(content)
    ? content
    : `${marker}${content}${marker}`;
}
