// Issue 20: Markdown that means what the page meant. Every example of the CommonMark spec is
// rendered by the shared renderer, converted back by the capture's converter, and rendered again:
// both renderings must mean the same (same HTML once whitespace that HTML ignores is normalised).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { renderMarkdown } from '@/lib/halo/render';
import { normaliseHtml } from './normalise-html';

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

const BASE = 'https://site.example/page.html';

function roundTrip(markdown: string): { before: string; markdown: string; after: string } {
  const before = renderMarkdown(markdown);
  const holder = document.createElement('div');
  holder.innerHTML = before;
  const back = domToMarkdown(holder, BASE);
  return { before: normaliseHtml(before), markdown: back, after: normaliseHtml(renderMarkdown(back)) };
}

/** The examples whose meaning Markdown written by the converter cannot carry, and why. */
const EMPTY_DESTINATION =
  'An empty destination renders as href="#" (a link to the page itself); the converter makes every ' +
  'address absolute against the page it was captured from, so the link points there instead.';
const CANNOT_ROUND_TRIP: Record<number, string> = {
  485: EMPTY_DESTINATION, // [link]()
  487: EMPTY_DESTINATION, // []()
  567: EMPTY_DESTINATION, // [foo]() beside a definition of [foo]
};

describe('CommonMark round trip (issue 20)', () => {
  const failing = spec.tests.filter((example) => {
    const result = roundTrip(example.markdown);
    return result.before !== result.after;
  });

  if (process.env.ROUND_TRIP_REPORT) {
    for (const example of failing) {
      const result = roundTrip(example.markdown);
      console.log(
        `#${example.number} (${example.section})\n  source    ${JSON.stringify(example.markdown)}\n  converted ${JSON.stringify(result.markdown)}\n  before    ${result.before}\n  after     ${result.after}`,
      );
    }
    console.log(`${spec.tests.length - failing.length} of ${spec.tests.length} round-trip`);
  }

  it('round-trips at least 99 % of the spec examples', () => {
    expect(spec.tests.length).toBeGreaterThan(600);
    expect(1 - failing.length / spec.tests.length).toBeGreaterThanOrEqual(0.99);
  });

  it('lists each example that cannot round-trip, with the reason, and no other', () => {
    expect(failing.map((example) => example.number)).toEqual(Object.keys(CANNOT_ROUND_TRIP).map(Number));
  });
});

/** GFM and the forms captures write, beyond CommonMark: each must come back meaning the same. */
const GFM: Record<string, string> = {
  'a table with inline formatting, pipes and alignment':
    '| Name | Notes | Cost |\n| :--- | :---: | ---: |\n| **bold** and *em* | `a \\| b` in code | 1 \\| 2 |\n' +
    '| [link](https://a.example/x) | ~~old~~ new | x\\|\\|y |\n| `` ` `` | line<br>break | |',
  'a table without a header row, as captures write it': '|     |     |\n| --- | --- |\n| a   | b   |',
  strikethrough: 'Was ~~ten~~ twelve, ~~**very** old~~.',
  'a task list, as the capture writes it': '- [x] done\n- [ ] to do *soon*\n\n1. [ ] numbered',
  "Gemini's footnotes, as the capture writes them":
    'Symplectic methods conserve energy.[\\[2\\]](https://scicomp.example/q/29149) See[\\[1\\]](https://en.example/wiki/Euler).\n\n' +
    'Sources:\n\n1. [Semi-implicit Euler method](https://en.example/wiki/Euler)\n2. [Why do symplectic integrators conserve energy?](https://scicomp.example/q/29149)',
  'a citation pill, as the capture writes it': 'See ([Docs](https://docs.example/x)) and <https://bare.example/path>.',
  'math, inline and displayed': 'Each step costs $O(1)$:\n\n$$\nF_n = \\frac{\\varphi^n - \\psi^n}{\\sqrt{5}}\n$$',
  'a loose list of steps holding code, a quote and a table':
    '1. Install:\n\n   ```sh\n   npm i\n\n   npm test\n   ```\n\n2. Check:\n\n   > all green\n\n   | a | b |\n   | - | - |\n   | 1 | 2 |\n\n3. Ship.',
};

describe('GFM round trip (issue 20)', () => {
  for (const [name, markdown] of Object.entries(GFM)) {
    it(name, () => {
      const result = roundTrip(markdown);
      expect(result.after, result.markdown).toBe(result.before);
    });
  }
});
