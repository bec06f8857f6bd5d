import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import { overBudget, unrenderedBlock, unrenderedInline, whyUnrendered } from '@/lib/halo/render-guard';

type Markdown = ReturnType<typeof MarkdownIt>;

/**
 * KaTeX recurses once per level of nesting: a `\frac` nested 2,000 deep overflows the stack
 * (issue 16). Real formulas stay far below these; past them the formula shows as its TeX.
 */
export const MAX_TEX_DEPTH = 100;
export const MAX_TEX_CHARS = 20_000;
/** KaTeX's own cap on macro expansions, so `\def\a{\a\a}` stops early. */
const MAX_EXPAND = 500;

/** The deepest nesting of groups, `\left…\right` and environments in a TeX string. */
export function texDepth(tex: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      const name = /^[A-Za-z]+/.exec(tex.slice(i + 1, i + 8))?.[0];
      if (name === 'left' || name === 'begin') depth += 1;
      else if (name === 'right' || name === 'end') depth = Math.max(0, depth - 1);
      // A control word is skipped whole; `\{` and `\\` are one escaped character.
      i += name ? name.length : 1;
    } else if (ch === 0x7b /* { */) depth += 1;
    else if (ch === 0x7d /* } */) depth = Math.max(0, depth - 1);
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** Why a formula is shown as written instead of rendered, or null when KaTeX may try it. */
function refusal(tex: string): string | null {
  if (texDepth(tex) > MAX_TEX_DEPTH) return 'Formula nested too deeply to display; shown as written.';
  if (tex.length > MAX_TEX_CHARS) return 'Formula too long to display; shown as written.';
  if (overBudget()) return 'Formula not displayed: this block took too long to render; shown as written.';
  return null;
}

/**
 * `$…$` and `$$…$$` as KaTeX. MathML output only: it needs no inline styles and no fonts, so it
 * renders under the page's strict CSP (style-src 'self') in every current browser. A formula KaTeX
 * cannot take comes back as the reason, and shows as its source (lib/halo/render-guard.ts).
 */
function toMathml(tex: string, displayMode: boolean): { html: string } | { why: string } {
  const refused = refusal(tex);
  if (refused) return { why: refused };
  try {
    return {
      html: katex.renderToString(tex, {
        displayMode,
        output: 'mathml',
        throwOnError: false,
        trust: false,
        strict: 'ignore',
        maxExpand: MAX_EXPAND,
      }),
    };
  } catch (error) {
    return { why: whyUnrendered(error) };
  }
}

/** A formula within a line of text: MathML, or its source in a code span with the note. */
function inlineMath(tex: string, displayMode: boolean): string {
  const out = toMathml(tex, displayMode);
  return 'html' in out ? out.html : unrenderedInline(displayMode ? `$$${tex}$$` : `$${tex}$`, out.why);
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

  md.renderer.rules.math_inline = (tokens, idx) => inlineMath(tokens[idx]!.content, false);
  md.renderer.rules.math_display_inline = (tokens, idx) => inlineMath(tokens[idx]!.content, true);
  md.renderer.rules.math_block = (tokens, idx) => {
    const tex = tokens[idx]!.content;
    const out = toMathml(tex, true);
    return 'html' in out
      ? `<div class="halo-math">${out.html}</div>\n`
      : unrenderedBlock(tex.includes('\n') ? `$$\n${tex}\n$$` : `$$${tex}$$`, out.why);
  };
}
