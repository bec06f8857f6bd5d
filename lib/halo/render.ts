import MarkdownIt from 'markdown-it';

type Markdown = ReturnType<typeof MarkdownIt>;
import { highlightCode } from '@/lib/halo/render-code';
import { lineBreakTagPlugin } from '@/lib/halo/render-line-break';
import { mathPlugin } from '@/lib/halo/render-math';
import { BLOCK_BUDGET_MS, budgetOverruns, unrenderedBlock, whyUnrendered, withBudget } from '@/lib/halo/render-guard';
import { LruStrings } from '@/lib/halo/lru-strings';
import type { Block, ContentBlock, Halo, SectionBlock } from '@/lib/halo/schema';
import { IMAGE_REF, parseImageRef } from '@/lib/halo/image-ref';

/**
 * Markdown to safe HTML: the ONE renderer behind the popup preview and the server's page.
 * Raw HTML is off, so captured text can never become markup; links and images are
 * limited to schemes that cannot run code.
 */
const SAFE_LINK = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^(https?:|data:image\/(png|jpeg|gif|webp|avif);)/i;
/**
 * Deeper Markdown is shown as written rather than formatted (issue 4: 10,000 nested quotes must
 * neither crash nor vanish). Kept well under DOMPurify's own depth limit, which would drop content.
 */
const MAX_NESTING = 50;

function createMarkdown(): Markdown {
  const md: Markdown = new MarkdownIt({
    html: false,
    linkify: true,
    typographer: false,
    breaks: false,
    maxNesting: MAX_NESTING,
  });
  md.use(mathPlugin);
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx]!;
    const lang = (token.info ? md.utils.unescapeAll(token.info).trim() : '').split(/\s+/)[0] ?? '';
    return renderCodeBlock(token.content, lang);
  };
  // An indented code block is the same code as a fence without a language: same header, same fold.
  md.renderer.rules.code_block = (tokens, idx) => renderCodeBlock(tokens[idx]!.content, '');
  md.use(lineBreakTagPlugin);
  md.validateLink = (url: string) =>
    SAFE_LINK.test(url.trim()) || SAFE_IMAGE.test(url.trim()) || url.startsWith(IMAGE_REF);
  const defaultImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const missing = (why: string) => {
      const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env) || 'image');
      return `<span class="halo-image-missing" role="img" aria-label="${alt}">${md.utils.escapeHtml(why)}: ${alt}</span>`;
    };
    // A copy carried with the Halo (issue 11): shown only where the renderer is told where it is.
    const carried = parseImageRef(src);
    if (carried?.kind === 'left-out') return missing(`Image left out (${carried.reason})`);
    if (!carried && !SAFE_IMAGE.test(src)) return md.utils.escapeHtml(token.content ?? '');
    // The server keeps its own copy of each image; one it could not fetch shows as a placeholder.
    const kept = (env as RenderEnv | undefined)?.resolveImage?.(src);
    if (kept === null || (carried && !kept)) return missing('Image unavailable');
    if (kept !== undefined) token.attrSet('src', kept);
    token.attrSet('loading', 'lazy');
    return defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    const href = String(token?.attrGet('href') ?? '');
    if (!SAFE_LINK.test(href)) token?.attrSet('href', '#');
    token?.attrSet('rel', 'noopener noreferrer nofollow ugc');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

/** How a page points at images: a local copy's path, null when it could not be kept, undefined to leave it. */
export type ImageResolver = (src: string) => string | null | undefined;

interface RenderEnv {
  resolveImage?: ImageResolver;
}

let shared: Markdown | undefined;

export interface RenderOptions {
  /** Fold Markdown longer than this many characters after its first blocks (issue 13). */
  foldLongerThan?: number;
  /**
   * The level the Markdown's top headings take (2 under the page's title, 3 inside a section):
   * a message's headings nest under the page's, whatever level the chat used (axe heading-order).
   */
  headingBase?: number;
}

/**
 * Never throws (issue 16): whatever fails in here shows the Markdown as written, with a note,
 * instead of blanking the popup or answering 500. KaTeX and highlight.js share one time budget.
 */
