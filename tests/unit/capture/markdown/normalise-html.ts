/**
 * HTML as a reader sees it (issue 20): runs of whitespace are one space outside <pre>, and none
 * around block tags, so two renderings that mean the same compare equal.
 */
const BLOCK_TAG = /\s*(<\/?(?:p|li|ul|ol|blockquote|h[1-6]|pre|table|thead|tbody|tr|th|td|hr|br)\b[^>]*>)\s*/g;

export function normaliseHtml(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(BLOCK_TAG, '$1')))
    .join('')
    .trim();
}
