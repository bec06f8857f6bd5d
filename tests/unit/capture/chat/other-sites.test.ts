// Claude, Gemini, Grok and Perplexity threads (issue 3): what each site's own layout needs.
// Goldens, roles, titles and models of every fixture are checked in fixtures.test.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';
import type { Capture } from '@/lib/capture/types';

const now = new Date('2026-11-23T10:00:00Z');

function load(site: string, file: string, url: string): Document {
  return new JSDOM(readFileSync(resolve('tests/fixtures/chat', site, file), 'utf8'), { url }).window.document;
}

function captureOf(doc: Document): Capture {
  const result = captureDocument(doc, doc.URL, 'auto', now);
  if (!result.ok) throw new Error(result.message);
  return result.capture;
}

const capture = (site: string, file: string, url: string) => captureOf(load(site, file, url));
const markdownOf = (c: Capture, i: number) => c.blocks[i]!.block.markdown;

describe('Claude adapter (issue 3)', () => {
  const thread = capture('claude', 'short-thread.html', 'https://claude.ai/chat/8f2c-1d');
  const long = capture('claude', 'long-thread.html', 'https://claude.ai/chat/3b9e7c1a');

  it('keeps typed text as typed, code with its language, thinking apart', () => {
    expect(markdownOf(thread, 0)).toBe('Why does this fail to compile?  \nfn longest(a: &str, b: &str) -> &str { a }');
    expect(thread.blocks[1]).toMatchObject({ included: false, block: { type: 'reasoning' } });
    expect(markdownOf(thread, 2)).toContain("```rust\nfn longest<'a>(a: &'a str, b: &'a str) -> &'a str {");
    expect(markdownOf(thread, 2)).not.toMatch(/^rust$/m);
    const answers = thread.blocks.filter((b) => b.included).map((b) => b.block.markdown);
    expect(answers.join('\n')).not.toMatch(/Copy|Retry|Thought process|elision/);
  });

  it('takes the language label out of the code viewer, and the composer model picker is no turn', () => {
    expect(markdownOf(long, 2)).toContain('A quick Monte Carlo estimate:\n\n```python\nimport numpy as np\n');
    expect(long.blocks).toHaveLength(5);
    expect(long.source.model).toBe('Sonnet 4.5');
  });

  it('keeps the answer after an artifact and names the artifact it cannot capture', () => {
    expect(markdownOf(long, 2)).toMatch(
      /\*Artifact: Posterior plot \(Code · Python\)\*\n\nRun the artifact to draw both posteriors\.$/,
    );
    expect(long.warnings).toEqual([expect.stringContaining('"Posterior plot" opens in a side panel')]);
  });

  it('brings the files attached to a message along with it', () => {
    expect(markdownOf(long, 0)).toMatch(/\n\n!\[conversion-chart\.png\]\(https:\/\/claude\.ai\/api\/.+\/thumbnail\)$/);
  });

  it('warns while an answer is still being written', () => {
    const doc = load('claude', 'older-layout.html', 'https://claude.ai/chat/0d1e');
    doc.querySelector('[data-testid="assistant-message"]')!.setAttribute('data-is-streaming', 'true');
    expect(captureOf(doc).warnings).toEqual([expect.stringMatching(/still writing/)]);
  });
});

