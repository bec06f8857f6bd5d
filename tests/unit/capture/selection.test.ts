import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';

// Paths, not file URLs: jsdom's URL class is not the one node:fs accepts.
const fixture = (file: string) => resolve('tests/fixtures/capture', file);
const now = new Date('2026-11-23T10:00:00Z');

function pageWithSelection(file: string, url: string, selector?: string): Document {
  const dom = new JSDOM(readFileSync(fixture(file), 'utf8'), { url });
  const doc = dom.window.document;
  if (selector) {
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector(selector)!);
    doc.getSelection()!.addRange(range);
  }
  return doc;
}

/** Golden files: `UPDATE_GOLDEN=1 npm run test:unit` rewrites them from the current output. */
function expectGolden(actual: string, file: string): void {
  const path = fixture(file);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('selection capture (issue 2)', () => {
  const url = 'https://docs.example.com/releases/2.0/notes.html';

  it('turns the selected HTML into faithful Markdown', () => {
    const result = captureDocument(pageWithSelection('selection-mixed.html', url, '#selected'), url, 'auto', now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { capture } = result;
    expect(capture.kind).toBe('selection');
    expect(capture.source).toEqual({
      url,
      title: 'Release notes – Example Docs',
      site: 'docs.example.com',
      capturedAt: now.toISOString(),
    });
    expect(capture.blocks).toHaveLength(1);
    const markdown = capture.blocks[0]!.block.markdown;
    expectGolden(markdown + '\n', 'selection-mixed.expected.md');

    expect(markdown).toContain('[install guide](https://docs.example.com/releases/guide/start.html#install)');
    expect(markdown).toContain('[the PDF](https://cdn.example.org/x.pdf)');
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('| Version | Speed |');
    expect(markdown).toContain(
      '```typescript\nfunction add(a: number, b: number) {\n\treturn a + b; // tab-indented\n\n}\nconst s = `${add(1, 2)}`;\n```',
    );
    expect(markdown).toContain('![Speed chart](https://docs.example.com/img/chart.png)');
    // Items that hold <p> make loose lists, with their blocks kept inside them (issue 20).
    expect(markdown).toContain('1. Parsing\n\n   - faster **tokenizer**\n\n   - fewer *allocations*\n\n2. Rendering');
    expect(markdown).not.toContain('window.bad');
    expect(markdown).not.toContain('Not selected');
  });

  it('keeps a selection inside a code block as code', () => {
    const doc = pageWithSelection('selection-mixed.html', url);
    const code = doc.querySelector('pre code')!;
    const range = doc.createRange();
    range.setStart(code.firstChild!, 0);
    range.setEnd(code.firstChild!, 36);
    doc.getSelection()!.addRange(range);
    const result = captureDocument(doc, url, 'selection', now);
    expect(result.ok && result.capture.blocks[0]!.block.markdown).toBe(
      '```typescript\nfunction add(a: number, b: number) {\n```',
    );
  });

  it('says what to do when nothing is selected, and never makes an empty capture', () => {
    const result = captureDocument(pageWithSelection('selection-mixed.html', url), url, 'auto', now);
    expect(result).toMatchObject({ ok: false, code: 'no_selection' });
    if (!result.ok) expect(result.message).toMatch(/select/i);
  });

  it('captures the whole page as an article on request', () => {
    const result = captureDocument(pageWithSelection('selection-mixed.html', url), url, 'page', now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.capture.kind).toBe('article');
    expect(result.capture.blocks[0]!.block.markdown).toContain('Not selected either.');
  });

  // Quick share asks once for "the selection, else the page" (issue 5): one injection, not two.
  it('takes the selection, else the whole page, in "any" mode', () => {
    const selected = captureDocument(pageWithSelection('selection-mixed.html', url, '#selected'), url, 'any', now);
    expect(selected.ok && selected.capture.kind).toBe('selection');
    const whole = captureDocument(pageWithSelection('selection-mixed.html', url), url, 'any', now);
    expect(whole.ok && whole.capture.kind).toBe('article');
    const chatUrl = 'https://chatgpt.com/c/68a1f0e2-5b7c-8001-9d3e-0c4a7b2e11f3';
    const chat = new JSDOM(readFileSync(resolve('tests/fixtures/chat/chatgpt/short-thread.html'), 'utf8'), {
      url: chatUrl,
    }).window.document;
    const thread = captureDocument(chat, chatUrl, 'any', now);
    expect(thread.ok && thread.capture.kind).toBe('chat');
  });
});
