/**
 * Generated Markdown for the renderer's fuzzer (issue 16): every construct, nested deep, math,
 * tables, links with odd schemes, emphasis runs, raw HTML, unicode and lone surrogates.
 */
import fc from 'fast-check';

/** URLs a renderer must neither run nor pass on: scheme tricks, entities, controls, and ordinary ones. */
export const oddUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&#58;alert(1)',
    '&#106;avascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:TEXT/HTML,x',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:image/png;base64,iVBORw0KGgo=',
    'file:///etc/passwd',
    '//evil.example/x',
    'https://example.com/a_(b)?c=d&e=<f>#"g"',
    'http://[::1]/',
    'mailto:a@b.c?subject=<x>',
    '\u0000javascript:alert(1)',
    'https://exa\u202emple.com/',
    '',
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 20 }),
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Words with every character Markdown, HTML and TeX give a meaning to. */
export const word = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('a', 'word', 'x_y', 'snake_case', '2*3', 'a|b', 'üñí', '漢字', '🙂', 'عربى'),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...['*', '**', '***', '_', '__', '~~', '`', '``', '```', '$', '$$', '\\', '\\$', '[', ']', '(', ')', '<', '>'],
      ...['&', '&amp;', '&#0;', '&#x110000;', '&nbsp', '|', '-', '+', '=', '!', '#', '1.', '1)', '---', '***'],
      ...['<br>', '<br/>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<iframe src=x>'],
      ...['<a href="javascript:alert(1)">x</a>', '<!--', '-->', '<![CDATA[', '<?php', '<svg onload=alert(1)>'],
      ...['www.example.com', 'http://example.com', 'user@example.com', '\u0000', '\u200b', '\u202e', '\ufeff'],
      ...['\r', '\t', '\u2028', '\u00a0', 'ﷺ', 'e\u0301', '\ud83d\ude00'],
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

const words = fc
  .array(word, { minLength: 1, maxLength: 8 })
  .chain((list) => fc.constantFrom(' ', '', '  ').map((glue) => list.join(glue)));

/** TeX that KaTeX must take or refuse gracefully: hostile commands, macros, deep nesting. */
export const tex: fc.Arbitrary<string> = fc.letrec<{ tex: string }>((tie) => ({
  tex: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      ...['x', '1', '\\alpha', 'a^2', 'x_i', '\\infty', '\\sum_{i=0}^n i', '\\sqrt{2}', '\\{', '\\}', '\\\\'],
      ...['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\includegraphics{https://x.y/i.png}'],
      ...['\\htmlClass{x}{y}', '\\htmlStyle{color:red}{y}', '\\htmlId{x}{y}', '\\htmlData{a=b}{y}'],
      ...['\\def\\a{\\a\\a}\\a', '\\def\\a#1{#1#1}\\a{\\a{\\a{x}}}', '\\newcommand{\\b}{\\b}\\b', '\\gdef\\c{c}'],
      ...['\\text{<script>alert(1)</script>}', '\\unicode{x}', '\\color{red}{x}', '\\operatorname{x}'],
      ...['\\begin{matrix}a&b\\\\c&d\\end{matrix}', '\\begin{array}{cc}1&2\\end{array}', '\\end{x}', '\\left('],
      ...['\\right)', '}', '{', '^', '_', '&', '#', '%', '~', '\\', '\\verb|x|', '\\char"41', '\\@', '\\relax'],
    ),
    tie('tex').map((a) => `\\frac{${a}}{y}`),
    tie('tex').map((a) => `{${a}}^{2}`),
    tie('tex').map((a) => `\\sqrt{${a}}`),
    tie('tex').map((a) => `\\left(${a}\\right)`),
    tie('tex').map((a) => `\\begin{pmatrix}${a}\\end{pmatrix}`),
    fc.tuple(tie('tex'), tie('tex')).map(([a, b]) => `${a} ${b}`),
    // Nesting far past any real formula, as a hostile page would hold.
    fc
      .tuple(
        fc.constantFrom('\\frac{', '{', '\\sqrt{', '\\left(', '^{', '\\begin{matrix}'),
        fc.integer({ min: 50, max: 2_500 }),
      )
      .map(([open, n]) => {
        const close =
          open === '\\left('
            ? '\\right)'
            : open === '\\begin{matrix}'
              ? '\\end{matrix}'
              : open === '\\frac{'
                ? '}{y}'
                : '}';
        return `${open.repeat(n)}x${close.repeat(n)}`;
      }),
  ),
})).tex;

