/**
 * zod's jitless mode (issue 18): the extension validates interpreted (lib/halo/zod-jitless.ts),
 * because its pages may not eval; the server keeps zod's JIT. What that costs: one parse of the
 * Halo of a 1,000-block draft by the shared schema, built once with the JIT and once jitless.
 * store/review-notes.md quotes these figures.
 */
import { z } from 'zod';
import type { Halo } from '../lib/halo/schema';
import { median } from './support';
import type { BenchRow } from './types';

const BLOCKS = 1_000;
const RUNS = 25;

function bigHalo(): Halo {
  const at = '2026-11-30T10:00:00.000Z';
  const source = { url: 'https://chatgpt.com/c/bench', title: 'Bench', site: 'chatgpt', capturedAt: at };
  return {
    version: 1,
    title: 'A long thread',
    source,
    blocks: Array.from({ length: BLOCKS }, (_, i) =>
      i % 100 === 0
        ? { type: 'section' as const, title: `Part ${i / 100 + 1}`, source }
        : {
            type: 'message' as const,
            role: i % 2 ? ('assistant' as const) : ('user' as const),
            author: i % 2 ? 'ChatGPT' : 'You',
            markdown: `Message ${i}: ${'some words of the thread, '.repeat(20)}\n\n\`\`\`js\nconst x = ${i};\n\`\`\``,
          },
    ),
  };
}

type SchemaModule = typeof import('../lib/halo/schema');
/** Imported twice, with different queries: two copies of the module, each building its own schemas. */
const SCHEMA = '../lib/halo/schema.ts';

/** Alternating parses of the two, so that the machine's load falls on both alike. */
function time(a: SchemaModule['HaloSchema'], b: SchemaModule['HaloSchema'], halo: Halo): [number[], number[]] {
  const runs: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS + 3; i++) {
    for (const [n, schema] of [a, b].entries()) {
      const started = performance.now();
      schema.parse(halo);
      if (i >= 3) runs[n]!.push(performance.now() - started);
    }
  }
  return runs;
}

export async function run(): Promise<BenchRow[]> {
  const halo = bigHalo();
  // Schemas choose JIT or not when they are built: one copy of the module for each mode. The JIT
  // copy first (zod caches whether eval works the first time an object schema is built).
  z.config({ jitless: false });
  const jit = (await import(`${SCHEMA}?jit`)) as SchemaModule;
  z.config({ jitless: true });
  const jitless = (await import(`${SCHEMA}?jitless`)) as SchemaModule;
  z.config({ jitless: false });
  const [jitRuns, jitlessRuns] = time(jit.HaloSchema, jitless.HaloSchema, halo);
  const withJit = median(jitRuns);
  const without = median(jitlessRuns);
  const bytes = JSON.stringify(halo).length;
  return [
    {
      group: 'zod',
      name: `parse a ${BLOCKS}-block Halo, jitless (as the extension does)`,
      value: without,
      unit: 'ms (median)',
      note: `${RUNS} parses after 3 warm-ups, ${(bytes / 1e6).toFixed(1)} MB of JSON`,
    },
    {
      group: 'zod',
      name: `parse a ${BLOCKS}-block Halo, with zod's JIT (as the server does)`,
      value: withJit,
      unit: 'ms (median)',
      note: `jitless costs ${(without / withJit).toFixed(1)}× the JIT's time, ${(without - withJit).toFixed(1)} ms per parse`,
    },
  ];
}
