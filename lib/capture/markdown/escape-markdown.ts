/**
 * Text that must read as typed once rendered: the escapes turndown applies, plus HTML-looking `<`,
 * with a fast path for the common text that needs none.
 */
const ESCAPES: readonly [RegExp, string][] = [
  [/\\/g, '\\\\'],
  [/\*/g, '\\*'],
  [/^-/g, '\\-'],
  [/^\+(?= |$)/g, '\\+'],
  [/^(=+)/g, '\\$1'],
  [/^(#{1,6})(?= |$)/g, '\\$1'],
  [/`/g, '\\`'],
  [/^~~~/g, '\\~~~'],
  [/\[/g, '\\['],
  [/\]/g, '\\]'],
  [/^>/g, '\\>'],
  [/_/g, '\\_'],
  // "1." and "1)" start ordered lists, "1." alone an empty one (issue 20).
  [/^(\d{1,9})([.)])(?= |$)/g, '$1\\$2'],
  // Beyond turndown: "<div>" typed as text must not become HTML (or an autolink) in a Markdown
  // viewer that allows HTML, such as the /h/:id.md export opened elsewhere.
  [/<(?=[A-Za-z/!?])/g, '\\<'],
  // "&ouml;" typed as text stays those six characters, not "ö" (issue 20).
  [/&(?=#?[0-9A-Za-z]+;)/g, '\\&'],
];
const NEEDS_ESCAPE =
  /[\\*`[\]_]|<[A-Za-z/!?]|&#?[0-9A-Za-z]+;|^(?:[-=>]|\+(?: |$)|#{1,6}(?: |$)|~~~|\d{1,9}[.)](?: |$))/;

/**
 * "$x$" typed as text must stay text, not become a formula in the shared renderer (issue 16, found
 * by the converter's fuzzer): every "$" but one before a digit ("$5" stays as it is, and cannot
 * open a formula there). What follows a "$" at the end of a text run is not known yet.
 */
const DOLLAR = /\$(?!\d)/g;
/** "~~" typed as text is not strikethrough either; "~2k" keeps its lone tilde as it is. */
const TILDE = /(?<!\\)~(?=~)/g;

/** One run of text (the start of the string counts as the start of a line). */
export function escapeMarkdown(text: string): string {
  const dollars = (out: string) =>
    out.includes('$') || out.includes('~') ? out.replace(DOLLAR, '\\$').replace(TILDE, '\\~') : out;
  if (!NEEDS_ESCAPE.test(text)) return dollars(text);
  let out = text;
  for (const [pattern, replacement] of ESCAPES) out = out.replace(pattern, replacement);
  return dollars(out);
}

/** Plain text as Markdown that reads as typed: special characters escaped, each line break kept. */
export function escapePlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => {
      // Leading spaces would make a code block: keep them as non-breaking spaces instead.
      const indent = /^ */.exec(line)![0].length;
      return '\u00a0'.repeat(indent) + escapeMarkdown(line.slice(indent));
    })
    .join('  \n');
}
