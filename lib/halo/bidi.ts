/**
 * Bidi control characters in plain-text fields (issue 17). Embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) let a title reorder what follows it, on the page and in a tab's
 * or a link preview's title ("Trojan Source"). The renderer lays out each field in its own
 * direction, so they are never needed there: they are removed. The marks (LRM, RLM, ALM) change no
 * order beyond their neighbours and stay.
 */
const EXPLICIT_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const ANY_CONTROL = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

/** The text without explicit bidi controls: safe to show anywhere, in any direction. */
export const withoutBidiControls = (text: string): string => text.replace(EXPLICIT_CONTROLS, '');

/** True when the text is nothing but bidi controls and white space (a title that shows nothing). */
export const onlyBidiControls = (text: string): boolean =>
  text.length > 0 && ANY_CONTROL.test(text) && text.replace(ANY_CONTROL, '').trim() === '';

/**
 * Markdown with its explicit controls balanced: every opener closed at the end of its line, every
 * closer without an opener dropped. Controls inside one paragraph keep working as the author
 * meant; none reaches past its line.
 */
export function balanceBidi(markdown: string): string {
  if (!/[\u202A-\u202E\u2066-\u2069]/.test(markdown)) return markdown;
  return markdown
    .split('\n')
    .map((line) => {
      const open: string[] = [];
      let out = '';
      for (const ch of line) {
        if ('\u202A\u202B\u202D\u202E'.includes(ch)) {
          open.push('\u202C');
        } else if ('\u2066\u2067\u2068'.includes(ch)) {
          open.push('\u2069');
        } else if (ch === '\u202C' || ch === '\u2069') {
          if (open.at(-1) !== ch) continue;
          open.pop();
        }
        out += ch;
      }
      return out + open.reverse().join('');
    })
    .join('\n');
}