export function renderMarkdown(markdown: string, resolveImage?: ImageResolver, options: RenderOptions = {}): string {
  try {
    return withBudget(BLOCK_BUDGET_MS, () => renderChecked(markdown, resolveImage, options));
  } catch (error) {
    return unrenderedBlock(String(markdown ?? ''), whyUnrendered(error));
  }
}

function renderChecked(markdown: string, resolveImage: ImageResolver | undefined, options: RenderOptions): string {
  shared ??= createMarkdown();
  const env = { resolveImage } as RenderEnv as Record<string, unknown>;
  // Lone surrogates show as U+FFFD, as the extension publishes them (lib/halo/well-formed.ts).
  const source = markdown.toWellFormed();
  const tokens = shared.parse(source, env);
  // markdown-it silently drops whatever lies below maxNesting: show the whole text instead.
  if (tokens.some((token) => token.level >= MAX_NESTING - 1)) {
    return `<p class="halo-too-deep">This part nests too deeply to format; it is shown as written.</p><pre class="halo-plain">${escapeHtml(source)}</pre>`;
  }
  if (options.headingBase) nestHeadings(tokens, options.headingBase);
  const fold = options.foldLongerThan !== undefined && source.length > options.foldLongerThan;
  const cut = fold ? foldPoint(tokens, source) : -1;
  if (cut < 0) return shared.renderer.render(tokens, shared.options, env);
  const rest = source.length - (lineOffset(source, tokens[cut]!.map![0]) ?? 0);
  return `${shared.renderer.render(tokens.slice(0, cut), shared.options, env)}<details class="halo-fold"><summary>Show the rest (${wordCount(source.slice(source.length - rest))} more words)</summary>${shared.renderer.render(tokens.slice(cut), shared.options, env)}</details>`;
}

/** Every http(s) image a piece of Markdown shows, as the renderer sees it. */
export function imageSources(markdown: string): string[] {
  shared ??= createMarkdown();
  const found: string[] = [];
  const walk = (tokens: ReturnType<Markdown['parse']>) => {
    for (const token of tokens) {
      if (token.type === 'image') {
        const src = String(token.attrGet('src') ?? '');
        if (/^https?:/i.test(src)) found.push(src);
      }
      if (token.children) walk(token.children);
    }
  };
  walk(shared.parse(markdown, {}));
  return found;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

type Tokens = ReturnType<Markdown['parse']>;

/** Code blocks longer than this fold after their first lines (issue 13). */
export const FOLD_CODE_LINES = 60;
const VISIBLE_CODE_LINES = 20;
/** Messages longer than this (in Markdown characters) fold after their first blocks. */
export const FOLD_MESSAGE_CHARS = 6_000;
const VISIBLE_MESSAGE_CHARS = 1_500;

function nestHeadings(tokens: Tokens, base: number): void {
  const headings = tokens.filter((token) => token.type === 'heading_open' || token.type === 'heading_close');
  if (!headings.length) return;
  const top = Math.min(...headings.map((token) => Number(token.tag.slice(1))));
  for (const token of headings) token.tag = `h${Math.min(6, Number(token.tag.slice(1)) - top + base)}`;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function lineOffset(source: string, line: number): number | undefined {
  let at = 0;
  for (let n = 0; n < line; n++) {
    at = source.indexOf('\n', at) + 1;
    if (at === 0) return undefined;
  }
  return at;
}

/**
 * Where a long message folds: the first top-level block starting after VISIBLE_MESSAGE_CHARS,
 * when enough follows it to be worth folding; -1 to show it all. One parse, split between
 * top-level tokens, so references and numbering stay those of the whole message.
 */
function foldPoint(tokens: Tokens, source: string): number {
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const at = lineOffset(source, token.map[0]);
    if (at === undefined) return -1;
    if (at >= VISIBLE_MESSAGE_CHARS) return source.length - at >= 1_000 ? i : -1;
  }
  return -1;
}

/**
 * Highlighted HTML cut after `lines` lines; spans open at the cut are closed in the head and
 * opened again in the tail, so both halves stay well-formed (a comment may span the cut).
 */
function splitHighlighted(html: string, lines: number): [string, string] {
  const open: string[] = [];
  let seen = 0;
  const tag = /<span[^>]*>|<\/span>|\n/g;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    if (match[0] === '\n') {
      seen += 1;
      if (seen === lines) {
        const at = match.index + 1;
        return [html.slice(0, at) + '</span>'.repeat(open.length), open.join('') + html.slice(at)];
      }
    } else if (match[0] === '</span>') open.pop();
    else open.push(match[0]);
  }
  return [html, ''];
}

