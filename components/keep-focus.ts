/**
 * Puts focus back on an element React may have moved (moving a focused node drops its focus). A
 * frame can come late (a busy machine, a hidden popup): focus that has gone somewhere else since,
 * such as a new text block's editor, stays there (a CI run of editor.spec lost it so).
 */
export function keepFocus(element: HTMLElement | null) {
  const before = document.activeElement;
  requestAnimationFrame(() => {
    if (!element?.isConnected || document.activeElement === element) return;
    const now = document.activeElement;
    if (now && now !== before && now !== document.body) return;
    element.focus();
  });
}
