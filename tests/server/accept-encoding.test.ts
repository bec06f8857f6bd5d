// Accept-Encoding and If-None-Match as RFC 9110 reads them (issue 21).
import { describe, expect, it } from 'vitest';
import { acceptedCodings, compressedCodingsFor, noneMatchHits } from '../../server/negotiate';

describe('acceptedCodings', () => {
  it.each([
    [undefined, ['identity']],
    ['', ['identity']],
    ['br', ['br', 'identity']],
    ['gzip, deflate, br, zstd', ['br', 'gzip', 'identity']],
    ['gzip;q=1.0, br;q=0.9', ['gzip', 'br', 'identity']],
    ['br;q=0, gzip', ['gzip', 'identity']],
    ['*', ['br', 'gzip', 'identity']],
    ['*;q=0.5, gzip', ['gzip', 'br', 'identity']],
    ['identity;q=1, br;q=0.5', ['identity', 'br']],
    ['identity;q=0, br', ['br']],
    ['*;q=0', []],
    ['*;q=0, identity', ['identity']],
    ['X-GZIP', ['gzip', 'identity']],
    ['br ; q=0.3 , gzip ; q=0.2', ['br', 'gzip', 'identity']],
    // Malformed weights are ignored rather than guessed.
    ['br;q=2, gzip', ['gzip', 'identity']],
    ['br;q=abc', ['identity']],
    ['br;q=0.0001', ['identity']],
    [',,, ;q=1', ['identity']],
  ])('%j → %j', (header, expected) => {
    expect(acceptedCodings(header)).toEqual(expected);
  });

  it('asks the store only for codings preferred to the page itself', () => {
    expect(compressedCodingsFor(['br', 'gzip', 'identity'])).toEqual(['br', 'gzip']);
    expect(compressedCodingsFor(['identity', 'br'])).toEqual([]);
    expect(compressedCodingsFor(['gzip', 'identity', 'br'])).toEqual(['gzip']);
    expect(compressedCodingsFor(['br'])).toEqual(['br']);
  });
});

describe('noneMatchHits', () => {
  const tag = '"abc"';
  it.each([
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x","abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
  ])('%j → %s', (header, hit) => {
    expect(noneMatchHits(header, tag)).toBe(hit);
  });
});
