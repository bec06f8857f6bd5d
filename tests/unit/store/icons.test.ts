// Issue 18: every icon the manifest names exists, and is exactly what `npm run icons` renders from
// the one SVG source (no hand-exported binary).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, renderIcon } from '../../../scripts/icons';

const root = join(import.meta.dirname, '../../..');

describe('icons', () => {
  it.each(ICON_SIZES)('public/icon/%ipx.png is the SVG mark rendered at that size', (size) => {
    const committed = readFileSync(join(root, 'public', 'icon', `${size}.png`));
    // PNG IHDR: width and height at bytes 16..23.
    expect([committed.readUInt32BE(16), committed.readUInt32BE(20)]).toEqual([size, size]);
    expect(committed.equals(renderIcon(size))).toBe(true);
  });

  it('are the ones wxt.config.ts puts in the manifest', () => {
    const config = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
    for (const size of ICON_SIZES) expect(config).toContain(`${size}: 'icon/${size}.png'`);
  });
});
