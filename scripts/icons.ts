// `npm run icons`: the toolbar and store icons (public/icon/<size>.png) from the one SVG source,
// assets/halo-mark.svg (issue 18). resvg renders the same bytes for the same SVG, so the PNGs in
// the repository are checked against a fresh render by tests/unit/store/icons.test.ts.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const root = join(import.meta.dirname, '..');
const source = join(root, 'assets', 'halo-mark.svg');

/** The mark at `size` px square, as PNG bytes. */
export function renderIcon(size: number): Buffer {
  const svg = readFileSync(source, 'utf8');
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(root, 'public', 'icon');
  mkdirSync(out, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(out, `${size}.png`), renderIcon(size));
  console.log(`icons: ${ICON_SIZES.join(', ')} px written to public/icon/`);
}
