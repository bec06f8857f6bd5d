import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '@/lib/halo/render';
import { anyTree, buildTree } from './tests/support/arbitraries/dom';
const { document } = new JSDOM('<!doctype html><body></body>', { url: 'https://example.com/page' }).window;
for (const html of ['<a href="https://x.y/"><p>one</p></a> after', '<a href="https://x.y/"><h2>T</h2><p>one</p></a>']) {
  const d = document.createElement('div'); d.innerHTML = html; console.log(JSON.stringify(domToMarkdown(d, 'https://example.com/')));
}
const samples = fc.sample(anyTree, { seed: 42, numRuns: 60 });
let i = 0;
for (const tree of samples) {
  const root = buildTree(document, tree);
  let t = performance.now(); const md = domToMarkdown(root, 'https://example.com/page'); const c = performance.now() - t;
  t = performance.now(); renderMarkdown(md); const r = performance.now() - t;
  const nodes = root.getElementsByTagName('*').length;
  if (c > 300 || r > 300) console.log(i, 'nodes', nodes, 'md', md.length, 'convert', c.toFixed(0), 'render', r.toFixed(0), md.slice(0, 120).replace(/\n/g, '⏎'));
  i++;
}
