// Every input that once broke the shared renderer (issue 16), from tests/fixtures/fuzz/regressions.ts.
import { describe, expect, it } from 'vitest';
import { renderBlock, renderHaloBody, renderMarkdown } from '@/lib/halo/render';
import { RENDER_REGRESSIONS, nestedFrac } from '../../fixtures/fuzz/regressions';
import { unsafeParts } from '../../support/html-safety';

const text = (html: string) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
};

describe('renderer regressions (issue 16)', () => {
  for (const regression of RENDER_REGRESSIONS) {
    it(regression.name, () => {
      const html = renderMarkdown(regression.markdown);
      expect(unsafeParts(html)).toEqual([]);
      if (regression.shownAsSource) expect(html).toContain('class="halo-unrendered"');
      for (const kept of regression.keeps ?? []) expect(text(html)).toContain(kept);
    });
  }

  it('shows the 2,000-deep formula as its TeX, in a code block, with a note saying why', () => {
    const tex = nestedFrac(2_000);
    const template = document.createElement('template');
    template.innerHTML = renderMarkdown(`Look:\n\n$$${tex}$$\n\nand $x^2$ still renders.`);
    const shown = template.content.querySelector('.halo-unrendered');
    expect(shown?.querySelector('pre code')?.textContent).toBe(`$$${tex}$$`);
    expect(shown?.querySelector('[role="note"]')?.textContent).toBe(
      'Formula nested too deeply to display; shown as written.',
    );
    expect(template.content.querySelectorAll('math')).toHaveLength(1);
  });

  it('an inline formula it cannot take stays in its line, as a code span with the note', () => {
    const template = document.createElement('template');
    template.innerHTML = renderMarkdown(`Before $${nestedFrac(300)}$ after.`);
    const paragraph = template.content.querySelector('p')!;
    expect(paragraph.querySelector('.halo-unrendered > code')?.textContent).toBe(`$${nestedFrac(300)}$`);
    expect(paragraph.textContent).toMatch(/^Before .* after\.$/s);
  });

  it('a block, and a whole Halo, with the formula render: the other blocks are untouched', () => {
    const bad = {
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: `$$${nestedFrac(2_000)}$$`,
    } as const;
    const good = { type: 'message', role: 'user', author: 'You', markdown: 'Simplify **this**.' } as const;
    expect(renderBlock(bad)).toContain('halo-unrendered');
    const body = renderHaloBody({
      version: 1,
      title: 'Deep',
      source: { url: 'https://chatgpt.com/c/x', title: 'Chat', site: 'chatgpt', capturedAt: '2026-11-30T10:00:00Z' },
      blocks: [good, bad],
    });
    expect(body).toContain('<strong>this</strong>');
    expect(body).toContain('halo-unrendered');
  });

  it('a malformed block (as a corrupted draft could hold) renders as a note instead of throwing', () => {
    const broken = { type: 'text', markdown: undefined } as unknown as Parameters<typeof renderBlock>[0];
    expect(() => renderBlock(broken)).not.toThrow();
    expect(renderMarkdown(null as unknown as string)).toContain('halo-unrendered');
  });
});
