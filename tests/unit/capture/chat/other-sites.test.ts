// Claude and Gemini threads (issue 3): chosen by URL, confirmed by markers, every turn in order.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';
import type { Capture } from '@/lib/capture/types';

const now = new Date('2026-11-23T10:00:00Z');

function capture(site: string, file: string, url: string): Capture {
  const doc = new JSDOM(readFileSync(resolve('tests/fixtures/chat', site, file), 'utf8'), { url }).window.document;
  const result = captureDocument(doc, url, 'auto', now);
  if (!result.ok) throw new Error(result.message);
  return result.capture;
}

function golden(capture: Capture, path: string): void {
  const text = [
    `# ${capture.title}\n\nsite: ${capture.source.site}\n`,
    ...capture.warnings.map((w) => `> warning: ${w}\n`),
    ...capture.blocks.map(
      ({ block }) =>
        `## ${block.type === 'message' ? `${block.role} (${block.author})` : block.type}\n\n${block.markdown}\n`,
    ),
  ].join('\n');
  const file = resolve('tests/fixtures/chat', path);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('Claude adapter (issue 3)', () => {
  const thread = capture('claude', 'thread.html', 'https://claude.ai/chat/8f2c-1d');

  it('matches the golden Markdown', () => golden(thread, 'claude/thread.expected.md'));

  it('reads every turn with its speaker, code with its language, and no chrome', () => {
    expect(thread.title).toBe('Rust lifetimes explained');
    expect(thread.blocks.map(({ block }) => (block.type === 'message' ? [block.role, block.author] : []))).toEqual([
      ['user', 'You'],
      ['assistant', 'Claude'],
      ['user', 'You'],
      ['assistant', 'Claude'],
    ]);
    expect(thread.blocks[0]!.block.markdown).toBe(
      'Why does this fail to compile?  \nfn longest(a: &str, b: &str) -> &str { a }',
    );
    expect(thread.blocks[1]!.block.markdown).toContain("```rust\nfn longest<'a>(a: &'a str, b: &'a str) -> &'a str {");
    const all = thread.blocks.map((b) => b.block.markdown).join('\n');
    expect(all).not.toMatch(/Copy|Retry|Thought process|elision/);
    expect(thread.blocks[1]!.block.markdown).not.toMatch(/^rust$/m);
  });
});

describe('Gemini adapter (issue 3)', () => {
  const thread = capture('gemini', 'thread.html', 'https://gemini.google.com/app/4b1d9e');

  it('matches the golden Markdown', () => golden(thread, 'gemini/thread.expected.md'));

  it('reads every exchange, tables included, and warns that older turns may not be loaded', () => {
    expect(thread.title).toBe('Compare SQLite WAL and rollback journal');
    expect(thread.blocks.map(({ block }) => (block.type === 'message' ? block.role : block.type))).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(thread.blocks[1]!.block.markdown).toContain('| Readers block writers | No  | Yes |');
    expect(thread.blocks[1]!.block.markdown).not.toContain('Export to Sheets');
    expect(thread.warnings).toHaveLength(1);
    expect(thread.warnings[0]).toMatch(/scroll to its top/);
  });
});

it('a chat site whose markers are missing is not recognised (issue 3)', () => {
  const doc = new JSDOM('<title>Claude</title><main><p>Loading…</p></main>', { url: 'https://claude.ai/chat/x' }).window
    .document;
  expect(captureDocument(doc, 'https://claude.ai/chat/x', 'auto', now)).toMatchObject({
    ok: false,
    code: 'unrecognised_layout',
  });
});

describe('Grok adapter (issue 3)', () => {
  const thread = capture('grok', 'thread.html', 'https://grok.com/chat/abc-1');
  it('matches the golden Markdown', () => golden(thread, 'grok/thread.expected.md'));
  it('tells the user from Grok by the container side, and keeps typed text as typed', () => {
    expect(thread.blocks.map(({ block }) => (block.type === 'message' ? block.author : ''))).toEqual(['You', 'Grok']);
    expect(thread.blocks[0]!.block.markdown).toBe('Write a haiku about \\_latency\\_  \nin three lines');
    expect(thread.title).toBe('Write a haiku about _latency_');
    expect(thread.blocks[1]!.block.markdown).not.toMatch(/Regenerate|Copy|👍/);
  });
});

describe('Perplexity adapter (issue 3)', () => {
  const thread = capture('perplexity', 'thread.html', 'https://www.perplexity.ai/search/what-is-a-csp-sandbox-x1');
  it('matches the golden Markdown', () => golden(thread, 'perplexity/thread.expected.md'));
  it('pairs questions and answers, cleans citations and reads the model', () => {
    expect(thread.blocks.map(({ block }) => (block.type === 'message' ? block.role : ''))).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(thread.source.model).toBe('Sonar Pro');
    expect(thread.blocks[1]!.block.markdown).toContain(
      '([developer.mozilla](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/sandbox))',
    );
    const all = thread.blocks.map((b) => b.block.markdown).join('\n');
    expect(all).not.toMatch(/Prepared by|Copy answer|SaveAI|utm_source|\+1/);
  });
});
