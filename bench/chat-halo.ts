/**
 * A Halo of a long AI chat for the wire benches (issue 21). Its text is drawn word by word from
 * the CommonMark spec's prose with a seeded generator, so it compresses like real English
 * (repeating one message would compress 100 to 1 and measure nothing); answers carry code,
 * lists, tables and math like real ones. 500 messages render to about 240 KB, 5,000 to 2.4 MB.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const specPath = createRequire(import.meta.url).resolve('commonmark-spec/spec.txt');
// Prose only: the spec's examples are Markdown and HTML, not the words people write.
const WORDS = readFileSync(specPath, 'utf8')
  .replace(/^`{32} example[\s\S]*?^`{32}$/gm, ' ')
  .split(/\s+/)
  .filter((w) => /^[A-Za-z][A-Za-z'-]{0,15}[,.;:]?$/.test(w));

function generator(seed: number) {
  let state = seed >>> 0;
  // mulberry32: small, fast and deterministic, so every run measures the same page.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[int(WORDS.length)]!).join(' ');
  const sentence = (n: number) => {
    const text = words(n).replace(/[,.;:]$/, '');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + int(2) }, () => sentence(6 + int(8))).join(' ');
  const ident = () =>
    words(1)
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'value';
  return { next, int, sentence, paragraph, ident };
}

function answer(g: ReturnType<typeof generator>): string {
  const parts = [g.paragraph()];
  const kind = g.int(4);
  if (kind === 0) {
    const [a, b] = [g.ident(), g.ident()];
    parts.push(
      `\`\`\`python\ndef ${a}_${b}(${a}, limit=${g.int(1000)}):\n    ${b} = [x * ${g.int(50)} for x in ${a} if x < limit]\n    return sorted(${b}, key=len)\n\`\`\``,
    );
  } else if (kind === 1) {
    parts.push(Array.from({ length: 3 + g.int(3) }, () => `- ${g.sentence(5 + g.int(8))}`).join('\n'));
  } else if (kind === 2) {
    const rows = Array.from({ length: 3 }, () => `| ${g.ident()} | ${g.int(10_000)} ms | ${g.sentence(4)} |`);
    parts.push(['| name | time | note |', '| --- | ---: | --- |', ...rows].join('\n'));
  } else {
    parts.push(`The cost is $O(n^{${1 + g.int(3)}} \\log n)$ for ${g.int(100)} items.`);
  }
  if (g.int(2) === 0) parts.push(g.paragraph());
  return parts.join('\n\n');
}

export function realisticChatHalo(messages: number, title = 'A long chat', seed = 21) {
  const g = generator(seed);
  return {
    version: 1,
    title,
    source: { url: 'https://chatgpt.com/c/bench', title, site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
    blocks: Array.from({ length: messages }, (_, i) =>
      i % 2 === 0
        ? { type: 'message', role: 'user', author: 'You', markdown: g.sentence(8 + g.int(14)) }
        : { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: answer(g) },
    ),
  };
}
