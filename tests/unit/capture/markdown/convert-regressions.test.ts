// Every page DOM that once broke the converter (issue 16), from tests/fixtures/fuzz/regressions.ts.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '@/lib/halo/render';
import { CONVERT_REGRESSIONS } from '../../../fixtures/fuzz/regressions';
import { tokenKept } from '../../../support/text-measure';

const { document } = new JSDOM('<!doctype html><body></body>', { url: 'https://example.com/page' }).window;

function page(html: string): HTMLElement {
  const root = document.createElement('div');
  if (html !== 'NESTED_LINKS') {
    root.innerHTML = html;
    return root;
  }
  const outer = root.appendChild(document.createElement('a'));
  outer.href = 'https://example.com/x';
  const inner = outer.appendChild(document.createElement('a'));
  inner.href = 'https://example.com/y';
  inner.textContent = ' $ ';
  outer.append(' $ alpha ');
  return root;
}

describe('converter regressions (issue 16)', () => {
  for (const regression of CONVERT_REGRESSIONS) {
    const run = regression.pending ? it.skip : it;
    run(`${regression.name}${regression.pending ? ` (waits for ${regression.pending})` : ''}`, () => {
      const root = page(regression.html);
      const markdown = domToMarkdown(root, 'https://example.com/page');
      const template = document.createElement('template');
      template.innerHTML = renderMarkdown(markdown);
      if (regression.keepsText) {
        expect(tokenKept(root.textContent ?? '', template.content.textContent ?? ''), markdown).toBe(1);
      }
    });
  }
});
