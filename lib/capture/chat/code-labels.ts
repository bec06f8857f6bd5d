/**
 * Code viewers show a block's language as a header label beside the code, not as a class on it:
 * this moves the label onto the code (`language-x`), where the shared pipeline reads it, and takes
 * the label out of the text. It edits `root`, which must be a clone.
 */
export function moveCodeLabels(root: Element, block: string, label: string): void {
  for (const viewer of Array.from(root.querySelectorAll(block))) {
    const pre = viewer.matches('pre') ? viewer : viewer.querySelector('pre');
    const tag = viewer.querySelector(label);
    if (!pre || !tag || tag.contains(pre)) continue;
    const language = tag.textContent?.trim().toLowerCase() ?? '';
    const code = pre.querySelector('code') ?? pre;
    if (/^[\w#+.-]{1,30}$/.test(language) && !/(?:language|lang)-/.test(code.className)) {
      code.classList.add(`language-${language}`);
    }
    tag.remove();
  }
}
