// Issue 20: Markdown that means what the page meant. Each case is the Markdown the converter
// writes, and what the shared renderer makes of it.
import { describe, expect, it } from 'vitest';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '@/lib/halo/render';
import { normaliseHtml } from './normalise-html';

const base = 'https://site.example/docs/page.html';
const md = (html: string) => {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  return domToMarkdown(holder, base);
};
// The structure only: each block's and code's direction (issue 17) is tested in languages.test.ts.
const rendered = (markdown: string) => normaliseHtml(renderMarkdown(markdown)).replace(/ dir="(?:ltr|rtl|auto)"/g, '');

describe('lists that mean what the page meant (issue 20)', () => {
  it('keeps the paragraphs of a numbered step apart, indented to the item', () => {
    const markdown = md(
      '<ol><li><p>Step one.</p><p>Details of step one, a second paragraph.</p></li><li><p>Step two.</p></li></ol>',
    );
    expect(markdown).toBe('1. Step one.\n\n   Details of step one, a second paragraph.\n\n2. Step two.');
    expect(rendered(markdown)).toBe(
      '<ol><li><p>Step one.</p><p>Details of step one, a second paragraph.</p></li><li><p>Step two.</p></li></ol>',
    );
  });

  it('keeps quotes, code (with its blank lines), nested lists and tables in their item', () => {
    const markdown = md(
      '<ul><li><p>Intro</p><blockquote><p>quoted</p></blockquote>' +
        '<pre><code class="language-py">a = 1\n\nb = 2\n</code></pre><ol><li>sub</li></ol>' +
        '<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>x</td><td>1</td></tr></tbody></table></li>' +
        '<li><p>Next</p></li></ul>',
    );
    expect(markdown).toBe(
      '- Intro\n\n  > quoted\n\n  ```py\n  a = 1\n\n  b = 2\n  ```\n\n  1. sub\n\n' +
        '  | k   | v   |\n  | --- | --- |\n  | x   | 1   |\n\n- Next',
    );
    const html = rendered(markdown);
    expect(html).toMatch(/^<ul><li><p>Intro<\/p><blockquote>[\s\S]*<\/table><\/li><li><p>Next<\/p><\/li><\/ul>$/);
    expect(html).toContain('<span class="hljs-number">1</span>\n\nb = ');
  });

  it('keeps a tight list tight, with the blocks of an item on the lines that follow', () => {
    const markdown = md(
      '<ul><li>a<blockquote><p>b</p></blockquote><pre><code>c\n\nd\n</code></pre></li><li>e<br>f</li><li>g<hr></li></ul>',
    );
    expect(markdown).toBe('- a\n  > b\n  ```\n  c\n\n  d\n  ```\n- e  \n  f\n- g\n  ***');
    // The page's code header (issue 13) wraps the code; the list around it stays tight.
    expect(rendered(markdown)).toBe(
      '<ul><li>a<blockquote><p>b</p></blockquote><figure class="halo-code-block"><figcaption class="halo-code-head"><span class="halo-code-lang">text</span><span class="halo-code-lines">3 lines</span></figcaption><pre class="halo-code" tabindex="0"><code>c\n\nd\n</code></pre></figure></li><li>e<br>f</li><li>g<hr></li></ul>',
    );
  });

  it('keeps a list whole across empty items, and two lists in a row apart', () => {
    expect(md('<ul><li>a</li><li></li><li>b</li></ul>')).toBe('- a\n-\n- b');
    expect(md('<ol start="2"><li>a</li><li> </li></ol>')).toBe('2. a\n3.');
    const two = md('<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>');
    expect(two).toBe('- a\n\n* b\n\n1. c\n\n1) d');
    expect(rendered(two)).toBe('<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>');
  });

  it('writes a checkbox that opens an item as a task', () => {
    expect(
      md('<ul><li><input type="checkbox" checked disabled> done</li><li><p><input type="checkbox">to do</p></li></ul>'),
    ).toBe('- [x] done\n\n- [ ] to do');
    expect(md('<ul><li>a <input type="checkbox"></li></ul><p><input type="checkbox"> b</p>')).toBe('- a\n\nb');
  });
});

