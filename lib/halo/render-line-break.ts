import type MarkdownIt from 'markdown-it';

type Markdown = ReturnType<typeof MarkdownIt>;

const BR_TAG = /^<br\s*\/?>/i;

/**
 * GFM tables cannot hold a line break except as a `<br>` tag, which captures write for multi-line
 * cells. Raw HTML stays off; this one tag, and nothing else, becomes a line break.
 */
export function lineBreakTagPlugin(md: Markdown): void {
  md.inline.ruler.before('autolink', 'br_tag', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
    const match = BR_TAG.exec(state.src.slice(state.pos, state.pos + 8));
    if (!match) return false;
    if (!silent) state.push('hardbreak', 'br', 0);
    state.pos += match[0].length;
    return true;
  });
}
