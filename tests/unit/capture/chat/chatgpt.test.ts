// ChatGPT threads (issue 3): every turn in order with its speaker, faithful Markdown, no UI chrome.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';

const fixture = (file: string) => resolve('tests/fixtures/chat/chatgpt', file);
const now = new Date('2026-11-23T10:00:00Z');
const URL_ = 'https://chatgpt.com/c/6742-abcd';

function load(file: string): Document {
  return new JSDOM(readFileSync(fixture(file), 'utf8'), { url: URL_ }).window.document;
}

describe('ChatGPT adapter (issue 3)', () => {
  const result = captureDocument(load('long-thread.html'), URL_, 'auto', now);
  if (!result.ok) throw new Error(result.message);
  const { capture } = result;
  const markdownOf = (i: number) => capture.blocks[i]!.block.markdown;

  it('names its speakers from the hidden headings', () => {
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
      // Items that wrap a <p> are a loose list's (issue 20).
      '- Composes with [itertools](https://docs.python.org/3/library/itertools.html)\n\n  - see `takewhile`',
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

  it('reads a share page in the older layout: text in the message element, title after "ChatGPT - "', () => {
    const url = 'https://chatgpt.com/share/6790c2aa';
    const doc = new JSDOM(readFileSync(fixture('share-page.html'), 'utf8'), { url }).window.document;
    const shared = captureDocument(doc, url, 'auto', now);
    if (!shared.ok) throw new Error(shared.message);
    expect(shared.capture.title).toBe('Kafka vs RabbitMQ for an audit log');
    expect(shared.capture.blocks[0]!.block.markdown).toBe(
      'I need an append-only audit log for ~2k events/s.  \nKafka or RabbitMQ? We already run Postgres & Redis.',
    );
    expect(shared.capture.blocks[1]!.block.markdown).toContain('```bash\nkafka-topics.sh --create --topic audit \\\n');
    expect(shared.capture.warnings).toEqual([]);
  });

  it('names the files a user attached', () => {
    const url = 'https://chatgpt.com/c/68a1';
    const doc = new JSDOM(readFileSync(fixture('short-thread.html'), 'utf8'), { url }).window.document;
    const short = captureDocument(doc, url, 'auto', now);
    expect(short.ok && short.capture.blocks[0]!.block.markdown).toMatch(/\n📎 quarterly-report\.pdf$/);
  });

  it('warns when numbered turns are missing from the page (a thread not wholly loaded)', () => {
    const doc = load('long-thread.html');
    doc.querySelector('[data-testid="conversation-turn-3"]')!.remove();
    const partial = captureDocument(doc, URL_, 'auto', now);
    expect(partial.ok && partial.capture.warnings).toEqual([expect.stringMatching(/not in the page/)]);
  });
});
