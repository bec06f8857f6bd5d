import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Representation } from './answer';
import { compressAsset } from './compress';
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
