// Code fidelity (issue 3): generated code placed in a CodeMirror viewer comes out byte-identical.
import { JSDOM } from 'jsdom';
import { expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';

let seed = 42;
function next(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const PIECES = [
  'if (a < b && c > d) {',
  'return `${x}`;',
  '// ``` not a fence',
  'x &amp; y',
  '"quoted" \'single\'',
  'naïve café – ✓ 数据 🚀',
  '<div class="x">',
  '\\n \\t \\\\',
  'a  b   c',
  '    ',
  '#include <stdio.h>',
  '* not a list',
  '1. not a list',
  '> not a quote',
  '[link](x)',
  '$not math$',
];

function generateCode(lines: number): string {
  return Array.from({ length: lines }, () => {
    const r = next();
    if (r < 0.12) return '';
    const indent = pick(['', '  ', '    ', '\t', '\t\t', '        ']);
    return indent + Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(PIECES)).join(' ');
  }).join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CodeMirror draws each line as a div of token spans; an empty line holds only a <br>. */
function codeMirror(code: string, language: string): string {
  const lines = code.split('\n').map((line) => {
    if (!line) return '<div class="cm-line"><br></div>';
    const cut = Math.floor(line.length / 2);
    return `<div class="cm-line"><span class="tok-a">${escape(line.slice(0, cut))}</span>${escape(line.slice(cut))}</div>`;
  });
  return `<pre><div><div class="flex items-center"><svg></svg>${language}</div><div><button>Copy code</button></div><div class="cm-editor"><div class="cm-content">${lines.join('')}</div></div></div></pre>`;
}

function capturedCode(html: string): string {
  const page = `<title>Code</title><article data-testid="conversation-turn-1"><div data-message-author-role="assistant"><div class="markdown">${html}</div></div></article>`;
  const url = 'https://chatgpt.com/c/fidelity';
  const doc = new JSDOM(page, { url }).window.document;
  const result = captureDocument(doc, url, 'auto');
  if (!result.ok) throw new Error(result.message);
  const markdown = result.capture.blocks[0]!.block.markdown;
  const fence = /^(`{3,})(\w*)\n([\s\S]*)\n\1$/.exec(markdown);
  if (!fence) throw new Error(`not one fenced block:\n${markdown}`);
  return `${fence[2]}\n${fence[3]}`;
}

it.each(Array.from({ length: 25 }, (_, i) => i))('generated program %i comes out byte-identical', () => {
  const code = generateCode(5 + Math.floor(next() * 30)).replace(/^\n+|\n+$/g, '') || 'x';
  const language = pick(['python', 'typescript', 'c', 'bash', 'rust']);
  expect(capturedCode(codeMirror(code, language))).toBe(`${language}\n${code}`);
  expect(
    capturedCode(
      `<pre><div><span>${language}</span><button>Copy code</button></div><code class="hljs language-${language}">${escape(code)}</code></pre>`,
    ),
  ).toBe(`${language}\n${code}`);
});
