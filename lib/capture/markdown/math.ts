/**
 * KaTeX draws each formula twice (MathML and HTML) and keeps the TeX source in the MathML
 * annotation: that source is what the Markdown keeps, as $tex$ or a $$ block.
 */
export interface Formula {
  tex: string;
  display: boolean;
}

/** The formula an element stands for, or null when it is not (a readable) KaTeX formula. */
const KATEX = /(?:^|\s)katex(?:\s|$)/;
const KATEX_DISPLAY = /(?:^|\s)katex-display(?:\s|$)/;

export function formulaOf(el: Element): Formula | null {
  const classes = el.getAttribute('class');
  if (!classes) return null;
  const display = KATEX_DISPLAY.test(classes);
  if (!display && !KATEX.test(classes)) return null;
  const tex = el.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();
  if (!tex) return null;
  return { tex, display: display || isAlone(el) };
}

/** A formula that is the only thing in its <div> is shown on its own line. */
function isAlone(el: Element): boolean {
  const parent = el.parentElement;
  if (parent?.localName !== 'div') return false;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node !== el && (node.nodeType !== 3 || /\S/.test((node as Text).data))) return false;
  }
  return true;
}
