// The one-pass converter (issue 3): safe by construction, turndown-level Markdown.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';

const base = 'https://site.example/docs/page.html';
const md = (html: string) =>
  domToMarkdown(new JSDOM(`<div id="r">${html}</div>`).window.document.getElementById('r')!, base);

describe('domToMarkdown (issue 3)', () => {
  it('keeps only safe, absolute addresses, without tracking', () => {
    expect(md('<a href="../a?utm_source=x&q=1#h">a</a>')).toBe('[a](https://site.example/a?q=1#h)');
    expect(md('<a href="mailto:me@site.example">mail</a>')).toBe('[mail](mailto:me@site.example)');
    expect(md('<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a>')).toBe('js data');
    expect(md('<img src="data:image/png;base64,AAAA" alt="dot">')).toBe('![dot](data:image/png;base64,AAAA)');
    expect(md('<img src="data:image/svg+xml,<svg/>" alt="svg"><img alt="no src">')).toBe('');
    expect(md('<a href="/a (1)">paren</a>')).toBe('[paren](https://site.example/a%20\\(1\\))');
  });

  it('leaves out hidden elements, page UI, scripts and embedded documents', () => {
    expect(
      md(
        '<p>kept<span hidden>h</span><span aria-hidden="true">a</span><span style="display: none">s</span>' +
          '<span class="sr-only">sr</span><button>b</button><span role="button">r</span><svg><text>t</text></svg>' +
          '<script>x()</script><style>p{}</style><iframe></iframe><textarea>ta</textarea></p>',
      ),
    ).toBe('kept');
  });

  it('fences inline code past any backticks inside it, and never escapes code', () => {
    expect(md('<code>a*b_c</code>')).toBe('`a*b_c`');
    expect(md('<code>x `y` z</code>')).toBe('``x `y` z``');
    expect(md('<code>`tick</code>')).toBe('`` `tick ``');
    expect(md('<pre><code class="language-md">```\nfence\n```</code></pre>')).toBe('````md\n```\nfence\n```\n````');
  });

  it('escapes Markdown in text', () => {
    expect(md('<p>1. not a list, *not em*, [not](a link), # not a heading</p>')).toBe(
      '1\\. not a list, \\*not em\\*, \\[not\\](a link), # not a heading',
    );
  });

  it('keeps text that looks like HTML as text for any Markdown viewer', () => {
    expect(md('<p>use &lt;Lua&gt; or &lt;/div&gt; or &lt;https://x.example&gt;, not 1 &lt; 2</p>')).toBe(
      'use \\<Lua> or \\</div> or \\<https://x.example>, not 1 < 2',
    );
  });

  it('writes lists, quotes, headings, emphasis, breaks and rules', () => {
    expect(
      md(
        '<h2>Title</h2><ol start="3"><li><p>three</p><ul><li>sub</li></ul></li><li>four</li></ol>' +
          '<blockquote><p>q1</p><p>q2</p></blockquote><p><em>e</em> <strong>s</strong> <del>d</del><br>next</p><hr>',
      ),
    ).toBe('## Title\n\n3. three\n\n   - sub\n\n4. four\n\n> q1\n> \n> q2\n\n*e* **s** ~~d~~  \nnext\n\n---');
  });

  it('reads KaTeX as TeX, CodeMirror viewers as code, citation pills as links', () => {
    const katex = (tex: string, display: boolean) =>
      `<span class="${display ? 'katex-display' : 'katex'}"><span class="katex-mathml"><math><annotation encoding="application/x-tex">${tex}</annotation></math></span><span class="katex-html" aria-hidden="true">drawn</span></span>`;
    expect(md(`<p>cost ${katex('O(n)', false)}.</p>${katex('x^2', true)}`)).toBe('cost $O(n)$.\n\n$$\nx^2\n$$');
    expect(
      md(
        '<pre><div><div><svg></svg>python</div><button>Copy code</button><div class="cm-content">' +
          '<div class="cm-line">a = 1</div><div class="cm-line"><br></div><div class="cm-line">  b</div></div></div></pre>',
      ),
    ).toBe('```python\na = 1\n\n  b\n```');
    expect(
      md(
        '<p>See <span data-state="closed"><span data-testid="webpage-citation-pill"><a href="https://docs.example/x?utm_source=chatgpt.com">Docs<span>+2</span></a></span></span></p>',
      ),
    ).toBe('See ([Docs](https://docs.example/x))');
  });

  it('writes GFM tables, with an empty header when the table has none', () => {
    expect(md('<table><tr><td>a</td><td align="right">b</td></tr></table>')).toBe(
      '|     |     |\n| --- | ---: |\n| a   | b   |',
    );
  });
});
