/**
 * Converted content as turndown joins it: pieces meet with at most one blank line between them,
 * however many newlines each side brings. The trailing newlines are kept apart as a count, so a
 * join never rescans text already written.
 */
export interface Output {
  /** The content so far, without its trailing newlines. */
  text: string;
  newlines: number;
  /**
   * A tight list item's content (issue 20): its blocks meet on the next line, never after a blank
   * line, which would make the whole list loose.
   */
  tight?: boolean;
}

export function newlinesAtStart(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 10) i++;
  return i;
}

export function newlinesAtEnd(text: string): number {
  let i = text.length;
  while (i > 0 && text.charCodeAt(i - 1) === 10) i--;
  return text.length - i;
}

export function joinInto(output: Output, piece: string): void {
  const leading = newlinesAtStart(piece);
  const most = output.tight ? 1 : 2;
  if (leading === piece.length) {
    output.newlines = Math.min(most, Math.max(output.newlines, leading));
    return;
  }
  const trailing = newlinesAtEnd(piece);
  const separator = Math.min(most, Math.max(output.newlines, leading));
  output.text += '\n'.repeat(separator) + piece.slice(leading, piece.length - trailing);
  output.newlines = trailing;
}
