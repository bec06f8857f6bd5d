import MarkdownIt from 'markdown-it';

type Markdown = ReturnType<typeof MarkdownIt>;
import { highlightCode } from '@/lib/halo/render-code';
import { lineBreakTagPlugin } from '@/lib/halo/render-line-break';
import { mathPlugin } from '@/lib/halo/render-math';
import { BLOCK_BUDGET_MS, budgetOverruns, unrenderedBlock, whyUnrendered, withBudget } from '@/lib/halo/render-guard';
import { LruStrings } from '@/lib/halo/lru-strings';
import type { Block, ContentBlock, Halo, SectionBlock } from '@/lib/halo/schema';
import { IMAGE_REF, parseImageRef } from '@/lib/halo/image-ref';
import { balanceBidi, withoutBidiControls } from '@/lib/halo/bidi';
import { directionPlugin } from '@/lib/halo/render-direction';
import { dominantScript, langFitsScript, langForScript, languageOf, proseOf, textDirection } from '@/lib/halo/script';

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
  // Issue 17: every paragraph, heading, list, quote and table cell in its own direction.
  md.use(directionPlugin);
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
    // Isolated (a dir attribute implies unicode-bidi: isolate): an English link inside Arabic text
    // keeps its own order, and the sentence's punctuation stays where the sentence puts it.
    token?.attrSet('dir', 'auto');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

/** How a page points at images: a local copy's path, null when it could not be kept, undefined to leave it. */
export type ImageResolver = (src: string) => string | null | undefined;

interface RenderEnv {
  resolveImage?: ImageResolver;
  baseDir?: 'ltr' | 'rtl';
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
  /** The direction of the element the HTML goes into: elements say `dir` only where they differ. */
  baseDir?: 'ltr' | 'rtl';
}

