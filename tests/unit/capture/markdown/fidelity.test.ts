// Three fidelity defects real pages showed (issue 11): a CodeMirror viewer on an article page,
// a citation pill whose link is refused, and a pill's "+N" counter glued to the next source.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureArticle } from '@/lib/capture/article';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';

const base = 'https://docs.example.org/python/generators';
const md = (html: string) =>
  domToMarkdown(new JSDOM(`<div id="r">${html}</div>`).window.document.getElementById('r')!, base);

const PROSE =
  '<p>Generators produce values lazily, one at a time, which keeps memory flat even for infinite sequences. This is the core idea behind streaming pipelines in Python.</p>';

describe('fidelity defects (issue 11)', () => {
  it('issue 11: a CodeMirror viewer on an article page keeps its lines, and its label names the language', () => {
    const viewer =
      '<div class="code-viewer"><div class="code-header"><span class="lang">Python</span><button>Copy</button></div>' +
      '<div class="cm-editor"><div class="cm-scroller"><div class="cm-content" role="textbox">' +
      '<div class="cm-line"><span class="tok-kw">def</span> fib():</div><div class="cm-line">    a, b = 0, 1</div>' +
      '<div class="cm-line"><br></div><div class="cm-line">    <span class="tok-kw">while</span> True:</div>' +
      '<div class="cm-line">        yield a</div></div></div></div></div>';
    const html = `<html><head><title>Generators</title></head><body><article><h1>Generators</h1>${PROSE}${viewer}${PROSE}</article></body></html>`;
    const doc = new JSDOM(html, { url: base }).window.document;
    const markdown = captureArticle(doc, base)!.blocks[0]!.block;
    expect(markdown).toMatchObject({ type: 'text' });
    const text = (markdown as { markdown: string }).markdown;
    expect(text).toContain('```python\ndef fib():\n    a, b = 0, 1\n\n    while True:\n        yield a\n```');
    expect(text).not.toMatch(/Pythondef|Python\s*\n+def/);
    // The page itself is never touched: the viewer is rewritten in Readability's clone only.
    expect(doc.querySelector('.cm-content')).not.toBeNull();
  });

  it('issue 11: a citation pill whose link is refused keeps its label as text', () => {
    expect(
      md(
        '<p>Rules changed <span data-state="closed"><span data-testid="webpage-citation-pill">' +
          '<a href="javascript:alert(1)">US EPA<span>+2</span></a></span></span> last year.</p>',
      ),
    ).toBe('Rules changed (US EPA) last year.');
    expect(md('<p>See <span data-pplx-citation-url="data:text/html,x">Reddit +1</span>.</p>')).toBe('See (Reddit).');
  });

  it('issue 11: a pill\'s "+N" counter is never glued to the next source name', () => {
    const known =
      '<p>Sources <span data-state="closed"><span data-testid="webpage-citation-pill"><a href="https://www.epa.gov/x">US EPA</a><span>+2</span></span></span>' +
      '<span data-state="closed"><span data-testid="webpage-citation-pill"><a href="https://www.reddit.com/r/x">Reddit</a></span></span></p>';
    const unknown =
      '<p>Sources <a href="https://www.epa.gov/x"><span>US EPA</span><span>+2</span></a>' +
      '<a href="https://www.reddit.com/r/x"><span>Reddit</span><span>+1</span></a></p>';
    for (const html of [known, unknown]) {
      const out = md(html);
      expect(out).not.toMatch(/\+\d|EPA\S*Reddit/);
      expect(out).toBe('Sources ([US EPA](https://www.epa.gov/x)) ([Reddit](https://www.reddit.com/r/x))');
    }
  });
});