/** A fenced code block: a header with its language and line count; long ones fold after their first lines. */
/** Its <pre> takes the keyboard focus: a long line scrolls it sideways, and keys must reach that (axe). */
function renderCodeBlock(code: string, lang: string): string {
  try {
    return renderCodeBlockChecked(code, lang);
  } catch {
    // Never throws (issue 16): a block whose highlighting failed shows its code plainly.
    return `<pre class="halo-code" tabindex="0"><code>${escapeHtml(code)}</code></pre>\n`;
  }
}

function renderCodeBlockChecked(code: string, lang: string): string {
  const lines = code.endsWith('\n') ? code.split('\n').length - 1 : code.split('\n').length;
  let html: string;
  try {
    html = highlightCode(code, lang) ?? escapeHtml(code);
  } catch {
    html = escapeHtml(code);
  }
  const cls = lang ? ` class="hljs language-${escapeHtml(lang)}"` : '';
  const label = `<span class="halo-code-lang">${lang ? escapeHtml(lang) : 'text'}</span><span class="halo-code-lines">${lines} ${lines === 1 ? 'line' : 'lines'}</span>`;
  const head = `<figcaption class="halo-code-head">${label}</figcaption>`;
  if (lines <= FOLD_CODE_LINES) {
    return `<figure class="halo-code-block">${head}<pre class="halo-code" tabindex="0"><code${cls}>${html}</code></pre></figure>\n`;
  }
  const [first, rest] = splitHighlighted(html, VISIBLE_CODE_LINES);
  return `<figure class="halo-code-block halo-code-folded">${head}<pre class="halo-code" tabindex="0"><code${cls}>${first}</code></pre><details class="halo-fold"><summary>Show ${lines - VISIBLE_CODE_LINES} more lines</summary><pre class="halo-code halo-code-rest" tabindex="0"><code${cls}>${rest}</code></pre></details></figure>\n`;
}

function blockLabel(block: ContentBlock): string {
  if (block.type === 'text') return '';
  if (block.type === 'reasoning') return `${block.author || 'Assistant'} · reasoning`;
  return block.author || block.role;
}

/**
 * One block's HTML; never throws, so one bad block cannot take the others with it (issue 16).
 * `n` numbers it for its stable id and self-link (`#m-3`), which work without scripts; the
 * popup's single-block previews leave it out.
 */
export function renderBlock(block: Block, resolveImage?: ImageResolver, n = 0, headingBase = 2): string {
  const cache = cacheFor(resolveImage);
  const key = blockKey(block, n, headingBase);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const overruns = budgetOverruns();
  const html = renderBlockUncached(block, resolveImage, n, headingBase);
  if (key !== undefined && budgetOverruns() === overruns) cache.set(key, html);
  return html;
}

/**
 * Rendered blocks, by content (issue 12): a keystroke in a 1,000-block draft re-renders the one
 * block it changed, and the whole-Halo preview reuses the other 999. The key is everything the
 * HTML depends on: the block itself (type, role, author, Markdown, source), its number (ids and
 * self-links) and its heading level (inside a section or not); never a draft's or block's id, so
 * one Halo's cache can only ever give another Halo the HTML of identical content. Images depend on
 * the resolver too: each resolver has a cache of its own (dropped with it), blocks without one share
 * one. Bounded by total characters, least recently used first out. Output past a time budget
 * depends on the machine's speed, and is not kept.
 */
const CACHE_CHARS = 16_000_000;
const CACHE_ENTRIES = 6_000;
const unresolvedCache = new LruStrings(CACHE_CHARS, CACHE_ENTRIES);
const resolverCaches = new WeakMap<ImageResolver, LruStrings>();

function cacheFor(resolveImage: ImageResolver | undefined): LruStrings {
  if (!resolveImage) return unresolvedCache;
  let cache = resolverCaches.get(resolveImage);
  if (!cache) {
    cache = new LruStrings(CACHE_CHARS, CACHE_ENTRIES);
    resolverCaches.set(resolveImage, cache);
  }
  return cache;
}

