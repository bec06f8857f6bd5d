import type MarkdownIt from 'markdown-it';
import { textDirection } from '@/lib/halo/script';

type Markdown = ReturnType<typeof MarkdownIt>;
type Token = ReturnType<Markdown['parse']>[number];
type Direction = 'ltr' | 'rtl';

/** Elements laid out in their own direction (issue 17): each can be in another language. */
const DIRECTED = new Set([
  'paragraph_open',
  'heading_open',
  'bullet_list_open',
  'ordered_list_open',
  'list_item_open',
  'blockquote_open',
  'table_open',
  'th_open',
  'td_open',
]);
/** Enough prose to decide a direction. */
const SAMPLE = 2_000;

/** The prose of an inline token: its text, never its code or math (code reads left to right). */
function inlineProse(token: Token): string {
  if (!token.children) return token.content;
  return token.children.map((child) => (child.type === 'text' ? child.content : ' ')).join('');
}

/**
 * Sets `dir` on every paragraph, heading, list, quote and table cell from its letters' majority
 * (lib/halo/script.ts), where it differs from its container's, so an Arabic answer after an English question runs right to left, and a
 * sentence opening with a Latin name is still laid out as the Arabic it is. Text without letters
 * gets no `dir` and follows its container. Inline code renders isolated, in its own direction.
 */
export function directionPlugin(md: Markdown): void {
  md.core.ruler.push('halo_direction', (state) => {
    const tokens = state.tokens;
    // The direction each nesting level runs in: a `dir` is written only where it changes.
    const base = (state.env as { baseDir?: Direction } | undefined)?.baseDir ?? 'ltr';
    const levels: Direction[] = [base];
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.nesting !== 1) continue;
      const parent = levels[Math.min(open.level, levels.length - 1)] ?? base;
      levels[open.level + 1] = parent;
      if (!DIRECTED.has(open.type)) continue;
      let text = '';
      for (let j = i + 1; j < tokens.length && text.length < SAMPLE; j++) {
        const token = tokens[j]!;
        if (token.nesting === -1 && token.level === open.level) break;
        if (token.type === 'inline') text += `${inlineProse(token)}\n`;
      }
      const dir = textDirection(text) ?? parent;
      levels[open.level + 1] = dir;
      if (dir !== parent) open.attrSet('dir', dir);
    }
  });
  const codeInline = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
    // dir="auto" isolates the code (like <bdi>): `f(x):` keeps its colon inside Arabic text.
    tokens[idx]!.attrSet('dir', 'auto');
    return codeInline ? codeInline(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}
