/** The labels chat sites put on a reasoning toggle: "Thought for 12s", "Thought process", "Show thinking". */
const TOGGLE = /^\s*(thought for\b|reasoned for\b|thought process|thinking\b|show thinking)/i;

/** The button that shows or hides a model's reasoning, if `scope` has one. */
export function reasoningToggle(scope: Element): HTMLButtonElement | undefined {
  return Array.from(scope.querySelectorAll('button')).find((b) => TOGGLE.test(b.textContent ?? ''));
}

/**
 * A model's reasoning as most sites show it: the toggle, then its content in the elements that
 * follow it (until `stop`). Returns a detached holder of clones, or nothing when the page shows
 * no reasoning text.
 */
export function reasoningAfterToggle(
  scope: Element,
  doc: Document,
  stop: (element: Element) => boolean = () => false,
): HTMLElement | undefined {
  const toggle = reasoningToggle(scope);
  if (!toggle) return undefined;
  const holder = doc.createElement('div');
  for (let node = toggle.nextElementSibling; node && !stop(node); node = node.nextElementSibling) {
    holder.appendChild(node.cloneNode(true));
  }
  return holder.textContent?.trim() ? holder : undefined;
}
