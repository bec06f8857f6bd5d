// Issue 11 (images behind the login): the bytes decide what an image is, not the Content-Type.
import { describe, expect, it } from 'vitest';
import { sniffImage } from '@/lib/halo/image-sniff';
import { keptImageHashes, leftOutImageRef, parseImageRef } from '@/lib/halo/image-ref';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('sniffImage (issue 11)', () => {
  it('names the five raster types by their magic bytes', () => {
    expect(sniffImage(bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13]))).toBe('image/png');
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(bytes('GIF89a', [1, 0]))).toBe('image/gif');
    expect(sniffImage(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(bytes([0, 0, 0, 28], 'ftypavif'))).toBe('image/avif');
  });

  it('calls SVG and XML documents svg, even after a BOM and whitespace', () => {
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImage(bytes([0xef, 0xbb, 0xbf], '\n  <?xml version="1.0"?><svg/>'))).toBe('svg');
    expect(sniffImage(bytes('<!-- drawn --><svg/>'))).toBe('svg');
  });

  it('refuses anything else: HTML, text, truncated headers, an empty body', () => {
    expect(sniffImage(bytes('<!doctype html><p>Sign in</p>'))).toBeNull();
    expect(sniffImage(bytes('{"error":"login required"}'))).toBeNull();
    expect(sniffImage(bytes('\x89PN'))).toBeNull();
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});

describe('halo-image references (issue 11)', () => {
  const sha = 'ab'.repeat(32);
  it('reads a kept image and a placeholder with its reason back', () => {
    expect(parseImageRef(`halo-image:${sha}`)).toEqual({ kind: 'kept', sha256: sha });
    expect(parseImageRef(leftOutImageRef('too-big'))).toEqual({ kind: 'left-out', reason: 'larger than 5 MB' });
    expect(parseImageRef('halo-image:left-out:made-up')).toEqual({ kind: 'left-out', reason: 'left out' });
    expect(parseImageRef('halo-image:ABC')).toBeNull();
    expect(parseImageRef('https://example.com/x.png')).toBeNull();
  });

  it('finds each kept image of some Markdown once', () => {
    const markdown = `![a](halo-image:${sha}) and ![b](halo-image:${sha} "again") ![c](halo-image:${sha}ff)`;
    expect(keptImageHashes(markdown)).toEqual([sha]);
  });
});
