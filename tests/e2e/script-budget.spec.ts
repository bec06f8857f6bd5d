// Byte budget (issue 3): the script injected on every capture stays small; Readability, which
// only article capture needs, lives in its own script. Reads the build `npm test` makes first.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from './support/extension-driver';

const built = (file: string) => readFileSync(resolve(EXTENSION_DIR, file), 'utf8');

test('capture.js is under 25 KB gzipped and has no Readability, DOMPurify or turndown (issue 3)', () => {
  const script = built('capture.js');
  expect(gzipSync(script, { level: 9 }).length).toBeLessThan(25_000);
  expect(script).not.toMatch(/readability|DOMPurify|turndown/i);
});

test('article capture has its own script, with Readability (issue 3)', () => {
  expect(built('article-capture.js')).toMatch(/readability/i);
});
