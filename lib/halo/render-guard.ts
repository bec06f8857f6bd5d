/**
 * What the renderer does with a part it cannot render (issue 16): it shows the part's source, in a
 * code span or block, with a short note, and goes on with the rest. One pathological formula must
 * never cost the user the editor (popup) or the page (server): both run this same code.
 */

/**
 * Each block may spend this long in KaTeX and highlight.js; once it has, its remaining formulas and
 * code show as source (cheap) instead. Rendering is synchronous in the popup and on the server, so
 * the expensive parts check the budget before they start rather than being interrupted.
 */
export const BLOCK_BUDGET_MS = 1_000;

let deadline = Number.POSITIVE_INFINITY;

/** Runs `render` with a time budget of its own (nested calls keep the tighter one). */
export function withBudget<T>(ms: number, render: () => T): T {
  const outer = deadline;
  deadline = Math.min(outer, performance.now() + ms);
  try {
    return render();
  } finally {
    deadline = outer;
  }
}

let overruns = 0;

/** True once the current block has used its time budget. */
export function overBudget(): boolean {
  const over = performance.now() > deadline;
  if (over) overruns += 1;
  return over;
}

/** How many times a budget ran out so far: output made past one depends on timing, so it is not cached. */
export const budgetOverruns = (): number => overruns;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A part shown as its source inside a line of text: the code span, then the note in brackets. */
export function unrenderedInline(source: string, why: string): string {
  return `<span class="halo-unrendered"><code>${escapeHtml(source)}</code> <small class="halo-unrendered-note" role="note">(${escapeHtml(why)})</small></span>`;
}

/** A part shown as its source on its own: the note, then the source as a code block. */
export function unrenderedBlock(source: string, why: string): string {
  return `<div class="halo-unrendered"><p class="halo-unrendered-note" role="note">${escapeHtml(why)}</p><pre class="halo-plain"><code>${escapeHtml(source)}</code></pre></div>\n`;
}

/** A short, human reason for an error thrown while rendering. */
export function whyUnrendered(error: unknown): string {
  if (error instanceof RangeError) return 'Nested too deeply to display; shown as written.';
  return 'Could not be displayed; shown as written.';
}
