import katex from 'katex';
import type MarkdownIt from 'markdown-it';

type Markdown = ReturnType<typeof MarkdownIt>;

/**
 * `$…$` and `$$…$$` as KaTeX. MathML output only: it needs no inline styles and no fonts, so it
 * renders under the page's strict CSP (style-src 'self') in every current browser.
 */
function toMathml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    output: 'mathml',
    throwOnError: false,
    trust: false,
    strict: 'ignore',
  });
}

export function mathPlugin(md: Markdown): void {
  md.inline.ruler.after('escape', 'math_inline', (state, silent) => {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
    const display = src.charCodeAt(start + 1) === 0x24;
    const open = display ? 2 : 1;
    // "$5 and $6" is money, not math: inline math must not start or end with a space.
    if (!display && /\s/.test(src[start + 1] ?? ' ')) return false;
    let end = start + open;
    for (;;) {
      end = src.indexOf(display ? '$$' : '$', end);
      if (end === -1) return false;
      if (src[end - 1] !== '\\') break;
      end += 1;
    }
    const tex = src.slice(start + open, end);
    if (!tex.trim()) return false;
    if (!display && (/\s$/.test(tex) || /\d/.test(src[end + 1] ?? ''))) return false;
    if (!silent) {
      const token = state.push(display ? 'math_display_inline' : 'math_inline', 'math', 0);
      token.content = tex;
    }
    state.pos = end + open;
    return true;
  });

  md.block.ruler.before('fence', 'math_block', (state, startLine, endLine, silent) => {
    const first = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
    if (!first.startsWith('$$')) return false;
    let content = first.slice(2);
    let line = startLine;
    let closed = content.trimEnd().endsWith('$$') && content.trim().length >= 2;
    if (closed) content = content.trimEnd().slice(0, -2);
    while (!closed && ++line < endLine) {
      const text = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
      if (text.trimEnd().endsWith('$$')) {
        content += '\n' + text.trimEnd().slice(0, -2);
        closed = true;
      } else {
        content += '\n' + text;
      }
    }
    if (!closed) return false;
    if (silent) return true;
    const token = state.push('math_block', 'math', 0);
    token.block = true;
    token.content = content.trim();
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  });

  md.renderer.rules.math_inline = (tokens, idx) => toMathml(tokens[idx]!.content, false);
  md.renderer.rules.math_display_inline = (tokens, idx) => toMathml(tokens[idx]!.content, true);
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="halo-math">${toMathml(tokens[idx]!.content, true)}</div>\n`;
}
