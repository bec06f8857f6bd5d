/**
 * Code blocks: the code's own text and its language, never a viewer's header or buttons. Handles
 * plain <pre><code class="language-x">, highlight.js, and CodeMirror viewers (ChatGPT) whose
 * language is only the text of their header.
 */
const LANGUAGE_CLASS = /(?:language|lang)-([\w#+.-]+)/;
const HIGHLIGHT_CLASS = /highlight-(?:text|source)-([a-z0-9]+)/;
const VALID_LANGUAGE = /^[\w#+.-]{1,30}$/;

const classOf = (el: Element | null | undefined) => el?.getAttribute('class') ?? '';

/** The language as the page names it (not yet checked), or ''. */
export function codeLanguage(pre: Element): string {
  const viewer = pre.querySelector('.cm-content');
  const code = pre.querySelector('code');
  const named = LANGUAGE_CLASS.exec(`${classOf(code)} ${classOf(viewer)} ${classOf(pre)}`)?.[1];
  if (named) return named;
  if (viewer) {
    // The language is a text node in the viewer's header, next to an icon.
    const header = Array.from(pre.querySelectorAll('div')).find((d) => !d.contains(viewer) && d.textContent?.trim());
    const word = header?.textContent?.trim().split(/\s+/)[0]?.toLowerCase();
    if (word) return word;
  }
  return pre.getAttribute('data-language') ?? HIGHLIGHT_CLASS.exec(classOf(pre.parentElement))?.[1] ?? '';
}

/** The exact text of a CodeMirror viewer: one line per .cm-line, <br> as a newline. */
function codeMirrorText(content: Element): string {
  const lines = content.querySelectorAll(':scope > .cm-line');
  // An empty line is drawn as <div class="cm-line"><br></div>: that <br> is a placeholder, not a newline.
  if (lines.length > 0) return Array.from(lines, (line) => textWithBreaks(line).replace(/\n$/, '')).join('\n');
  return textWithBreaks(content);
}

/** Text with <br> as a newline, leaving out buttons and icons; iterative, so depth cannot overflow. */
function textWithBreaks(root: Node): string {
  let text = '';
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3 || node.nodeType === 4) text += (node as CharacterData).data;
    else if (node.nodeName === 'BR') text += '\n';
    else if (node === root || (node.nodeType === 1 && !/^(button|svg|style|script)$/i.test(node.nodeName))) {
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  }
  return text;
}

/** A fenced code block, or '' for an empty one. */
export function codeBlockMarkdown(pre: Element): string {
  const viewer = pre.querySelector('.cm-content');
  const code = pre.querySelector('code');
  const raw = viewer ? codeMirrorText(viewer) : code ? (code.textContent ?? '') : textWithBreaks(pre);
  const text = raw.replace(/\u200b/g, '');
  if (!/\S/.test(text)) return '';
  const language = codeLanguage(pre);
  let longestRun = 2;
  for (const run of text.match(/`+/g) ?? []) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  const info = VALID_LANGUAGE.test(language) ? language : '';
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}
