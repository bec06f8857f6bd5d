/**
 * What an image's first bytes say it is. The Content-Type a page or a client sends is a claim;
 * the magic bytes decide (issue 11). Only the raster types the renderer shows are kept; SVG is a
 * document that can carry script and is refused on every path.
 */
export type RasterType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif';

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The raster type of these bytes, 'svg' for an SVG or XML document, or null for anything else. */
export function sniffImage(bytes: Uint8Array): RasterType | 'svg' | null {
  if (bytes.length >= 8 && ascii(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 4, 'ftyp') && (ascii(bytes, 8, 'avif') || ascii(bytes, 8, 'avis'))) return 'image/avif';
  // Text that opens like markup (after a BOM and whitespace): SVG, or XML that may become it.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 512 && (bytes[i] === 0x20 || (bytes[i]! >= 0x09 && bytes[i]! <= 0x0d))) i++;
  if (
    ascii(bytes, i, '<?xml') ||
    ascii(bytes, i, '<svg') ||
    ascii(bytes, i, '<!--') ||
    ascii(bytes, i, '<!DOCTYPE svg')
  )
    return 'svg';
  return null;
}
