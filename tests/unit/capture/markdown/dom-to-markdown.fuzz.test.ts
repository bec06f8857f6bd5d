// The HTML-to-Markdown converter never throws, keeps the visible text and emits no raw HTML, for
// any generated page DOM (issue 16). Seeded: a failure prints the seed and the replay command.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '@/lib/halo/render';
import { fuzz, fuzzTimeout } from '../../../support/fuzz';
import { anyTree, buildTree, textTree } from '../../../support/arbitraries/dom';
import { unsafeParts } from '../../../support/html-safety';
import { tokenKept } from '../../../support/text-measure';

const { document } = new JSDOM('<!doctype html><body></body>', { url: 'https://example.com/page' }).window;
/** A Markdown reader that allows HTML, such as a viewer of the /h/:id.md export: nothing may become HTML there. */
const htmlReader = new MarkdownIt({ html: true });

function rawHtmlIn(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: ReturnType<typeof htmlReader.parse>) => {
    for (const token of tokens) {
      if (token.type === 'html_block' || token.type === 'html_inline') found.push(token.content.slice(0, 80));
      if (token.children) walk(token.children);
    }
  };
  walk(htmlReader.parse(markdown, {}));
  return found;
}

const renderedText = (markdown: string) => {
  const template = document.createElement('template');
  template.innerHTML = renderMarkdown(markdown);
  return template.content.textContent ?? '';
};

describe('converter fuzz (issue 16)', () => {
  it(
    'converts any generated DOM without throwing, with no raw HTML, to Markdown that renders safely',
    () =>
      fuzz(
        'convert any tree',
        fc.property(anyTree, (tree) => {
          const root = buildTree(document, tree);
          const markdown = domToMarkdown(root, 'https://example.com/page');
          expect(typeof markdown).toBe('string');
          expect(rawHtmlIn(markdown)).toEqual([]);
          expect(unsafeParts(renderMarkdown(markdown))).toEqual([]);
        }),
        60,
      ),
    fuzzTimeout(60_000),
  );

  it(
    'keeps the visible text of text-only trees (token measure at least 0.99)',
    () =>
      fuzz(
        'convert text tree',
        fc.property(textTree, (tree) => {
          const root = buildTree(document, tree);
          const markdown = domToMarkdown(root, 'https://example.com/page');
          const kept = tokenKept(root.textContent ?? '', renderedText(markdown));
          expect(kept, `kept ${kept} of the words; Markdown:\n${markdown}`).toBeGreaterThanOrEqual(0.99);
        }),
        150,
      ),
    fuzzTimeout(60_000),
  );
});
