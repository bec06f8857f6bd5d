/**
 * CodeMirror viewers outside a <pre> (documentation sites, notebooks) as plain
 * <pre><code class="language-x">, before Readability sees the page: as they are, Readability drops
 * or flattens them, losing the line breaks and gluing the header's language label to the first
 * line ("Pythondef …", issue 11). Edits `root`, which must be a clone.
 */
const LABEL = /^[A-Za-z][\w#+.-]{0,24}$/;

export function preserveCodeViewers(root: Document | Element): void {
  for (const content of Array.from(root.querySelectorAll('.cm-content'))) {
    const editor = content.closest('.cm-editor') ?? content;
    if (editor.closest('pre')) continue;
    const doc = editor.ownerDocument;
    const lines = Array.from(content.children).filter((l) => l.classList.contains('cm-line'));
    const text = lines.length ? lines.map((l) => l.textContent ?? '').join('\n') : (content.textContent ?? '');
    const label = languageLabelBefore(editor);
    const pre = doc.createElement('pre');
    const code = pre.appendChild(doc.createElement('code'));
    code.textContent = text.replace(/\u200b/g, '');
    if (label) {
      code.className = `language-${label.textContent!.trim().toLowerCase()}`;
      label.remove();
    }
    editor.replaceWith(pre);
  }
}

/**
 * The viewer's language: a one-word label in the header just before the editor, within the
 * viewer's own wrapper (two levels up at most), outside any button.
 */
export function languageLabelBefore(
  editor: Element,
  /** Not looked above: the turn the code is in, which the page's other turns sit beside. */
  within?: Element,
  ignore?: (el: Element) => boolean,
): Element | null {
  let scope: Element | null = editor;
  for (let depth = 0; scope && scope !== within && depth < 3; depth++, scope = scope.parentElement) {
    for (let sibling = scope.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (ignore?.(sibling)) continue;
      const label = firstLabelIn(sibling, ignore);
      if (label) return label;
      // Prose before the viewer is not its header.
      if ((sibling.textContent ?? '').trim().length > 40) return null;
    }
  }
  return null;
}

/**
 * The first element, `root` or below in document order, that is a one-word label outside any
 * button; elements `ignore` names are passed over with all they hold. It stops at the first: a
 * thread of 1,000 code blocks asks this of every one.
 */
function firstLabelIn(root: Element, ignore?: (el: Element) => boolean): Element | null {
  const filter = ignore && { acceptNode: (node: Node) => (ignore(node as Element) ? 2 : 1) /* REJECT : ACCEPT */ };
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* SHOW_ELEMENT */, filter);
  for (let el: Element | null = root; el; el = walker.nextNode() as Element | null) {
    if (el.children.length === 0 && LABEL.test(el.textContent?.trim() ?? '') && !el.closest('button')) return el;
  }
  return null;
}
