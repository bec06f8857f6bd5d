import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Halo } from '@/lib/halo/schema';
import { nestedHaloMark } from './halo-mark';
import { haloSummary } from './summary';

/**
 * The link-preview card (issue 13): a 1200×630 PNG drawn from an SVG template by resvg, with the
 * fonts shipped in the dejavu-fonts-ttf package, never the system's, so every server draws the
 * same card and nothing loads from the network. DejaVu Sans covers Latin, Greek, Cyrillic,
 * Armenian, Georgian, Hebrew and Arabic letters; CJK and emoji have no glyph and are left out.
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The Halo mark (issue 18) in the top right corner, beside the title's first line. */
export const MARK_X = 1040;
export const MARK_Y = 52;
export const MARK_SIZE = 112;

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

/** Everything placed in the SVG passes here: text stays text, whatever markup it holds. */
const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** Characters XML 1.0 refuses (control characters, lone surrogates, U+FFFE/FFFF) would break the SVG. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Scripts DejaVu Sans has no glyph for (CJK, emoji): left out rather than drawn as empty boxes. */
const NO_GLYPH = /[\u2E80-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|\p{Extended_Pictographic}/gu;

/** An advance-width guess for DejaVu Sans in ems: wide enough that a line never overflows. */
function charWidth(ch: string, bold: boolean): number {
  let w: number;
  if (/[iljtfrI.,:;'|!() ]/.test(ch)) w = 0.34;
  else if (/[mwMW@%]/.test(ch)) w = 0.92;
  else if (/[A-Z0-9]/.test(ch)) w = 0.7;
  else if (ch.codePointAt(0)! > 0x2e80) w = 1;
  else w = 0.62;
  return bold ? w * 1.08 : w;
}

/** Greedy word wrap to at most `maxLines` lines of `width` px; the last one ends in … when cut. */
export function wrapText(text: string, fontSize: number, width: number, maxLines: number, bold = false): string[] {
  const limit = width / fontSize;
  const measure = (s: string) => [...s].reduce((sum, ch) => sum + charWidth(ch, bold), 0);
  const lines: string[] = [];
  let line = '';
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    // A word wider than a line (a URL, CJK text) is cut where it no longer fits.
    while (measure(word) > limit) {
      let cut = [...word];
      while (cut.length > 1 && measure(cut.join('')) > limit) cut = cut.slice(0, -1);
      const head = cut.join('');
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(head);
      word = word.slice(head.length);
      if (lines.length >= maxLines) break;
    }
    if (lines.length >= maxLines) {
      line = '';
      break;
    }
    const next = line ? `${line} ${word}` : word;
    if (measure(next) <= limit) line = next;
    else {
      lines.push(line);
      line = word;
      if (lines.length >= maxLines) {
        line = '';
        break;
      }
    }
  }
  if (line) lines.push(line);
  const cutShort = lines.length > maxLines || lines.join(' ').length < text.replace(/\s+/g, ' ').trim().length;
  const shown = lines.slice(0, maxLines);
  if (cutShort && shown.length) {
    let last = shown[shown.length - 1]!;
    while (last && measure(`${last}…`) > limit) last = [...last].slice(0, -1).join('');
    shown[shown.length - 1] = `${last.trimEnd()}…`;
  }
  return shown;
}

/** The distinct sites a Halo was collected from, in order: "chatgpt.com · example.com". */
export function cardSites(halo: Halo): string[] {
  const sites = new Set<string>();
  for (const source of [halo.source, ...halo.blocks.map((block) => block.source)]) {
    if (!source) continue;
    try {
      sites.add(new URL(source.url).hostname.replace(/^www\./, ''));
    } catch {
      sites.add(source.site);
    }
  }
  return [...sites];
}

const tspans = (lines: string[], x: number, lineHeight: number): string =>
  lines.map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : lineHeight}">${escapeXml(line)}</tspan>`).join('');

/** The card's SVG: title, first lines, source sites and the Halo mark (assets/halo-mark.svg). */
export function cardSvg(halo: Halo): string {
  const clean = (text: string) => text.toWellFormed().replace(NOT_XML, ' ').replace(NO_GLYPH, '');
  // Narrower than the card: the first line passes under the Halo mark.
  const title = wrapText(clean(halo.title), 64, 940, 3, true);
  const titleBottom = 150 + (title.length - 1) * 78;
  const summaryLines = wrapText(clean(haloSummary(halo, 400)), 32, 1040, Math.min(4, 6 - title.length));
  const sites = cardSites(halo);
  const siteLine = wrapText(
    clean(sites.slice(0, 4).join('  ·  ') + (sites.length > 4 ? `  +${sites.length - 4}` : '')),
    28,
    900,
    1,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
<rect width="1200" height="630" fill="#fbfaf8"/>
<rect x="0" y="0" width="12" height="630" fill="#5b4bdb"/>
${nestedHaloMark(MARK_X, MARK_Y, MARK_SIZE)}
<text x="80" y="${150}" font-family="DejaVu Sans" font-weight="bold" font-size="64" fill="#1d1d1f">${tspans(title, 80, 78)}</text>
<text x="80" y="${titleBottom + 80}" font-family="DejaVu Sans" font-size="32" fill="#4a4a50">${tspans(summaryLines, 80, 46)}</text>
<line x1="80" y1="540" x2="1120" y2="540" stroke="#e4e1dc" stroke-width="2"/>
<text x="80" y="590" font-family="DejaVu Sans" font-size="28" fill="#5e5e66">${tspans(siteLine, 80, 0)}</text>
<text x="1120" y="590" text-anchor="end" font-family="DejaVu Sans" font-weight="bold" font-size="30" fill="#5b4bdb">Halo</text>
</svg>`;
}

const RESVG_OPTIONS: ResvgRenderOptions = {
  font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  fitTo: { mode: 'original' },
};

/** The card as PNG bytes, drawn on this thread (tests, tools). */
export function renderCard(halo: Halo): Buffer {
  return new Resvg(cardSvg(halo), RESVG_OPTIONS).render().asPng();
}

/** The card as PNG bytes, drawn on libuv's thread pool: page views go on while it draws. */
export async function renderCardAsync(halo: Halo): Promise<Buffer> {
  return (await renderAsync(cardSvg(halo), RESVG_OPTIONS)).asPng();
}
