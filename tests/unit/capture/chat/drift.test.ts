// The drift suite (issue 11): each site's long fixture under the markup changes chat sites make,
// one at a time and two at a time. Every variant is either right (the messages, their speakers in
// order, the code byte for byte) or fails with the clear "unrecognised layout" message: never a
// wrong draft. The table of right / clear / wrong per site is printed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';
import { CHAT_FIXTURES } from '../../../fixtures/chat/manifest';
import { MUTATIONS, shapeOf } from '../../../support/drift';

const now = new Date('2026-11-30T10:00:00Z');
const names = Object.keys(MUTATIONS);
// Every operator alone, and each with the two drifts users meet most (test ids, the role attribute).
const variants: string[][] = [
  ...names.map((n) => [n]),
  ...['rename test ids', 'drop role attribute'].flatMap((a) => names.filter((b) => b !== a).map((b) => [a, b])),
].filter((v, i, all) => all.findIndex((w) => [...w].sort().join() === [...v].sort().join()) === i);

type Outcome = 'right' | 'clear' | 'wrong';

const cache = new Map<string, ReturnType<typeof read>>();
const outcomes = (file: string, url: string) => cache.get(file) ?? cache.set(file, read(file, url)).get(file)!;

function read(file: string, url: string) {
  const site = file.split('/')[0]!;
  const html = readFileSync(resolve('tests/fixtures/chat', file), 'utf8');
  const page = () => new JSDOM(html, { url }).window.document;
  const baseline = captureDocument(page(), url, 'page', now);
  if (!baseline.ok) throw new Error(`${file}: ${baseline.message}`);
  const expected = shapeOf(baseline.capture.blocks);
  const results: { variant: string; outcome: Outcome; layer?: string; detail?: string }[] = [];
  for (const variant of variants) {
    const doc = page();
    // A variant that changes nothing on this site (no role attribute to drop) is not counted.
    if (!variant.map((m) => MUTATIONS[m]!(doc, site)).every(Boolean)) continue;
    const result = captureDocument(doc, url, 'page', now);
    const name = variant.join(' + ');
    if (!result.ok) {
      results.push({
        variant: name,
        outcome: result.code === 'unrecognised_layout' ? 'clear' : 'wrong',
        detail: result.message,
      });
      continue;
    }
    const shape = shapeOf(result.capture.blocks);
    const right = JSON.stringify(shape) === JSON.stringify(expected);
    results.push({
      variant: name,
      outcome: right ? 'right' : 'wrong',
      layer: result.capture.reader?.layer,
      detail: right ? undefined : `${shape.roles.join(',')} | ${shape.code.length} code blocks`,
    });
  }
  return { site, expected, results };
}

const longFixtures = CHAT_FIXTURES.filter((f) => f.file.endsWith('/long-thread.html'));

it(
  'every variant of every long fixture is right or clearly unrecognised, never wrong (issue 11)',
  { timeout: 120_000 },
  () => {
    const table: Record<string, Record<Outcome, number>> = {};
    const wrong: string[] = [];
    for (const fixture of longFixtures) {
      const { site, results } = outcomes(fixture.file, fixture.url);
      table[site] = { right: 0, clear: 0, wrong: 0 };
      for (const r of results) {
        table[site][r.outcome]++;
        if (r.outcome === 'wrong') wrong.push(`${site}: ${r.variant}: ${r.detail}`);
      }
    }
    console.log('drift suite (issue 11): variants per site');
    console.table(table);
    expect(wrong).toEqual([]);
  },
);

it('the three ChatGPT drifts a new user hit are read, and the layer that read them is recorded (issue 11)', () => {
  const fixture = longFixtures.find((f) => f.file.startsWith('chatgpt/'))!;
  const { results } = outcomes(fixture.file, fixture.url);
  for (const variant of ['rename test ids', 'replace role attribute', 'drop role attribute']) {
    expect(
      results.find((r) => r.variant === variant),
      variant,
    ).toMatchObject({ outcome: 'right' });
  }
  expect(results.find((r) => r.variant === 'rename test ids')?.layer).toMatch(/site-signals|generic/);
});
