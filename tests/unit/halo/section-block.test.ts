import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { renderHaloBody } from '@/lib/halo/render';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import { haloToMarkdown } from '@/lib/halo/to-markdown';

// Issue 12: the `section` block opens a section; the blocks after it belong to it until the next one.
const source = (url: string, title: string) => ({
  url,
  title,
  site: new URL(url).host,
  capturedAt: '2026-11-30T10:00:00Z',
});
const halo: Halo = {
  version: 1,
  title: 'Plan and review',
  source: source('https://chatgpt.com/c/plan', 'Plan'),
  blocks: [
    { type: 'text', markdown: 'Before any section.' },
    { type: 'section', title: 'The plan <b>', source: source('https://chatgpt.com/c/plan', 'Plan') },
    { type: 'message', role: 'user', author: 'You', markdown: 'Plan it' },
    { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'Step one.' },
    { type: 'section', title: 'The review' },
    { type: 'text', markdown: 'Looks good.' },
  ],
};

describe('section block', () => {
  it('is valid with and without a source, and refuses unknown fields and a long title', () => {
    expect(validateHalo(halo).ok).toBe(true);
    const extra = { ...halo, blocks: [...halo.blocks, { type: 'section', title: 'x', markdown: 'no' }] };
    expect(validateHalo(extra).ok).toBe(false);
    const long = { ...halo, blocks: [...halo.blocks, { type: 'section', title: 'x'.repeat(301) }] };
    expect(validateHalo(long)).toMatchObject({ ok: false });
  });

  it('does not count as content: a Halo of sections alone is empty', () => {
    const empty = { ...halo, blocks: [{ type: 'section', title: 'Only a heading' }] };
    const result = validateHalo(empty);
    expect(result.ok).toBe(false);
  });

  it('renders each section around its blocks, with its heading, source link and a table of contents', () => {
    const doc = new JSDOM(renderHaloBody(halo)).window.document;
    const sections = [...doc.querySelectorAll('section.halo-section')];
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual(['The plan <b>', 'The review']);
    expect(sections[0]!.querySelectorAll('.halo-block')).toHaveLength(2);
    expect(sections[0]!.querySelector('.halo-section-source a')?.getAttribute('href')).toBe(
      'https://chatgpt.com/c/plan',
    );
    expect(sections[1]!.querySelector('.halo-section-source')).toBeNull();
    // The block before the first section stands outside any section.
    expect(doc.querySelector('article > .halo-block')?.textContent).toContain('Before any section.');
    const links = [...doc.querySelectorAll('nav.halo-toc a')].map((a) => a.getAttribute('href'));
    // Issue 13: the user's questions are listed under their section.
    expect(links).toEqual(['#s-1', '#m-2', '#s-2']);
    for (const href of links) expect(doc.getElementById(href!.slice(1))).not.toBeNull();
  });

  it('has no table of contents with a single section', () => {
    const one = { ...halo, blocks: halo.blocks.slice(0, 4) };
    expect(renderHaloBody(one)).not.toContain('halo-toc');
  });

  it('is a heading in the Markdown export', () => {
    const md = haloToMarkdown(halo);
    expect(md).toContain('## The plan <b>\n\nFrom [Plan](https://chatgpt.com/c/plan)');
    expect(md).toContain('## The review');
  });
});
