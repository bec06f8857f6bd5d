// The store's 440×280 promo tile (issue 18), drawn from an SVG made of the Halo mark
// (assets/halo-mark.svg) and the name, by the same rasteriser as the icons (`npm run icons`). Its
// fonts come from the dejavu-fonts-ttf package, never the system's, so every machine draws the
// same bytes: tests/unit/store/store-assets.test.ts compares the committed PNG with a fresh render.
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { nestedHaloMark } from '../server/halo-mark';

export const PROMO_TILE = { width: 440, height: 280 } as const;

/** The screenshots `npm run store-assets` takes (store/screenshots/), all at 1280×800. */
export const STORE_SCREENSHOTS = [
  '1-popup-chat-thread.png',
  '2-editor.png',
  '3-side-panel-sections.png',
  '4-halo-light.png',
  '5-halo-dark.png',
] as const;
export const SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The tile's SVG source (committed as store/promo-tile.svg beside its PNG). */
export function promoTileSvg(): string {
  const { width, height } = PROMO_TILE;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <rect width="${width}" height="${height}" fill="#fbfaf8"/>
  <rect width="${width}" height="8" fill="#5b4bdb"/>
  ${nestedHaloMark(28, 76, 128)}
  <text x="172" y="128" font-family="DejaVu Sans" font-weight="bold" font-size="34" fill="#1d1d1f">Halo Lumin</text>
  <text font-family="DejaVu Sans" font-size="16" fill="#4a4a50"><tspan x="174" y="162">Chats, articles and notes,</tspan><tspan x="174" y="184">as one clean page.</tspan><tspan x="174" y="206" fill="#5b4bdb" font-weight="bold">One link to share.</tspan></text>
</svg>
`;
}

/** The tile as PNG bytes. */
export function renderPromoTile(): Buffer {
  const font = {
    fontFiles: [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')],
    loadSystemFonts: false,
    defaultFontFamily: 'DejaVu Sans',
  };
  return Buffer.from(new Resvg(promoTileSvg(), { font, fitTo: { mode: 'original' } }).render().asPng());
}