function blockKey(block: Block, n: number, headingBase: number): string | undefined {
  try {
    return `${n}|${headingBase}|${JSON.stringify(block)}`;
  } catch {
    // Not serialisable (never from the schema): rendered every time.
    return undefined;
  }
}

/** Empties the block cache (tests compare cached output with freshly rendered output). */
export function clearRenderCache(): void {
  unresolvedCache.clear();
  firstLines.clear();
}

function renderBlockUncached(
  block: Block,
  resolveImage: ImageResolver | undefined,
  n: number,
  headingBase: number,
): string {
  try {
    return renderBlockChecked(block, resolveImage, n, headingBase);
  } catch (error) {
    const source = block && 'markdown' in block ? String(block.markdown) : '';
    const id = n > 0 ? ` id="m-${n}"` : '';
    return `<section class="halo-block"${id}>${unrenderedBlock(source, whyUnrendered(error))}</section>`;
  }
}

function renderBlockChecked(
  block: Block,
  resolveImage: ImageResolver | undefined,
  n: number,
  headingBase: number,
): string {
  if (block.type === 'section') return renderSectionHead(block, 0);
  const role = block.type === 'message' ? block.role : block.type;
  const label = blockLabel(block);
  const id = n > 0 ? ` id="m-${n}"` : '';
  const link =
    n > 0
      ? `<a class="halo-permalink" href="#m-${n}" title="Link to this ${block.type === 'text' ? 'part' : 'message'}">#${n}</a>`
      : '';
  const head =
    label || link
      ? `<header class="halo-speaker">${label ? `<span class="halo-speaker-name">${escapeHtml(label)}</span>` : ''}${link}</header>`
      : '';
  // Collected from several pages: each block shows the page it came from.
  const from = block.source
    ? `<p class="halo-block-source">From ${sourceLink(block.source.url, block.source.title)}</p>`
    : '';
  const content =
    block.type === 'reasoning'
      ? // Reasoning is published folded: closed, yet find-in-page still opens it (Chromium, Firefox).
        `<details class="halo-fold halo-reasoning-fold"><summary>Show reasoning (${wordCount(block.markdown)} words)</summary><div class="halo-content">${renderMarkdown(block.markdown, resolveImage, { headingBase })}</div></details>`
      : `<div class="halo-content">${renderMarkdown(block.markdown, resolveImage, { foldLongerThan: FOLD_MESSAGE_CHARS, headingBase })}</div>`;
  return `<section class="halo-block halo-${block.type} halo-role-${escapeHtml(role)}"${id}>${head}${content}${from}</section>`;
}

function sourceLink(url: string, title: string): string {
  const href = SAFE_LINK.test(url) ? url : '#';
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow ugc">${escapeHtml(title || url)}</a>`;
}

/** A section's heading and source link; `n` numbers it for its stable id (`s-1`, `s-2`, …). */
function renderSectionHead(section: SectionBlock, n: number): string {
  const id = n > 0 ? ` id="s-${n}"` : '';
  const link = n > 0 ? `<a class="halo-permalink" href="#s-${n}" title="Link to this section">§${n}</a>` : '';
  const from = section.source
    ? `<p class="halo-section-source">From ${sourceLink(section.source.url, section.source.title)}</p>`
    : '';
  return `<header class="halo-section-head"><h2 class="halo-section-title"${id}>${escapeHtml(section.title || 'Untitled section')}</h2>${link}${from}</header>`;
}

/**
 * The blocks, each section wrapping the blocks that follow it until the next one (the wire
 * format is flat: a section block opens a section). Blocks before the first section stand alone.
 */
function renderBlocks(blocks: readonly Block[], resolveImage?: ImageResolver): string {
  const out: string[] = [];
  let open = false;
  let sections = 0;
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'section') {
      if (open) out.push('</section>');
      sections += 1;
      out.push(`<section class="halo-section" aria-labelledby="s-${sections}">${renderSectionHead(block, sections)}`);
      open = true;
    } else {
      n += 1;
      out.push(renderBlock(block, resolveImage, n, open ? 3 : 2));
    }
  }
  if (open) out.push('</section>');
  return out.join('\n');
}

