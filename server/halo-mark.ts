import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The one source of the Halo mark (issue 18): toolbar icons, favicons, the link-preview card, the promo tile. */
export const HALO_MARK_PATH = join(import.meta.dirname, '..', 'assets', 'halo-mark.svg');

let source: string | undefined;

/**
 * The mark as an `<svg>` element to place inside another SVG at (x, y), `size` px square: the
 * source's own drawing under its own viewBox, so it stays the same picture wherever it is drawn.
 * Its gradient ids are prefixed, so two drawings in one document cannot take each other's.
 */
export function nestedHaloMark(x: number, y: number, size: number, idPrefix = 'halo-mark-'): string {
  source ??= readFileSync(HALO_MARK_PATH, 'utf8');
  const viewBox = /viewBox="([^"]+)"/.exec(source)?.[1] ?? '0 0 128 128';
  const inner = source
    .replace(/^[\s\S]*?<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/id="([^"]+)"/g, `id="${idPrefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
    .trim();
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="${viewBox}">${inner}</svg>`;
}
