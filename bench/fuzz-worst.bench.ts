/**
 * Issue 16: the worst cases the fuzzers' generators find, per unit of input: render time per KB of
 * Markdown (shared renderer) and converter time per DOM node. Same seeds every run.
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { domToMarkdown } from '../lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '../lib/halo/render';
import { anyTree, buildTree } from '../tests/support/arbitraries/dom';
import { markdown } from '../tests/support/arbitraries/markdown';
import type { BenchRow } from './types';

const CASES = 300;

/** First calls compile the code (KaTeX, highlight.js, the converter): they are not the input's cost. */
const WARMUP = 40;

export async function run(): Promise<BenchRow[]> {
  for (const source of fc.sample(markdown, { seed: 1, numRuns: WARMUP })) renderMarkdown(source);
  let worstRender = { perKb: 0, kb: 0, ms: 0 };
  for (const source of fc.sample(markdown, { seed: 16, numRuns: CASES })) {
    const kb = Math.max(source.length / 1024, 1);
    const started = performance.now();
    renderMarkdown(source);
    const ms = performance.now() - started;
    if (ms / kb > worstRender.perKb) worstRender = { perKb: ms / kb, kb, ms };
  }
  const { document } = new JSDOM('<!doctype html><body></body>', { url: 'https://example.com/' }).window;
  for (const tree of fc.sample(anyTree, { seed: 1, numRuns: WARMUP }))
    domToMarkdown(buildTree(document, tree), 'https://example.com/');
  let worstConvert = { perNode: 0, nodes: 0, ms: 0 };
  for (const tree of fc.sample(anyTree, { seed: 16, numRuns: CASES })) {
    const root = buildTree(document, tree);
    const nodes = Math.max(root.getElementsByTagName('*').length, 10);
    const started = performance.now();
    domToMarkdown(root, 'https://example.com/');
    const ms = performance.now() - started;
    if (ms / nodes > worstConvert.perNode) worstConvert = { perNode: ms / nodes, nodes, ms };
  }
  return [
    {
      group: 'fuzz',
      name: 'render, worst ms per KB',
      value: worstRender.perKb,
      unit: 'ms/KB',
      note: `${CASES} generated documents; worst ${worstRender.kb.toFixed(1)} KB in ${worstRender.ms.toFixed(1)} ms`,
    },
    {
      group: 'fuzz',
      name: 'convert, worst ms per node',
      value: worstConvert.perNode,
      unit: 'ms/node',
      note: `${CASES} generated trees; worst ${worstConvert.nodes} nodes in ${worstConvert.ms.toFixed(1)} ms`,
    },
  ];
}