/** One line of inline Markdown. */
export const inline: fc.Arbitrary<string> = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    tie('inline').chain((a) => fc.constantFrom('*', '**', '_', '__', '~~', '***').map((m) => `${m}${a}${m}`)),
    tie('inline').map((a) => `\`${a}\``),
    tex.map((t) => `$${t}$`),
    tex.map((t) => `$$${t}$$`),
    fc.tuple(tie('inline'), oddUrl).map(([a, url]) => `[${a}](${url})`),
    fc.tuple(tie('inline'), oddUrl).map(([a, url]) => `[${a}](<${url}> "t")`),
    fc.tuple(words, oddUrl).map(([a, url]) => `![${a}](${url})`),
    oddUrl.map((url) => `<${url}>`),
    fc.tuple(words, oddUrl).map(([a, url]) => `[${a}]\n\n[${a}]: ${url}`),
    fc.tuple(tie('inline'), tie('inline')).map(([a, b]) => `${a} ${b}`),
    // Runs of delimiters: the shapes behind markdown-it's and others' quadratic-time bugs.
    fc
      .tuple(
        fc.constantFrom('*', '_', '`', '[', ']', '![', '<', '$', '\\', '*a', '_a', '[a](', '**_', '~'),
        fc.integer({ min: 1, max: 3_000 }),
      )
      .map(([run, n]) => run.repeat(n)),
  ),
})).inline;

/** Whole Markdown documents: blocks nested in quotes and lists, fences, math blocks, tables. */
export const markdown: fc.Arbitrary<string> = fc.letrec<{ block: string; doc: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    inline,
    inline.chain((a) => fc.integer({ min: 1, max: 7 }).map((n) => `${'#'.repeat(n)} ${a}`)),
    tie('doc').map((d) => d.replace(/^/gm, '> ')),
    tie('doc').chain((d) =>
      fc.constantFrom('- ', '* ', '1. ', '9) ', '- [ ] ').map((m) => m + d.replace(/\n/g, '\n   ')),
    ),
    fc
      .tuple(
        fc.constantFrom('', 'js', 'python', 'latex', 'html', 'x"><script>', 'c++', 'unknown', 'js {onclick}'),
        fc.string({ maxLength: 60 }),
      )
      .map(([lang, code]) => `\`\`\`${lang}\n${code}\n\`\`\``),
    tex.map((t) => `$$\n${t}\n$$`),
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(inline, { minLength: 1, maxLength: 8 })).map(([cols, cells]) => {
      const row = (i: number) =>
        `| ${Array.from({ length: cols }, (_, c) => cells[(i + c) % cells.length]!.replace(/\n/g, ' ')).join(' | ')} |`;
      return [row(0), `|${' --- |'.repeat(cols)}`, row(1), row(2)].join('\n');
    }),
    fc.constantFrom(
      '---',
      '***',
      '<div onclick="x">',
      '<script>alert(1)</script>',
      '<details open ontoggle=alert(1)>',
      '    indented code',
    ),
    // Deep nesting of every container, far past the renderer's limit.
    fc
      .tuple(fc.constantFrom('> ', '- ', '1. ', '* > ', '> - '), fc.integer({ min: 2, max: 2_000 }), words)
      .map(([marker, n, text]) => `${marker.repeat(n)}${text}`),
    fc
      .tuple(fc.integer({ min: 2, max: 300 }), words)
      .map(([n, text]) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- ${text}`).join('\n')),
  ),
  doc: fc
    .array(tie('block'), { minLength: 1, maxLength: 5 })
    .chain((blocks) => fc.constantFrom('\n\n', '\n', '\r\n\r\n').map((sep) => blocks.join(sep))),
})).doc;

/** Big Markdown near the schema's limit: one generated document repeated. */
export const bigMarkdown = (maxChars: number): fc.Arbitrary<string> =>
  fc.tuple(markdown, fc.integer({ min: 1_000, max: maxChars })).map(([doc, size]) => {
    const piece = `${doc}\n\n`;
    return piece.repeat(Math.max(1, Math.ceil(size / piece.length))).slice(0, size);
  });