/** The page a block is rendered into (issue 17): its language and its base direction. */
export interface PageContext {
  lang: string;
  dir: 'ltr' | 'rtl';
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
  const env = { resolveImage, baseDir: options.baseDir } as RenderEnv as Record<string, unknown>;
  // Lone surrogates show as U+FFFD, as the extension publishes them (lib/halo/well-formed.ts);
  // bidi controls are closed on their own line, so none reorders what follows (issue 17).
  const source = balanceBidi(markdown.toWellFormed());
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
  return `${shared.renderer.render(tokens.slice(0, cut), shared.options, env)}<details class="halo-fold"><summary lang="en">Show the rest (${wordCount(source.slice(source.length - rest))} more words)</summary>${shared.renderer.render(tokens.slice(cut), shared.options, env)}</details>`;
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
    return `<pre class="halo-code" dir="ltr" tabindex="0"><code>${escapeHtml(code)}</code></pre>\n`;
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
    return `<figure class="halo-code-block" dir="ltr">${head}<pre class="halo-code" tabindex="0"><code${cls}>${html}</code></pre></figure>\n`;
  }
  const [first, rest] = splitHighlighted(html, VISIBLE_CODE_LINES);
  return `<figure class="halo-code-block halo-code-folded" dir="ltr">${head}<pre class="halo-code" tabindex="0"><code${cls}>${first}</code></pre><details class="halo-fold"><summary lang="en">Show ${lines - VISIBLE_CODE_LINES} more lines</summary><pre class="halo-code halo-code-rest" tabindex="0"><code${cls}>${rest}</code></pre></details></figure>\n`;
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
export function renderBlock(
  block: Block,
  resolveImage?: ImageResolver,
  n = 0,
  headingBase = 2,
  page?: PageContext,
): string {
  const cache = cacheFor(resolveImage);
  const key = blockKey(block, n, headingBase, page);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const overruns = budgetOverruns();
  const html = renderBlockUncached(block, resolveImage, n, headingBase, page);
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

function blockKey(block: Block, n: number, headingBase: number, page?: PageContext): string | undefined {
  try {
    // The page's lang and dir decide each block's own attributes (issue 17).
    return `${n}|${headingBase}|${page?.lang ?? ''}|${page?.dir ?? ''}|${JSON.stringify(block)}`;
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
  page: PageContext | undefined,
): string {
  try {
    return renderBlockChecked(block, resolveImage, n, headingBase, page);
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
  page: PageContext | undefined,
): string {
  if (block.type === 'section') return renderSectionHead(block, 0, page);
  const prose = proseOf(block.markdown);
  const baseDir = textDirection(prose) ?? page?.dir ?? 'ltr';
  const role = block.type === 'message' ? block.role : block.type;
  const label = blockLabel(block);
  const id = n > 0 ? ` id="m-${n}"` : '';
  const link =
    n > 0
      ? `<a class="halo-permalink" href="#m-${n}" title="Link to this ${block.type === 'text' ? 'part' : 'message'}">#${n}</a>`
      : '';
  const head =
    label || link
      ? `<header class="halo-speaker">${label ? `<span class="halo-speaker-name" dir="auto">${plainText(label)}</span>` : ''}${link}</header>`
      : '';
  // Collected from several pages: each block shows the page it came from.
  const from = block.source
    ? `<p class="halo-block-source"${englishAttr(page)}>From ${sourceLink(block.source.url, block.source.title)}</p>`
    : '';
  const content =
    block.type === 'reasoning'
      ? // Reasoning is published folded: closed, yet find-in-page still opens it (Chromium, Firefox).
        `<details class="halo-fold halo-reasoning-fold"><summary lang="en">Show reasoning (${wordCount(block.markdown)} words)</summary><div class="halo-content">${renderMarkdown(block.markdown, resolveImage, { headingBase, baseDir })}</div></details>`
      : `<div class="halo-content">${renderMarkdown(block.markdown, resolveImage, { foldLongerThan: FOLD_MESSAGE_CHARS, headingBase, baseDir })}</div>`;
  return `<section class="halo-block halo-${block.type} halo-role-${escapeHtml(role)}"${id}${languageAttrs(prose, page)}>${head}${content}${from}</section>`;
}

function sourceLink(url: string, title: string): string {
  const href = SAFE_LINK.test(url) ? url : '#';
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow ugc" dir="auto">${plainText(title || url)}</a>`;
}

/** A plain-text field (title, section title, author) for HTML: escaped, without bidi controls (issue 17). */
export const plainText = (text: string): string => escapeHtml(withoutBidiControls(text));

/**
 * The language a page declares (issue 17): the Halo's own `lang` when it has one (checked by the
 * schema), else a guess from the script of its text, else English.
 */
export function pageLanguage(halo: Pick<Halo, 'lang' | 'title' | 'blocks'>): string {
  return halo.lang ?? languageOf(undefined, pageText(halo)) ?? 'en';
}

/** The page's base direction: its text's, whatever its `lang` says (an `en` tag on Arabic text). */
export const pageDirection = (halo: Pick<Halo, 'title' | 'blocks'>): 'rtl' | 'ltr' =>
  textDirection(pageText(halo)) ?? 'ltr';

const pageText = (halo: Pick<Halo, 'title' | 'blocks'>): string =>
  [halo.title, ...halo.blocks.slice(0, 50).map((b) => ('markdown' in b ? proseOf(b.markdown) : b.title))].join('\n');

/**
 * ` dir` and ` lang` for an element holding `text`: its direction from its letters, and its own
 * language when its script does not fit the page's (an English question on an Arabic page). Latin
 * on a non-Latin page is taken for English, the usual case in shared threads; a guess either way.
 */
function languageAttrs(text: string, page: PageContext | undefined): string {
  const dir = textDirection(text);
  let attrs = dir && dir !== (page?.dir ?? 'ltr') ? ` dir="${dir}"` : '';
  if (!page) return attrs;
  const script = dominantScript(text);
  if (!langFitsScript(page.lang, script)) {
    const lang = langForScript(script) ?? (script === 'Latn' ? 'en' : undefined);
    if (lang) attrs += ` lang="${lang}"`;
  }
  return attrs;
}

/** The page's own words (From, Contents, …) are English: marked so on a page in another language. */
const englishAttr = (page: PageContext | undefined): string =>
  (page && !/^en\b/i.test(page.lang) ? ' lang="en"' : '') + (page?.dir === 'rtl' ? ' dir="ltr"' : '');

/** A section's heading and source link; `n` numbers it for its stable id (`s-1`, `s-2`, …). */
function renderSectionHead(section: SectionBlock, n: number, page: PageContext | undefined): string {
  const id = n > 0 ? ` id="s-${n}"` : '';
  const link = n > 0 ? `<a class="halo-permalink" href="#s-${n}" title="Link to this section">§${n}</a>` : '';
  const from = section.source
    ? `<p class="halo-section-source"${englishAttr(page)}>From ${sourceLink(section.source.url, section.source.title)}</p>`
    : '';
  const title = withoutBidiControls(section.title).trim();
  const heading = title
    ? `<h2 class="halo-section-title"${id}${languageAttrs(title, page)}>${escapeHtml(title)}</h2>`
    : `<h2 class="halo-section-title"${id}${englishAttr(page)}>Untitled section</h2>`;
  return `<header class="halo-section-head">${heading}${link}${from}</header>`;
}

/**
 * The blocks, each section wrapping the blocks that follow it until the next one (the wire
 * format is flat: a section block opens a section). Blocks before the first section stand alone.
 */
function renderBlocks(blocks: readonly Block[], resolveImage?: ImageResolver, page?: PageContext): string {
  const out: string[] = [];
  let open = false;
  let sections = 0;
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'section') {
      if (open) out.push('</section>');
      sections += 1;
      out.push(
        `<section class="halo-section" aria-labelledby="s-${sections}">${renderSectionHead(block, sections, page)}`,
      );
      open = true;
    } else {
      n += 1;
      out.push(renderBlock(block, resolveImage, n, open ? 3 : 2, page));
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
function renderContents(blocks: readonly Block[], page?: PageContext): string {
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
      sectionItem = `<a href="#s-${s}" dir="auto">${plainText(block.title || 'Untitled section')}</a>`;
      continue;
    }
    n += 1;
    if (block.type === 'message' && block.role === 'user' && block.markdown.trim()) {
      questions.push(
        `<li class="halo-toc-question" dir="auto"><a href="#m-${n}" dir="auto">${plainText(firstLine(block.markdown))}</a></li>`,
      );
    }
  }
  flush();
  if (!top.length) return '';
  return `<nav class="halo-toc" aria-labelledby="halo-toc-title"><h2 class="halo-toc-title" id="halo-toc-title"${englishAttr(page)}>Contents</h2><ol>${top.join('')}</ol></nav>`;
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
  const lang = pageLanguage(halo);
  const page: PageContext = { lang, dir: pageDirection(halo) };
  const noteDir = halo.note ? (textDirection(proseOf(halo.note)) ?? page.dir) : page.dir;
  const note = halo.note?.trim()
    ? `<div class="halo-note"${languageAttrs(proseOf(halo.note), page)}>${renderMarkdown(withoutBidiControls(halo.note), resolveImage, { headingBase: 2, baseDir: noteDir })}</div>`
    : '';
  const src = halo.source;
  const others = otherSources(halo);
  const also = others.length
    ? ` · also from ${others
        .slice(0, 6)
        .map((other) => sourceLink(other.url, other.title))
        .join(', ')}${others.length > 6 ? ` and ${others.length - 6} more` : ''}`
    : '';
  const source = `<p class="halo-source"${englishAttr(page)}>From ${sourceLink(src.url, src.title)}${also} · <time datetime="${escapeHtml(src.capturedAt)}" lang="${escapeHtml(lang)}" dir="auto">${escapeHtml(formatDate(src.capturedAt, lang))}</time></p>`;
  const blocks = renderBlocks(halo.blocks, resolveImage, page);
  const title = withoutBidiControls(halo.title);
  return `<article class="halo" lang="${escapeHtml(lang)}" dir="${page.dir}"><header class="halo-header"><h1 class="halo-title"${languageAttrs(title, page)}>${escapeHtml(title)}</h1>${source}${note}</header>\n${renderContents(halo.blocks, page)}${blocks}\n</article>`;
}

/**
 * A date in the Halo's language (issue 17), the same on the page and in the preview: the day the
 * page was captured, in UTC, so every reader sees the same day as the `datetime` says.
 */
export function formatDate(iso: string, lang: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso.slice(0, 10);
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
  } catch {
    return iso.slice(0, 10);
  }
}
