import { describe, expect, it } from 'vitest';
import { renderHaloBody, renderMarkdown } from '@/lib/halo/render';

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|<img|<b /);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'vbscript:x',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
  ])('drops the link %s', (href) => {
    const html = renderMarkdown(`[click](${href}) <${href}>`);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html.toLowerCase()).not.toContain('href="javascript');
  });

  it('keeps http(s) and mailto links, marked as user content', () => {
    const html = renderMarkdown('[a](https://example.com/x?y=1) [m](mailto:me@example.com)');
    expect(html).toContain('href="https://example.com/x?y=1"');
    expect(html).toContain('href="mailto:me@example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
  });

  it('allows images only over http(s) and data:image', () => {
    expect(renderMarkdown('![cat](https://example.com/cat.png)')).toContain(
      '<img src="https://example.com/cat.png" alt="cat"',
    );
    expect(renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)')).toContain('src="data:image/png;base64');
    expect(renderMarkdown('![svg](data:image/svg+xml;base64,PHN2Zz4=)')).not.toContain('<img');
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('<img');
  });

  it('highlights fenced code with its language and escapes it', () => {
    const html = renderMarkdown('```python\ndef f(a<b):\n    return "&"\n```');
    expect(html).toContain('class="hljs language-python"');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('a&lt;b');
    expect(html).not.toContain('a<b');
  });

  // Grok and Claude fixtures hold Lua and TOML blocks that came out plain (issue 3).
  it.each([
    ['lua', 'local function f(n) return n end', 'hljs-keyword'],
    ['toml', '[server]\nport = 8787', 'hljs-section'],
    ['ps1', 'Get-ChildItem -Path .', 'hljs-built_in'],
  ])('highlights %s', (lang, code, token) => {
    expect(renderMarkdown(`\`\`\`${lang}\n${code}\n\`\`\``)).toContain(`class="${token}"`);
  });

  // Captured tables write a multi-line cell with <br> (issue 3); no other tag may pass.
  it('turns <br> in a table cell into a line break and nothing else into HTML', () => {
    const html = renderMarkdown('| a | b |\n| --- | --- |\n| line  <br>two | x<br/>y<BR /><b>z</b> |');
    expect(html).toContain('<td>line  <br>\ntwo</td>');
    expect(html).toContain('x<br>\ny<br>\n&lt;b&gt;z&lt;/b&gt;');
    expect(renderMarkdown('`<br>` and\n\n    <br>')).not.toMatch(/<br>/);
  });

  it('renders TeX as MathML, inline and display', () => {
    const html = renderMarkdown('Euler: $e^{i\\pi}+1=0$\n\n$$\n\\int_0^1 x\\,dx\n$$');
    expect(html).toContain('<math');
    expect(html).toContain('display="block"');
    expect(html).not.toContain('style=');
  });

  it('leaves money alone', () => {
    expect(renderMarkdown('It costs $5 and $6.')).not.toContain('<math');
  });
});

describe('renderHaloBody', () => {
  it('labels speakers and escapes every text field', () => {
    const html = renderHaloBody({
      version: 1,
      title: '<img src=x onerror=alert(1)>',
      source: {
        url: 'https://example.com/"><script>',
        title: '"quoted"',
        site: 'example.com',
        capturedAt: '2026-11-23T10:00:00Z',
      },
      blocks: [
        { type: 'message', role: 'user', author: '<You>', markdown: 'Hi' },
        { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'Hello' },
      ],
    });
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('halo-role-user');
    expect(html).toContain('&lt;You&gt;');
    expect(html).toContain('halo-role-assistant');
  });
});

describe('bad input (issue 4)', () => {
  it.each([
    ['quotes', '>'.repeat(10_000)],
    ['lists', '- '.repeat(10_000)],
    ['ordered lists', '1. '.repeat(10_000)],
    ['quotes in lists', '> - '.repeat(5_000)],
  ])('shows Markdown nested 10,000 levels deep (%s) as written, losing nothing', (_kind, prefix) => {
    const html = renderMarkdown(`${prefix} the deepest words`);
    expect(html).toContain('nests too deeply to format');
    expect(html).toContain('the deepest words');
  });

  it('still formats ordinary nesting', () => {
    const html = renderMarkdown('> quote\n> > inner\n\n- a\n  - b\n    - c');
    expect(html).not.toContain('too deeply');
    expect(html.match(/<blockquote>/g)).toHaveLength(2);
    expect(html.match(/<ul>/g)).toHaveLength(3);
  });

  it('keeps deep inline nesting as text', () => {
    const html = renderMarkdown(`${'['.repeat(10_000)}x${'*'.repeat(10_000)}y`);
    expect(html).toContain('x');
    expect(html).toContain('y');
  });

  it('shows lone surrogates as U+FFFD, as they will be published', () => {
    const html = renderMarkdown('a\uD800b \uDC00 c 😀');
    expect(html).toBe('<p>a\uFFFDb \uFFFD c 😀</p>\n');
    const body = renderHaloBody({
      version: 1,
      title: 'T',
      note: 'n\uDBFF',
      source: { url: 'https://example.com/', title: 'e', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
      blocks: [{ type: 'text', markdown: 'x' }],
    });
    expect(body).toContain('n\uFFFD');
  });
});
