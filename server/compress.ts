import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

/**
 * Compression settings for stored pages (issue 21), chosen by `npm run bench -- wire`. On a
 * 5,000-message page (2.4 MB) brotli 5 sends 15 % of the raw bytes after about half a second of
 * CPU; brotli 11 saves 13 % more but takes 20 s, brotli 9 saves 6 % more for four times the time,
 * and from 6 on each level roughly doubles the time for 1 to 2 %. The work is done once per
 * publish, but on a small server's few cores, and a burst of large publishes must not queue
 * minutes of it. gzip (for clients without brotli) costs about the same at 6 and 9: 9.
 */
export const PAGE_BROTLI_QUALITY = 5;
export const PAGE_GZIP_LEVEL = 9;
/** Assets are a few kilobytes, compressed once at start: the smallest output is worth any level. */
export const ASSET_BROTLI_QUALITY = 11;

export type CompressedCoding = 'br' | 'gzip';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const brotliOptions = (quality: number, size: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
  // Large output chunks: fewer trips between the thread pool and the event loop for a big page.
  chunkSize: 256 * 1024,
});

/**
 * The page's brotli and gzip variants, compressed on libuv's thread pool so the event loop keeps
 * serving meanwhile. A variant no smaller than the page is left out: the page itself is better.
 */
export async function compressPage(
  page: Uint8Array,
  quality = PAGE_BROTLI_QUALITY,
): Promise<{ coding: CompressedCoding; bytes: Buffer }[]> {
  const [br, gz] = await Promise.all([
    brotliAsync(page, brotliOptions(quality, page.length)),
    gzipAsync(page, { level: PAGE_GZIP_LEVEL, chunkSize: 256 * 1024 }),
  ]);
  return [
    { coding: 'br' as const, bytes: br },
    { coding: 'gzip' as const, bytes: gz },
  ].filter((variant) => variant.bytes.length < page.length);
}

/** Both variants of a small asset, at the highest levels, synchronously (at start-up only). */
export function compressAsset(bytes: Uint8Array): { coding: CompressedCoding; bytes: Buffer }[] {
  return [
    { coding: 'br' as const, bytes: brotliCompressSync(bytes, brotliOptions(ASSET_BROTLI_QUALITY, bytes.length)) },
    { coding: 'gzip' as const, bytes: gzipSync(bytes, { level: 9 }) },
  ].filter((variant) => variant.bytes.length < bytes.length);
}
