/**
 * Code blocks: the code's own text and its language, never a viewer's header or buttons. Handles
 * plain <pre><code class="language-x">, highlight.js, and CodeMirror viewers (ChatGPT) whose
 * language is only the text of their header.
 */
const LANGUAGE_CLASS = /(?:language|lang)-([^\s`]+)/;
const HIGHLIGHT_CLASS = /highlight-(?:text|source)-([a-z0-9]+)/;
/** Any word a fence's info string can hold (issue 20: "föö", "c++", ";"); it is only ever text. */
const VALID_LANGUAGE = /^[^\s`]{1,30}$/;
/** Inside a code block, these are the viewer's controls, not code. */
const UI = 'button, svg, style, script';
const CM_LINE = /(?:^|\s)cm-line(?:\s|$)/;

const classOf = (el: Element | null | undefined) => el?.getAttribute('class') ?? '';

/** The language as the page names it (not yet checked), or ''. */
export function codeLanguage(pre: Element): string {
  const viewer = pre.querySelector('.cm-content');
  const code = pre.querySelector('code');
  return languageOf(pre, viewer, code);
}

function languageOf(pre: Element, viewer: Element | null, code: Element | null): string {
  const named = LANGUAGE_CLASS.exec(`${classOf(code)} ${classOf(viewer)} ${classOf(pre)}`)?.[1];
  if (named) return named;
  if (viewer) {
    const header = headerLanguage(pre, viewer);
    if (header) return header;
  }
  return pre.getAttribute('data-language') ?? HIGHLIGHT_CLASS.exec(classOf(pre.parentElement))?.[1] ?? '';
}

/** A viewer's header names the language in its first text, before the code and outside any button. */
function headerLanguage(pre: Element, viewer: Element): string {
  const walker = pre.ownerDocument.createTreeWalker(pre, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && !viewer.contains(node); node = walker.nextNode()) {
    const word = (node as Text).data.trim().split(/\s+/)[0]?.toLowerCase();
    if (word && !node.parentElement?.closest('button')) return word;
  }
  return '';
}

/** The exact text of a CodeMirror viewer: one line per .cm-line. */
function codeMirrorText(content: Element): string {
  const lines: string[] = [];
  for (let line = content.firstElementChild; line; line = line.nextElementSibling) {
    // An empty line is drawn as <div class="cm-line"><br></div>: that <br> is a placeholder, so
    // a line's text is exactly its textContent.
    if (CM_LINE.test(line.getAttribute('class') ?? '')) lines.push(line.textContent ?? '');
  }
  return lines.length > 0 ? lines.join('\n') : textWithBreaks(content);
}

/** Text with <br> as a newline, leaving out buttons and icons; iterative, so depth cannot overflow. */
function textWithBreaks(root: Element): string {
  let text = '';
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3 || node.nodeType === 4) text += (node as CharacterData).data;
    else if (node.nodeName === 'BR') text += '\n';
    else if (node === root || (node.nodeType === 1 && !(node as Element).matches(UI))) {
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  }
  return text;
}

/** A fenced code block, or '' for a <pre> with nothing in it (an empty <pre><code> is kept, issue 20). */
export function codeBlockMarkdown(pre: Element, namedBeside?: string): string {
  const viewer = pre.querySelector('.cm-content');
  const code = pre.querySelector('code');
  const raw = viewer ? codeMirrorText(viewer) : code ? (code.textContent ?? '') : textWithBreaks(pre);
  const text = raw.replace(/\u200b/g, '');
  if (!code && !/\S/.test(text)) return '';
  const language = namedBeside || languageOf(pre, viewer, code);
  let longestRun = 2;
  for (const run of text.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  const info = VALID_LANGUAGE.test(language) ? language : '';
  return `${fence}${info}\n${text ? `${text.replace(/\n$/, '')}\n` : ''}${fence}`;
}
