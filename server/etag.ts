import { createHash } from 'node:crypto';

/**
 * A strong entity tag: a digest of exactly the bytes sent, so each stored representation (raw,
 * brotli, gzip) has its own and any change of bytes changes it (issue 21). 144 bits, 24 characters.
 */
export function strongEtag(bytes: Uint8Array | string): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 24)}"`;
}

/** A short version naming the same bytes, for an address (`?v=`): 72 bits. */
export const etagVersion = (etag: string): string => etag.slice(1, 13);
