// The published page's structure (issue 13): contents, ids and self-links, folds, code headers.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderHaloBody, renderMarkdown } from '@/lib/halo/render';
import type { Block, Halo } from '@/lib/halo/schema';

const source = { url: 'https://chatgpt.com/c/1', title: 'Chat', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' };
const haloOf = (blocks: Block[]): Halo => ({ version: 1, title: 'T', source, blocks });
const domOf = (halo: Halo) => new JSDOM(renderHaloBody(halo)).window.document;
const thread = (messages: number): Block[] =>
  Array.from({ length: messages }, (_, i) =>
    i % 2 === 0
      ? { type: 'message', role: 'user', author: 'You', markdown: `Question **${i}** <b>bold</b>\nsecond line` }
      : { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: `Answer ${i}` },
  );

describe('page structure (issue 13)', () => {
  it('lists the user questions of a thread of 8+ messages; every contents link resolves; markup stays text', () => {
    const doc = domOf(haloOf(thread(8)));
    const links = [...doc.querySelectorAll('nav.halo-toc a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#m-1', '#m-3', '#m-5', '#m-7']);
    for (const a of links) expect(doc.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull();
    expect(links[0]!.textContent).toBe('Question 0 <b>bold</b>');
    expect(doc.querySelector('nav.halo-toc b')).toBeNull();
  });

  it('has no contents under 8 messages and 2 sections', () => {
    expect(renderHaloBody(haloOf(thread(7)))).not.toContain('halo-toc');
  });

  it('gives every block a stable id and a self-link to it', () => {
    const doc = domOf(haloOf([...thread(3), { type: 'reasoning', author: 'o3', markdown: 'thinking' }]));
    const blocks = [...doc.querySelectorAll('.halo-block')];
    expect(blocks.map((b) => b.id)).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    for (const block of blocks) expect(block.querySelector(`a.halo-permalink[href="#${block.id}"]`)).not.toBeNull();
  });

  it('publishes reasoning in a closed <details>', () => {
    const doc = domOf(haloOf([...thread(2), { type: 'reasoning', author: 'o3', markdown: 'step one two three' }]));
    const details = doc.querySelector('.halo-reasoning details')!;
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Show reasoning (4 words)');
    expect(details.textContent).toContain('step one two three');
  });

  it('heads every code block with its language and line count', () => {
    const doc = new JSDOM(renderMarkdown('```python\nx = 1\ny = 2\n```\n\n```\nplain\n```')).window.document;
    const heads = [...doc.querySelectorAll('.halo-code-head')].map((h) => h.textContent);
    expect(heads).toEqual(['python2 lines', 'text1 line']);
    expect(doc.querySelector('details')).toBeNull();
  });

  it('folds a code block over 60 lines after its first 20, keeping spans that cross the cut well-formed', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      i === 19 ? '/* starts here' : i === 21 ? 'ends here */' : `x${i} = ${i}`,
    );
    const html = renderMarkdown(`\`\`\`js\n${lines.join('\n')}\n\`\`\``);
    const doc = new JSDOM(html).window.document;
    const [shown, rest] = [...doc.querySelectorAll('pre code')];
    expect(shown!.textContent!.split('\n').filter(Boolean)).toHaveLength(20);
    expect(rest!.closest('details')!.hasAttribute('open')).toBe(false);
    expect(doc.querySelector('summary')?.textContent).toBe('Show 60 more lines');
    expect(shown!.textContent! + rest!.textContent!).toBe(`${lines.join('\n')}\n`);
    // The comment is highlighted on both sides of the cut.
    expect(shown!.querySelector('.hljs-comment')?.textContent).toBe('/* starts here\n');
    expect(rest!.querySelector('.hljs-comment')?.textContent).toContain('ends here */');
    expect(doc.querySelector('.halo-code-head')?.textContent).toBe('js80 lines');
  });

  it('folds a very long message after its first blocks, all of its text kept', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${'word '.repeat(40)}`);
    const doc = domOf(haloOf([{ type: 'message', role: 'assistant', author: 'A', markdown: paragraphs.join('\n\n') }]));
    const fold = doc.querySelector('.halo-content > details.halo-fold')!;
    expect(fold.hasAttribute('open')).toBe(false);
    expect(doc.querySelectorAll('.halo-content p')).toHaveLength(40);
    expect(doc.querySelector('.halo-content > p')?.textContent).toContain('Paragraph 0');
    expect(fold.querySelector('p')?.textContent).not.toContain('Paragraph 0 ');
    const short = domOf(haloOf([{ type: 'message', role: 'assistant', author: 'A', markdown: 'short' }]));
    expect(short.querySelector('details')).toBeNull();
  });

  it("nests a message's headings under the page's (h1 title, h2 sections)", () => {
    const doc = domOf(
      haloOf([
        { type: 'message', role: 'assistant', author: 'A', markdown: '### Plan\n\n#### Step' },
        { type: 'section', title: 'S' },
        { type: 'message', role: 'assistant', author: 'A', markdown: '# Big' },
      ]),
    );
    expect([...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName}:${h.textContent}`)).toEqual([
      'H1:T',
      'H2:Plan',
      'H3:Step',
      'H2:S',
      'H3:Big',
    ]);
  });
});