/** The first line of a message as plain text, for the table of contents. */
export function firstLine(markdown: string, max = 90): string {
  // The contents list asks for every question at each render of the whole Halo (issue 12).
  const key = `${max}|${markdown}`;
  let line = firstLines.get(key);
  if (line === undefined) {
    line = firstLineUncached(markdown, max);
    firstLines.set(key, line);
  }
  return line;
}

const firstLines = new LruStrings(2_000_000, 4_000);

function firstLineUncached(markdown: string, max: number): string {
  shared ??= createMarkdown();
  const tokens = shared.parse(markdown.slice(0, 2_000).toWellFormed(), {});
  const inline = tokens.find((token) => token.type === 'inline' && token.content.trim());
  const text = (inline?.children ?? [])
    .map((child) => (child.type === 'softbreak' || child.type === 'hardbreak' ? '\n' : child.content))
    .join('')
    .split('\n')[0]!
    .replace(/\s+/g, ' ')
    .trim();
  const plain = text || markdown.trim().split('\n')[0]!.trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

/** The table of contents needs this many sections, or this many messages (issue 13). */
export const TOC_MIN_SECTIONS = 2;
export const TOC_MIN_MESSAGES = 8;

/**
 * A table of contents when the Halo has two or more sections or eight or more messages: the
 * section titles and, in chat threads, the user's questions (nested under their section).
 */
function renderContents(blocks: readonly Block[]): string {
  const sectionCount = blocks.filter((block) => block.type === 'section').length;
  const messageCount = blocks.filter((block) => block.type === 'message').length;
  if (sectionCount < TOC_MIN_SECTIONS && messageCount < TOC_MIN_MESSAGES) return '';
  const top: string[] = [];
  let questions: string[] = [];
  let sectionItem: string | null = null;
  const flush = () => {
    const list = questions.length ? `<ol class="halo-toc-questions">${questions.join('')}</ol>` : '';
    if (sectionItem !== null) top.push(`<li>${sectionItem}${list}</li>`);
    else top.push(...questions);
    questions = [];
  };
  let s = 0;
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'section') {
      flush();
      s += 1;
      sectionItem = `<a href="#s-${s}">${escapeHtml(block.title || 'Untitled section')}</a>`;
      continue;
    }
    n += 1;
    if (block.type === 'message' && block.role === 'user' && block.markdown.trim()) {
      questions.push(
        `<li class="halo-toc-question"><a href="#m-${n}">${escapeHtml(firstLine(block.markdown))}</a></li>`,
      );
    }
  }
  flush();
  if (!top.length) return '';
  return `<nav class="halo-toc" aria-labelledby="halo-toc-title"><h2 class="halo-toc-title" id="halo-toc-title">Contents</h2><ol>${top.join('')}</ol></nav>`;
}

/** Every other page the Halo was collected from (sections and blocks), once each, in order. */
function otherSources(halo: Halo): { url: string; title: string }[] {
  const seen = new Set([halo.source.url]);
  const found: { url: string; title: string }[] = [];
  for (const block of halo.blocks) {
    if (block.source && !seen.has(block.source.url)) {
      seen.add(block.source.url);
      found.push(block.source);
    }
  }
  return found;
}

/** The body of a Halo page: the same HTML in the popup preview and on the server. */
export function renderHaloBody(halo: Halo, resolveImage?: ImageResolver): string {
  const note = halo.note?.trim()
    ? `<div class="halo-note">${renderMarkdown(halo.note, resolveImage, { headingBase: 2 })}</div>`
    : '';
  const src = halo.source;
  const others = otherSources(halo);
  const also = others.length
    ? ` · also from ${others
        .slice(0, 6)
        .map((other) => sourceLink(other.url, other.title))
        .join(', ')}${others.length > 6 ? ` and ${others.length - 6} more` : ''}`
    : '';
  const source = `<p class="halo-source">From ${sourceLink(src.url, src.title)}${also} · <time datetime="${escapeHtml(src.capturedAt)}">${escapeHtml(src.capturedAt.slice(0, 10))}</time></p>`;
  const blocks = renderBlocks(halo.blocks, resolveImage);
  return `<article class="halo"><header class="halo-header"><h1 class="halo-title">${escapeHtml(halo.title)}</h1>${source}${note}</header>\n${renderContents(halo.blocks)}${blocks}\n</article>`;
}
