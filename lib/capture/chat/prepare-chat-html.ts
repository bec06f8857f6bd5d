/**
 * Chat pages wrap their content in UI: buttons, screen-reader labels, code viewers, KaTeX's double
 * rendering, citation pills. This turns a clone of one message into plain, faithful HTML before
 * the shared sanitize-and-convert pipeline runs. It only ever edits the clone.
 */
const CHROME = [
  'button',
  '[role="button"]',
  'svg',
  '.sr-only',
  '[data-saveai-injected]',
  '[data-testid$="-action-button"]',
  '[data-testid="copy-turn-action-button"]',
].join(', ');

function mathPlaceholder(doc: Document, tex: string, display: boolean): HTMLElement {
  const code = doc.createElement('code');
  code.className = 'halo-math';
  code.setAttribute('data-tex', tex.trim());
  // Text inside, so the converter does not drop it as an empty element.
  code.textContent = tex.trim();
  if (!display) return code;
  const block = doc.createElement('div');
  block.appendChild(code);
  return block;
}

/** KaTeX keeps the TeX source in its MathML annotation: keep that, drop both visual copies. */
function replaceMath(root: HTMLElement, doc: Document): void {
  for (const display of Array.from(root.querySelectorAll('.katex-display'))) {
    const tex = display.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    if (tex) display.replaceWith(mathPlaceholder(doc, tex, true));
  }
  for (const inline of Array.from(root.querySelectorAll('.katex'))) {
    const tex = inline.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    if (tex) inline.replaceWith(mathPlaceholder(doc, tex, false));
  }
}

/** The exact text of a CodeMirror viewer: one line per .cm-line, <br> as a newline. */
function codeMirrorText(content: Element): string {
  const lines = content.querySelectorAll(':scope > .cm-line');
  // An empty line is drawn as <div class="cm-line"><br></div>: that <br> is a placeholder, not a newline.
  if (lines.length > 0) return Array.from(lines, (line) => textWithBreaks(line).replace(/\n$/, '')).join('\n');
  return textWithBreaks(content);
}

function textWithBreaks(node: Node): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) text += child.textContent ?? '';
    else if (child.nodeName === 'BR') text += '\n';
    else text += textWithBreaks(child);
  }
  return text;
}

/** Code blocks: the code's own text and its language, never the viewer's header or buttons. */
function replaceCode(root: HTMLElement, doc: Document): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const viewer = pre.querySelector('.cm-content');
    const code = pre.querySelector('code');
    let language =
      /(?:language|lang)-([\w#+.-]+)/.exec(`${code?.className ?? ''} ${viewer?.className ?? ''}`)?.[1] ?? '';
    let text: string;
    if (viewer) {
      text = codeMirrorText(viewer);
      if (!language) {
        // The language is a text node in the viewer's header, next to an icon.
        const header = Array.from(pre.querySelectorAll('div')).find(
          (d) => !d.contains(viewer) && d.textContent?.trim(),
        );
        language = header?.textContent?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      }
    } else if (code) {
      text = code.textContent ?? '';
    } else {
      continue;
    }
    const clean = doc.createElement('pre');
    const inner = doc.createElement('code');
    if (/^[\w#+.-]{1,30}$/.test(language)) inner.className = `language-${language}`;
    inner.textContent = text.replace(/\u200b/g, '');
    clean.appendChild(inner);
    // Some sites label the block just before the <pre> ("rust"): that label is the language, not text.
    const label = pre.previousElementSibling;
    if (
      label &&
      language &&
      label.textContent?.trim().toLowerCase() === language.toLowerCase() &&
      !label.querySelector('pre, code')
    ) {
      label.remove();
    }
    pre.replaceWith(clean);
  }
}

/** Tracking parameters are not part of a source's address. */
export function cleanLink(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    for (const key of Array.from(url.searchParams.keys())) if (/^utm_/i.test(key)) url.searchParams.delete(key);
    return url.href;
  } catch {
    return null;
  }
}

/** Citation pills ("example.com +2") become ordinary links named after their site. */
function replaceCitations(root: HTMLElement, doc: Document, base: string): void {
  for (const pill of Array.from(
    root.querySelectorAll('[data-testid="webpage-citation-pill"], [data-pplx-citation-url]'),
  )) {
    const anchor = pill.querySelector('a');
    const href = cleanLink(anchor?.getAttribute('href') ?? pill.getAttribute('data-pplx-citation-url') ?? '', base);
    const name = (anchor?.textContent ?? pill.textContent ?? '')
      .replace(/\s*\+\d+\s*$/, '')
      .replace(/\u200b/g, '')
      .trim();
    const holder = pill.closest('span[data-state]') ?? pill;
    if (!href) {
      holder.remove();
      continue;
    }
    const link = doc.createElement('a');
    link.href = href;
    link.textContent = name || new URL(href).hostname;
    holder.replaceWith(doc.createTextNode(' ('), link, doc.createTextNode(')'));
  }
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = cleanLink(a.getAttribute('href')!, base);
    if (href) a.setAttribute('href', href);
  }
}

export function prepareChatHtml(content: HTMLElement, doc: Document, base: string): HTMLElement {
  const root = content.cloneNode(true) as HTMLElement;
  replaceMath(root, doc);
  replaceCode(root, doc);
  replaceCitations(root, doc, base);
  for (const chrome of Array.from(root.querySelectorAll(CHROME))) chrome.remove();
  return root;
}
