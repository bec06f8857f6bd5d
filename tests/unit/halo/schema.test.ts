import { describe, expect, it } from 'vitest';
import { validateHalo } from '@/lib/halo/validate';
import { draftToHalo } from '@/lib/draft/to-halo';
import { blockText } from '@/lib/halo/block-text';

const valid = {
  version: 1,
  title: 'Fibonacci in Python',
  note: 'Why I am sharing this',
  source: { url: 'https://chatgpt.com/c/abc', title: 'Fibonacci', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
  blocks: [
    { type: 'message', role: 'user', author: 'You', markdown: 'How do I generate Fibonacci numbers lazily?' },
    { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'Use a generator.' },
    { type: 'text', markdown: 'My own remark.' },
  ],
};

type Change = (halo: typeof valid & Record<string, unknown>) => unknown;
const variant = (change: Change) => {
  const copy = structuredClone(valid) as typeof valid & Record<string, unknown>;
  return change(copy) ?? copy;
};

describe('Halo schema v1', () => {
  it.each<[string, Change]>([
    ['the documented example', () => undefined],
    ['no note', (h) => void delete (h as { note?: string }).note],
    [
      'a reasoning block',
      (h) => void h.blocks.push({ type: 'reasoning', author: 'ChatGPT', markdown: 'thinking' } as never),
    ],
    [
      'system and tool roles',
      (h) => void h.blocks.push({ type: 'message', role: 'tool', author: 'Tool', markdown: 'x' }),
    ],
    ['a block with its own source', (h) => void Object.assign(h.blocks[2]!, { source: valid.source })],
    ['search engines allowed', (h) => void (h.allowSearchEngines = true)],
    ['an offset date', (h) => void (h.source.capturedAt = '2026-11-23T10:00:00+01:00')],
  ])('accepts %s', (_name, change) => {
    expect(validateHalo(variant(change)).ok).toBe(true);
  });

  it.each<[string, Change, string]>([
    ['a wrong version', (h) => void (h.version = 2), 'version'],
    ['an empty title', (h) => void (h.title = '   '), 'title'],
    ['a title too long', (h) => void (h.title = 'x'.repeat(301)), 'title'],
    ['an unknown role', (h) => void (h.blocks[0]!.role = 'bot'), 'blocks.0.role'],
    ['an unknown block type', (h) => void (h.blocks[1]!.type = 'video'), 'blocks.1.type'],
    ['a missing markdown', (h) => void delete (h.blocks[2] as { markdown?: string }).markdown, 'blocks.2.markdown'],
    [
      'markdown that is not a string',
      (h) => void ((h.blocks[2] as { markdown: unknown }).markdown = 42),
      'blocks.2.markdown',
    ],
    ['a javascript: source URL', (h) => void (h.source.url = 'javascript:alert(1)'), 'source.url'],
    ['a relative source URL', (h) => void (h.source.url = '/c/abc'), 'source.url'],
    ['a date that is not ISO', (h) => void (h.source.capturedAt = 'yesterday'), 'source.capturedAt'],
    ['no blocks', (h) => void (h.blocks = []), 'blocks'],
    ['only empty blocks', (h) => void (h.blocks = [{ type: 'text', markdown: '  \n' }] as never), 'blocks'],
    ['an unknown field', (h) => void (h.extra = true), ''],
    ['an unknown block field', (h) => void Object.assign(h.blocks[0]!, { html: '<b>x</b>' }), 'blocks.0'],
  ])('rejects %s, naming the field', (_name, change, path) => {
    const result = validateHalo(variant(change));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.path).toBe(path);
    expect(result.problems[0]!.message.length).toBeGreaterThan(path.length + 2);
  });

  it('rejects what is not an object', () => {
    for (const input of [null, 'halo', 42, []]) expect(validateHalo(input).ok).toBe(false);
  });
});

describe('lone surrogates (issue 4)', () => {
  const halo = {
    version: 1,
    title: 'T',
    source: { url: 'https://example.com/', title: 'e', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
    blocks: [{ type: 'message', role: 'user', author: 'You', markdown: 'fine 😀' }],
  };

  it('refuses a Halo holding one, naming the field', () => {
    const bad = structuredClone(halo);
    bad.blocks[0]!.markdown = 'cut \uD83D';
    const result = validateHalo(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        {
          path: 'blocks.0.markdown',
          message: 'blocks.0.markdown: holds invalid text (a lone UTF-16 surrogate); replace it with U+FFFD',
        },
      ]);
    }
    expect(validateHalo(halo).ok).toBe(true);
  });

  it('never reaches the server from the extension: a draft publishes them as U+FFFD', () => {
    const published = draftToHalo({
      id: 'd',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      title: 'Title \uDC00',
      note: '',
      source: halo.source,
      blocks: [{ id: 'b', included: true, block: { type: 'text', markdown: 'a\uD800b' } }],
      warnings: [],
      captureKey: 'k',
      allowSearchEngines: false,
    });
    expect(published.title).toBe('Title \uFFFD');
    expect(blockText(published.blocks[0]!)).toBe('a\uFFFDb');
    expect(validateHalo(published).ok).toBe(true);
  });
});
