/**
 * Images carried with a Halo (issue 11): the page's own images behind the user's login are copied
 * at capture time, and the Markdown points at them by a stable local reference, never by megabytes
 * of data: URLs. `halo-image:<sha256>` is a kept image (its id on the server is the same hash);
 * `halo-image:left-out:<reason>` is an image that could not be kept, shown as a placeholder.
 * Shared by the capture script, the renderer and the server: keep it tiny and dependency-free.
 */
export const IMAGE_REF = 'halo-image:';

export const IMAGE_LIMITS = {
  /** One image, in bytes (the server's default HALO_IMAGE_MAX_BYTES too). */
  imageBytes: 5 * 1024 * 1024,
  /** Every image of one capture together. */
  captureBytes: 25 * 1024 * 1024,
  /** Images read from one page; more keep their address for the server's own fetch. */
  images: 100,
  /** One image fetch; a hanging one becomes a placeholder. Generous: a busy page answers late. */
  timeoutMs: 10_000,
  /** All the images of a capture, so a page of slow images cannot outlast the capture itself. */
  phaseMs: 12_000,
} as const;

/** Why an image was left out: a stable code in the Markdown, a phrase for people. */
export const LEFT_OUT = {
  'too-big': 'larger than 5 MB',
  svg: 'an SVG: only raster images are kept',
  'not-image': 'not an image',
  'timed-out': 'did not load in time',
  unavailable: 'could not be read from the page',
  'capture-full': 'over the 25 MB one capture can carry',
  'storage-full': 'browser storage was full',
} as const;
export type LeftOutReason = keyof typeof LEFT_OUT;

const HASH = /^[0-9a-f]{64}$/;

export const keptImageRef = (sha256: string): string => `${IMAGE_REF}${sha256}`;
export const leftOutImageRef = (reason: LeftOutReason): string => `${IMAGE_REF}left-out:${reason}`;

export type ParsedImageRef = { kind: 'kept'; sha256: string } | { kind: 'left-out'; reason: string };

/** A `halo-image:` reference read back; null for any other address or a malformed one. */
export function parseImageRef(src: string): ParsedImageRef | null {
  if (!src.startsWith(IMAGE_REF)) return null;
  const rest = src.slice(IMAGE_REF.length);
  if (HASH.test(rest)) return { kind: 'kept', sha256: rest };
  if (rest.startsWith('left-out:')) {
    const reason = rest.slice(9);
    return { kind: 'left-out', reason: reason in LEFT_OUT ? LEFT_OUT[reason as LeftOutReason] : 'left out' };
  }
  return null;
}

/** Every kept image a piece of Markdown references (a cheap scan: the hash cannot occur by chance). */
export function keptImageHashes(markdown: string): string[] {
  return [...new Set(Array.from(markdown.matchAll(/halo-image:([0-9a-f]{64})(?![0-9a-f])/g), (m) => m[1]!))];
}
