import MarkdownIt from 'markdown-it';

type Markdown = ReturnType<typeof MarkdownIt>;
import { highlightCode } from '@/lib/halo/render-code';
import { lineBreakTagPlugin } from '@/lib/halo/render-line-break';
import { mathPlugin } from '@/lib/halo/render-math';
import { BLOCK_BUDGET_MS, unrenderedBlock, whyUnrendered, withBudget } from '@/lib/halo/render-guard';
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
    highlight: (code, lang) => {
      const html = highlightCode(code, lang);
      // markdown-it wraps a returned string that does not start with <pre in <pre><code class="language-x">.
      return html
        ? `<pre class="halo-code"><code class="hljs language-${md.utils.escapeHtml(lang)}">${html}</code></pre>`
        : '';
    },
  });
  md.use(mathPlugin);
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

/**
 * Never throws (issue 16): whatever fails in here shows the Markdown as written, with a note,
 * instead of blanking the popup or answering 500. KaTeX and highlight.js share one time budget.
 */
export function renderMarkdown(markdown: string, resolveImage?: ImageResolver): string {
  try {
    return withBudget(BLOCK_BUDGET_MS, () => renderChecked(markdown, resolveImage));
  } catch (error) {
    return unrenderedBlock(String(markdown ?? ''), whyUnrendered(error));
  }
}

function renderChecked(markdown: string, resolveImage?: ImageResolver): string {
  shared ??= createMarkdown();
  const env = { resolveImage } as RenderEnv as Record<string, unknown>;
  // Lone surrogates show as U+FFFD, as the extension publishes them (lib/halo/well-formed.ts).
  const source = markdown.toWellFormed();
  const tokens = shared.parse(source, env);
  // markdown-it silently drops whatever lies below maxNesting: show the whole text instead.
  if (tokens.some((token) => token.level >= MAX_NESTING - 1)) {
    return `<p class="halo-too-deep">This part nests too deeply to format; it is shown as written.</p><pre class="halo-plain">${escapeHtml(source)}</pre>`;
  }
  return shared.renderer.render(tokens, shared.options, env);
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

function blockLabel(block: ContentBlock): string {
  if (block.type === 'text') return '';
  if (block.type === 'reasoning') return `${block.author || 'Assistant'} · reasoning`;
  return block.author || block.role;
}

/** One block's HTML; never throws, so one bad block cannot take the others with it (issue 16). */
export function renderBlock(block: Block, resolveImage?: ImageResolver): string {
  try {
    return renderBlockChecked(block, resolveImage);
  } catch (error) {
    const source = block && 'markdown' in block ? String(block.markdown) : '';
    return `<section class="halo-block">${unrenderedBlock(source, whyUnrendered(error))}</section>`;
  }
}

function renderBlockChecked(block: Block, resolveImage?: ImageResolver): string {
  if (block.type === 'section') return renderSectionHead(block, 0);
  const role = block.type === 'message' ? block.role : block.type;
  const label = blockLabel(block);
  const head = label ? `<header class="halo-speaker">${escapeHtml(label)}</header>` : '';
  // Collected from several pages: each block shows the page it came from.
  const from = block.source
    ? `<p class="halo-block-source">From ${sourceLink(block.source.url, block.source.title)}</p>`
    : '';
  return `<section class="halo-block halo-${block.type} halo-role-${escapeHtml(role)}">${head}<div class="halo-content">${renderMarkdown(block.markdown, resolveImage)}</div>${from}</section>`;
}

function sourceLink(url: string, title: string): string {
  const href = SAFE_LINK.test(url) ? url : '#';
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow ugc">${escapeHtml(title || url)}</a>`;
}

/** A section's heading and source link; `n` numbers it for its stable id (`s-1`, `s-2`, …). */
function renderSectionHead(section: SectionBlock, n: number): string {
  const id = n > 0 ? ` id="s-${n}"` : '';
  const from = section.source
    ? `<p class="halo-section-source">From ${sourceLink(section.source.url, section.source.title)}</p>`
    : '';
  return `<header class="halo-section-head"><h2 class="halo-section-title"${id}>${escapeHtml(section.title || 'Untitled section')}</h2>${from}</header>`;
}

/**
 * The blocks, each section wrapping the blocks that follow it until the next one (the wire
 * format is flat: a section block opens a section). Blocks before the first section stand alone.
 */
function renderBlocks(blocks: readonly Block[], resolveImage?: ImageResolver): string {
  const out: string[] = [];
  let open = false;
  let sections = 0;
  for (const block of blocks) {
    if (block.type === 'section') {
      if (open) out.push('</section>');
      sections += 1;
      out.push(`<section class="halo-section" aria-labelledby="s-${sections}">${renderSectionHead(block, sections)}`);
      open = true;
    } else {
      out.push(renderBlock(block, resolveImage));
    }
  }
  if (open) out.push('</section>');
  return out.join('\n');
}

/** A table of contents when the Halo has two or more sections (issue 12). */
function renderContents(blocks: readonly Block[]): string {
  const sections = blocks.filter((block): block is SectionBlock => block.type === 'section');
  if (sections.length < 2) return '';
  const items = sections
    .map((section, i) => `<li><a href="#s-${i + 1}">${escapeHtml(section.title || 'Untitled section')}</a></li>`)
    .join('');
  return `<nav class="halo-toc" aria-label="Contents"><h2 class="halo-toc-title">Contents</h2><ol>${items}</ol></nav>`;
}

/** The body of a Halo page: the same HTML in the popup preview and on the server. */
export function renderHaloBody(halo: Halo, resolveImage?: ImageResolver): string {
  const note = halo.note?.trim() ? `<div class="halo-note">${renderMarkdown(halo.note, resolveImage)}</div>` : '';
  const src = halo.source;
  const source = `<p class="halo-source">From ${sourceLink(src.url, src.title)} · <time datetime="${escapeHtml(src.capturedAt)}">${escapeHtml(src.capturedAt.slice(0, 10))}</time></p>`;
  const blocks = renderBlocks(halo.blocks, resolveImage);
  return `<article class="halo"><header class="halo-header"><h1 class="halo-title">${escapeHtml(halo.title)}</h1>${source}${note}</header>\n${renderContents(halo.blocks)}${blocks}\n</article>`;
}
