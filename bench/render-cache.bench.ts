/**
 * The renderer's block cache (issue 12), in Node: the whole-Halo preview of a 1,000-block draft
 * rendered fresh, and again after a keystroke in one block (the other 999 come from the cache).
 * CPU-bound, so it reads true on a loaded machine where the Chromium benches' wall times do not.
 */
import { clearRenderCache, renderHaloBody } from '../lib/halo/render';
import type { Block, Halo } from '../lib/halo/schema';
import { median } from './support';
import type { BenchRow } from './types';

const BLOCKS = 1_000;
const RUNS = 7;

const at = '2026-11-30T10:00:00.000Z';
const code = Array.from({ length: 6 }, (_, n) => `let v${n} = items.map((x) => x * ${n});`).join('\n');
const source = { url: 'https://chatgpt.com/c/plan', title: 'Plan', site: 'chatgpt', capturedAt: at };

function halo(): Halo {
  const blocks: Block[] = Array.from({ length: BLOCKS }, (_, i): Block =>
    i % 500 === 0
      ? { type: 'section', title: `Part ${i / 500 + 1}`, source }
      : i % 2
        ? {
            type: 'message',
            role: 'assistant',
            author: 'Claude',
            markdown: `Answer ${i} uses **sorted** with \`key=len\`, $O(n \\log n)$.\n\n\`\`\`javascript\n${code}\n\`\`\`\n\n- stable\n- see [the docs](https://docs.python.org/3/howto/sorting.html)`,
          }
        : { type: 'message', role: 'user', author: 'You', markdown: `Question ${i}: how do I sort *this* list?` },
  );
  return { version: 1, title: 'Planning, reviewed', source, blocks };
}

export async function run(): Promise<BenchRow[]> {
  const base = halo();
  const fresh: number[] = [];
  const keystroke: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    clearRenderCache();
    let started = performance.now();
    renderHaloBody(base);
    fresh.push(performance.now() - started);
    const blocks = [...base.blocks];
    const edited = blocks[3] as Extract<Block, { markdown: string }>;
    blocks[3] = { ...edited, markdown: `${edited.markdown} typed ${i}` };
    started = performance.now();
    renderHaloBody({ ...base, blocks });
    keystroke.push(performance.now() - started);
  }
  return [
    {
      group: 'renderer',
      name: `whole Halo, ${BLOCKS} blocks, fresh (empty cache)`,
      value: median(fresh),
      unit: 'ms (median)',
      note: `${RUNS} runs; what every render cost before the block cache`,
    },
    {
      group: 'renderer',
      name: `whole Halo, ${BLOCKS} blocks, after a keystroke in one block`,
      value: median(keystroke),
      unit: 'ms (median)',
      note: 'the edited block rendered, 999 from the cache (keyed by content, number and heading level)',
    },
  ];
}
