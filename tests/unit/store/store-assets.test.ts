// Issue 18: the store's pictures are what `npm run store-assets` makes. The promo tile is drawn
// from its SVG source (the Halo mark and the name) with bundled fonts, so the committed PNG must be
// byte for byte a fresh render; the screenshots come from real Chromium, whose font rendering
// varies by machine, so for them: each one the script names exists at exactly 1280×800, and no
// other picture sits beside them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PROMO_TILE,
  SCREENSHOT_SIZE,
  STORE_SCREENSHOTS,
  promoTileSvg,
  renderPromoTile,
} from '../../../scripts/promo-tile';

const root = join(import.meta.dirname, '../../..');
const size = (png: Buffer) => {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('store assets', () => {
  it('the promo tile is 440×280 and exactly what the script renders from its committed SVG source', () => {
    const committed = readFileSync(join(root, 'store', 'promo-tile.png'));
    expect(size(committed)).toEqual(PROMO_TILE);
    expect(readFileSync(join(root, 'store', 'promo-tile.svg'), 'utf8')).toBe(promoTileSvg());
    expect(committed.equals(renderPromoTile())).toBe(true);
    // The tile carries the same mark as the icons, from the one source.
    expect(promoTileSvg()).toContain('stop-color="#ffd86b"');
  });

  it('every screenshot the script takes is committed at 1280×800, and nothing else is there', () => {
    const dir = join(root, 'store', 'screenshots');
    expect(readdirSync(dir).sort()).toEqual([...STORE_SCREENSHOTS].sort());
    for (const name of STORE_SCREENSHOTS) expect(size(readFileSync(join(dir, name)))).toEqual(SCREENSHOT_SIZE);
  });

  it('`npm run store-assets` runs the script, which writes these files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['store-assets']).toBe('tsx scripts/store-assets.ts');
    const script = readFileSync(join(root, 'scripts', 'store-assets.ts'), 'utf8');
    expect(script).toContain("new URL('store/screenshots/', root)");
    expect(script).toContain('renderPromoTile()');
  });
});
