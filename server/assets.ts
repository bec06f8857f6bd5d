import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Representation } from './answer';
import { compressAsset } from './compress';
import { HALO_MARK_PATH } from './halo-mark';
import { strongEtag } from './etag';
import type { ContentCoding } from './negotiate';

/** A static file served from memory in every coding it was compressed to. */
export interface StaticAsset {
  /** e.g. halo.3f2a9c0b1d4e5f60.css */
  file: string;
  href: string;
  type: string;
  representations: ReadonlyMap<ContentCoding, Representation>;
}

/** Content-hashed names never change content, so browsers and proxies may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const stylesheetUrl = new URL('../lib/halo/halo.css', import.meta.url);
let stylesheet: StaticAsset | undefined;

/**
 * The Halo page stylesheet (lib/halo/halo.css) under a name made from its content (issue 21), so
 * pages can point at it for good and a new version is a new name. Read, hashed and compressed
 * once per process.
 */
export function haloStylesheet(): StaticAsset {
  if (stylesheet) return stylesheet;
  const css = readFileSync(stylesheetUrl);
  const file = `halo.${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const representations = new Map<ContentCoding, Representation>([
    ['identity', { coding: 'identity', body: css, etag: strongEtag(css) }],
  ]);
  for (const { coding, bytes } of compressAsset(css))
    representations.set(coding, { coding, body: bytes, etag: strongEtag(bytes) });
  stylesheet = { file, href: `/assets/${file}`, type: 'text/css; charset=utf-8', representations };
  return stylesheet;
}

/** The favicon's raster size: what browsers without SVG favicons (Safari) and /favicon.ico get. */
export const FAVICON_PNG_SIZE = 32;
let favicons: { svg: StaticAsset; png: StaticAsset } | undefined;

const hashed = (stem: string, bytes: Uint8Array, ext: string) =>
  `${stem}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`;

/**
 * The Halo mark (assets/halo-mark.svg, the toolbar icon's source; issue 18) as the pages' favicon:
 * the SVG itself, compressed like the stylesheet, and a 32 px PNG drawn from it once per process.
 * Content-hashed names like the stylesheet's (issue 21): cached for a year, a new mark a new name.
 */
export function haloFavicons(): { svg: StaticAsset; png: StaticAsset } {
  if (favicons) return favicons;
  const svg = readFileSync(HALO_MARK_PATH);
  const svgFile = hashed('halo-mark', svg, 'svg');
  const svgRepresentations = new Map<ContentCoding, Representation>([
    ['identity', { coding: 'identity', body: svg, etag: strongEtag(svg) }],
  ]);
  for (const { coding, bytes } of compressAsset(svg))
    svgRepresentations.set(coding, { coding, body: bytes, etag: strongEtag(bytes) });
  const png = Buffer.from(
    new Resvg(svg.toString('utf8'), { fitTo: { mode: 'width', value: FAVICON_PNG_SIZE } }).render().asPng(),
  );
  const pngFile = hashed('halo-mark', png, 'png');
  favicons = {
    svg: { file: svgFile, href: `/assets/${svgFile}`, type: 'image/svg+xml', representations: svgRepresentations },
    png: {
      file: pngFile,
      href: `/assets/${pngFile}`,
      type: 'image/png',
      // PNG is compressed already: identity only.
      representations: new Map([['identity', { coding: 'identity', body: png, etag: strongEtag(png) }]]),
    },
  };
  return favicons;
}

/**
 * The `<link>`s every page's head carries. The PNG names its size and comes first, the SVG last:
 * browsers that draw SVG favicons then take the SVG, the others the PNG.
 */
export function faviconLinks(): string {
  const { svg, png } = haloFavicons();
  return `<link rel="icon" href="${png.href}" type="image/png" sizes="${FAVICON_PNG_SIZE}x${FAVICON_PNG_SIZE}">\n<link rel="icon" href="${svg.href}" type="image/svg+xml">`;
}