describe('code, links and text that mean what the page meant (issue 20)', () => {
  it('keeps the spaces of inline code, with padding only where CommonMark strips it', () => {
    expect(md('<p>a <code> b </code> c</p>')).toBe('a `  b  ` c');
    expect(md('<p><code> x</code> <code>  </code> <code>a  b</code></p>')).toBe('` x` `  ` `a  b`');
    expect(md('<p><code>`</code> <code>a``b</code></p>')).toBe('`` ` `` `a``b`');
    expect(rendered(md('<p>a <code> b </code> c</p>'))).toBe('<p>a <code> b </code> c</p>');
  });

  it('keeps an empty code block, and any language word', () => {
    expect(md('<pre><code></code></pre>')).toBe('```\n```');
    expect(md('<pre><code class="language-c++">x</code></pre>')).toBe('```c++\nx\n```');
    expect(md('<pre></pre><p>after</p>')).toBe('after');
  });

  it('writes links that show their own address as autolinks, addresses as the page wrote them', () => {
    expect(md('<a href="https://a.example">https://a.example</a>')).toBe('<https://a.example>');
    expect(md('<a href="mailto:me@a.example">me@a.example</a>')).toBe('<me@a.example>');
    expect(md('<a href="https://a.example/?utm_source=x">https://a.example/?utm_source=x</a>')).toBe(
      '[https://a.example/?utm\\_source=x](https://a.example/)',
    );
    expect(md('<a href="https://a.example"><b>https://a.example</b></a>')).toBe(
      '[**https://a.example**](https://a.example)',
    );
  });

  it('keeps text that looks like a list, a heading or an entity as text', () => {
    for (const [html, markdown, text] of [
      // A paragraph, not a list: markdown-it trims the leading non-breaking space from its text.
      ['<p>&nbsp;- not an item</p>', '\u00a0- not an item', '- not an item'],
      ['<p>&nbsp;&nbsp;1. not an item</p>', '\u00a0\u00a01. not an item', '1. not an item'],
      ['<p>1) not an item</p>', '1\\) not an item', '1) not an item'],
      ['<p>2.</p>', '2\\.', '2.'],
      ['<p>+</p>', '\\+', '+'],
      ['<p>#</p>', '\\#', '#'],
      ['<h2>C #</h2>', '## C \\#', ''],
      ['<p>&amp;ouml; &amp;#35;</p>', '\\&ouml; \\&#35;', '&amp;ouml; &amp;#35;'],
    ] as const) {
      expect(md(html)).toBe(markdown);
      if (text) expect(rendered(markdown)).toBe(`<p>${text}</p>`);
    }
    expect(rendered(md('<h2>C #</h2>'))).toBe('<h2>C #</h2>');
    expect(md('<h2>C#</h2>')).toBe('## C#');
  });

  it('tells emphasis in emphasis from strong', () => {
    expect(md('<em><em>a</em></em>')).toBe('_*a*_');
    expect(md('<strong><em>a</em></strong>')).toBe('__*a*__');
    expect(md('<em><strong>a</strong></em>')).toBe('***a***');
    expect(rendered(md('<strong><em>a</em></strong>'))).toBe('<p><strong><em>a</em></strong></p>');
  });

  it('writes each pipe of a table cell escaped, and the alignment markdown-it styles', () => {
    const markdown = md(
      '<table><thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead>' +
        '<tbody><tr><td>x||y</td><td style="text-align:right"><code>c | d</code></td></tr></tbody></table>',
    );
    expect(markdown).toBe('| a   | b   |\n| --- | ---: |\n| x\\|\\|y | `c \\| d` |');
    expect(rendered(markdown)).toContain('<td>x||y</td><td style="text-align:right"><code>c | d</code></td>');
  });
});
