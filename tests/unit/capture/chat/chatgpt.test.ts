// ChatGPT threads (issue 3): every turn in order with its speaker, faithful Markdown, no UI chrome.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';
import type { Capture } from '@/lib/capture/types';

const fixture = (file: string) => resolve('tests/fixtures/chat/chatgpt', file);
const now = new Date('2026-11-23T10:00:00Z');
const URL_ = 'https://chatgpt.com/c/6742-abcd';

function load(file: string): Document {
  return new JSDOM(readFileSync(fixture(file), 'utf8'), { url: URL_ }).window.document;
}

/** The golden form of a capture: one section per block, in order. */
function asGolden(capture: Capture): string {
  const head = `# ${capture.title}\n\nsite: ${capture.source.site}; model: ${capture.source.model ?? '-'}\n`;
  const blocks = capture.blocks.map(({ block, included }) => {
    const who =
      block.type === 'text' ? 'text' : `${block.type === 'message' ? block.role : 'reasoning'} (${block.author})`;
    return `## ${who}${included ? '' : ' [excluded]'}\n\n${block.markdown}\n`;
  });
  return [head, ...blocks].join('\n');
}

function expectGolden(actual: string, file: string): void {
  const path = fixture(file);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('ChatGPT adapter (issue 3)', () => {
  const result = captureDocument(load('long-thread.html'), URL_, 'auto', now);
  if (!result.ok) throw new Error(result.message);
  const { capture } = result;
  const markdownOf = (i: number) => capture.blocks[i]!.block.markdown;

  it('matches the golden Markdown', () => {
    expectGolden(asGolden(capture), 'long-thread.expected.md');
  });

  it('keeps every turn in order with the right speaker, reasoning apart and excluded', () => {
    expect(capture.kind).toBe('chat');
    expect(capture.title).toBe('Lazy Fibonacci and its complexity');
    expect(capture.source).toMatchObject({ site: 'chatgpt', model: 'gpt-5-thinking', url: URL_ });
    expect(
      capture.blocks.map(({ block, included }) => [block.type, 'role' in block ? block.role : '', included]),
    ).toEqual([
      ['message', 'user', true],
      ['reasoning', '', false],
      ['message', 'assistant', true],
      ['message', 'user', true],
      ['message', 'assistant', true],
    ]);
    expect(capture.blocks[0]!.block).toMatchObject({ author: 'You' });
    expect(capture.blocks[2]!.block).toMatchObject({ author: 'ChatGPT' });
  });

  it('merges an answer split around its reasoning', () => {
    expect(markdownOf(2)).toMatch(/^Here is a quick plan\.\n\n### A generator/);
    expect(markdownOf(1)).toContain('itertools.islice');
  });

  it('keeps user text as typed: escaped Markdown, line breaks kept', () => {
    expect(markdownOf(0)).toBe(
      "How do I generate \\*Fibonacci\\* numbers lazily in Python?  \nI tried \\`\\[x for x in range(10)\\]\\` but that's # eager.  \n\u00a0\u00a01\\. keep it short  \n\u00a0\u00a02\\. explain the complexity",
    );
  });

  it('extracts CodeMirror code exactly, with its language and no button labels', () => {
    expect(markdownOf(2)).toContain(
      '```python\ndef fib():\n    a, b = 0, 1\n    while True:\n\n\tyield a  # tab-indented <here> & there\n        a, b = b, a + b\n```',
    );
    expect(markdownOf(2)).not.toMatch(/Copy code|\bRun\b/);
  });

  it('keeps math as TeX, tables, nested lists and quotes', () => {
    expect(markdownOf(2)).toContain('costs $O(1)$, and the closed form is');
    expect(markdownOf(2)).toContain('$$\nF_n = \\frac{\\varphi^n - \\psi^n}{\\sqrt{5}}\n$$');
    expect(markdownOf(2)).toContain('| List | $O(n)$ | 1   |');
    expect(markdownOf(2)).toContain(
      '- Composes with [itertools](https://docs.python.org/3/library/itertools.html)\n  - see `takewhile`',
    );
    expect(markdownOf(2)).toContain('> Generators are iterators you write like functions.');
  });

  it('turns citation pills into clean links and images into absolute ones', () => {
    expect(markdownOf(2)).toContain(
      'Sources: ([Real Python](https://realpython.com/introduction-to-python-generators/))',
    );
    expect(markdownOf(2)).toContain('![Fibonacci spiral](https://chatgpt.com/backend-api/estuary/content?id=file_123)');
    expect(markdownOf(3)).toBe('![Uploaded image](https://files.oaiusercontent.com/file-abc?se=2026-11-24&sig=xyz)');
  });

  it('reads older hljs code blocks, even with backticks inside', () => {
    expect(markdownOf(4)).toContain('````javascript\nconst s = `${a}<${b}`;\n// ``` not a fence\n````');
  });

  it('lets no UI chrome through', () => {
    const all = capture.blocks.map((b) => b.block.markdown).join('\n');
    expect(all).not.toMatch(/said:|Copy|Read aloud|SaveAI|Thought for|👍|\u200b|utm_source/);
  });

  it('keeps the speaker of a selection inside one message', () => {
    const doc = load('long-thread.html');
    const range = doc.createRange();
    range.selectNode(doc.querySelector('[data-message-id="bbb-223"] blockquote')!);
    doc.getSelection()!.addRange(range);
    const selected = captureDocument(doc, URL_, 'auto', now);
    expect(selected.ok && selected.capture.blocks[0]!.block).toEqual({
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: '> Generators are iterators you write like functions.',
    });
  });

  it('cleans a selection on a chat page like a whole thread (code viewer, math)', () => {
    const doc = load('long-thread.html');
    const range = doc.createRange();
    const message = doc.querySelector('[data-message-id="bbb-223"] .markdown')!;
    range.setStartBefore(message.querySelector('pre')!);
    range.setEndAfter(message.querySelector('.katex-display')!);
    doc.getSelection()!.addRange(range);
    const selected = captureDocument(doc, URL_, 'selection', now);
    if (!selected.ok) throw new Error(selected.message);
    const markdown = selected.capture.blocks[0]!.block.markdown;
    expect(markdown).toMatch(/^```python\ndef fib\(\):/);
    expect(markdown).toContain('costs $O(1)$');
    expect(markdown).not.toContain('Copy code');
  });

  it('says so when the layout is not recognised, and never returns half a thread', () => {
    const broken = captureDocument(load('unrecognised.html'), URL_, 'auto', now);
    expect(broken).toMatchObject({ ok: false, code: 'unrecognised_layout' });
    const article = captureDocument(load('unrecognised.html'), URL_, 'article', now);
    expect(article.ok && article.capture.kind).toBe('article');
  });
});
