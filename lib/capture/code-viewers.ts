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
export function languageLabelBefore(editor: Element): Element | null {
  let scope: Element | null = editor;
  for (let depth = 0; scope && depth < 3; depth++, scope = scope.parentElement) {
    for (let sibling = scope.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const candidates = [sibling, ...Array.from(sibling.querySelectorAll('*'))].filter(
        (el) => el.children.length === 0 && !el.closest('button') && LABEL.test(el.textContent?.trim() ?? ''),
      );
      if (candidates.length) return candidates[0]!;
      // Prose before the viewer is not its header.
      if ((sibling.textContent ?? '').trim().length > 40) return null;
    }
  }
  return null;
}