describe('Gemini adapter (issue 3)', () => {
  const thread = capture('gemini', 'short-thread.html', 'https://gemini.google.com/app/4b1d9e');
  const long = capture('gemini', 'long-thread.html', 'https://gemini.google.com/app/9c3b51a2e4f07d18');
  const shared = capture('gemini', 'share-page.html', 'https://gemini.google.com/share/5e8f21c0a9b3');

  it('reads tables without their export buttons', () => {
    expect(markdownOf(thread, 1)).toContain('| Readers block writers | No  | Yes |');
    expect(markdownOf(thread, 1)).not.toContain('Export to Sheets');
  });

  it('reads the language from the code header, footnotes as links to the sources listed after', () => {
    const answer = markdownOf(long, 2);
    expect(answer).toContain('```python\nfor i in range(n - 1):\n');
    expect(answer).not.toMatch(/^Python$/m);
    expect(answer).toContain(
      'every step[\\[1\\]](https://en.wikipedia.org/wiki/Semi-implicit_Euler_method). The energy',
    );
    expect(answer).toMatch(
      /Sources:\n\n1\. \[Semi-implicit Euler method\]\(https:\/\/en\.wikipedia\.org\/[^)]+\)\n2\. /,
    );
    expect(answer).toContain('![Phase portrait: explicit Euler spirals outward');
  });

  it('keeps a Deep Research report with the answer that opened it, and does not warn on a share page', () => {
    const answer = markdownOf(shared, 1);
    expect(answer).toMatch(
      /^I've completed your research\. Here is the report:\n\n# Cold-Climate Heat Pump Performance/,
    );
    expect(answer).toContain('down to −25 °C\\[1\\], with seasonal COPs');
    expect(answer).toContain('#### Works cited');
    expect(markdownOf(shared, 3)).not.toContain('Works cited');
    expect(shared.warnings).toEqual([]);
  });
});

it('a chat site whose markers are missing is not recognised (issue 3)', () => {
  const doc = new JSDOM('<title>Claude</title><main><p>Loading…</p></main>', { url: 'https://claude.ai/chat/x' }).window
    .document;
  expect(captureDocument(doc, 'https://claude.ai/chat/x', 'auto', now)).toMatchObject({
    ok: false,
    code: 'unrecognised_layout',
  });
});

describe('Grok adapter (issue 3)', () => {
  const thread = capture('grok', 'short-thread.html', 'https://grok.com/chat/abc-1');
  const long = capture('grok', 'long-thread.html', 'https://grok.com/chat/7c1e0a11');

  it('tells the user from Grok by the container side, and keeps typed text as typed', () => {
    expect(markdownOf(thread, 0)).toBe('Write a haiku about \\_latency\\_  \nin three lines');
    expect(markdownOf(thread, 1)).not.toMatch(/Regenerate|Copy|👍/);
  });

  it('reads the language from the code header, the thinking apart, the attached image', () => {
    expect(markdownOf(long, 2)).toContain('```lua\nlocal key, now, window, limit = KEYS[1]');
    expect(markdownOf(long, 2)).not.toMatch(/^lua$/m);
    expect(long.blocks[1]).toMatchObject({ included: false, block: { type: 'reasoning' } });
    expect(markdownOf(long, 0)).toContain('![diagram.png](https://assets.grok.com/users/');
  });
});

describe('Perplexity adapter (issue 3)', () => {
  const thread = capture(
    'perplexity',
    'short-thread.html',
    'https://www.perplexity.ai/search/what-is-a-csp-sandbox-x1',
  );
  const long = capture('perplexity', 'long-thread.html', 'https://www.perplexity.ai/search/how-do-http-3');
  const older = capture('perplexity', 'older-layout.html', 'https://www.perplexity.ai/search/best-way');

  it('pairs questions and answers and cleans citations', () => {
    expect(markdownOf(thread, 1)).toContain(
      '([developer.mozilla](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/sandbox))',
    );
  });

  it('reads the language from the code indicator', () => {
    expect(markdownOf(long, 1)).toContain('```bash\ncurl --http3 -sI https://cloudflare.com | grep -i alt-svc\n');
  });

  it('keeps an older answer’s numbered citations visible as [n] links', () => {
    expect(markdownOf(older, 1)).toContain(
      'bcrypt[\\[1\\]](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)[\\[2\\]](https://www.rfc-editor.org/rfc/rfc9106).',
    );
    expect(markdownOf(older, 1)).not.toMatch(/Pro Search|Reading sources|View 3 more/);
  });
});
