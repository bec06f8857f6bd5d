// Every chat fixture (issue 3): its golden Markdown, and the thread a person sees on the page:
// the blocks in order with their speakers, the title, the model, the warnings, no UI chrome.
// Regenerate the goldens with UPDATE_GOLDEN=1 after reading what changed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';
import type { Capture } from '@/lib/capture/types';
import { CHAT_FIXTURES } from '../../../fixtures/chat/manifest';

const DIR = resolve('tests/fixtures/chat');
const now = new Date('2026-11-23T10:00:00Z');

/** The golden form of a capture: its metadata, its warnings, then one section per block, in order. */
function asGolden(capture: Capture): string {
  const head = `# ${capture.title}\n\nsite: ${capture.source.site}; model: ${capture.source.model ?? '-'}\n`;
  const warnings = capture.warnings.map((w) => `> warning: ${w}\n`);
  const blocks = capture.blocks.map(({ block, included }) => {
    const who =
      block.type === 'text' ? 'text' : `${block.type === 'message' ? block.role : 'reasoning'} (${block.author})`;
    return `## ${who}${included ? '' : ' [excluded]'}\n\n${block.markdown}\n`;
  });
  return [head, ...warnings, ...blocks].join('\n');
}

it('every chat fixture page is described in the manifest', () => {
  const pages = readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(resolve(DIR, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => f.endsWith('.html') && !f.includes('/unrecognised'));
  expect(pages.sort()).toEqual(CHAT_FIXTURES.map((f) => f.file).sort());
});

describe.each(CHAT_FIXTURES)('$file (issue 3)', (fixture) => {
  const html = readFileSync(resolve(DIR, fixture.file), 'utf8');
  const doc = new JSDOM(html, { url: fixture.url }).window.document;
  const result = captureDocument(doc, fixture.url, 'auto', now);
  if (!result.ok) throw new Error(`${fixture.file}: ${result.message}`);
  const { capture } = result;

  it('matches its golden Markdown', () => {
    const golden = resolve(DIR, fixture.file.replace(/\.html$/, '.expected.md'));
    const actual = asGolden(capture);
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('holds every turn in order with its speaker, reasoning apart and excluded', () => {
    expect(capture.kind).toBe('chat');
    expect(capture.blocks.map(({ block }) => (block.type === 'message' ? block.role : block.type))).toEqual(
      fixture.blocks,
    );
    for (const { block, included } of capture.blocks) {
      expect(included).toBe(block.type === 'message');
      if (block.type === 'message') expect(block.author).toBe(block.role === 'user' ? 'You' : fixture.assistant);
      expect(block.markdown, `an empty ${block.type}`).not.toBe('');
    }
  });

  it('records where it came from: site, address, title, model', () => {
    expect(capture.title).toBe(fixture.title);
    expect(capture.source.site).toBe(fixture.file.split('/')[0]);
    expect(capture.source.url).toBe(fixture.url);
    expect(capture.source.model).toBe(fixture.model);
  });

  it('carries the warnings the page calls for', () => {
    expect(capture.warnings).toHaveLength(fixture.warnings.length);
    fixture.warnings.forEach((warning, i) => expect(capture.warnings[i]).toMatch(warning));
  });

  it('lets no UI chrome or tracking through', () => {
    const all = capture.blocks.map((b) => b.block.markdown).join('\n');
    expect(all).not.toMatch(
      /\u200b|utm_|said:|Copy code|Copy answer|Copy to clipboard|Export to Sheets|Read aloud|Regenerate|Retry|Prepared by|SaveAI|👍|👎|\+\d\)/,
    );
  });
});
