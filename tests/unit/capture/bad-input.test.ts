// Bad input (issue 3): malformed or hostile pages end in a capture or a clear message. Huge and
// deep pages are in tests/e2e/capture-bad-input.spec.ts: jsdom itself is too slow to build them.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureDocument } from '@/lib/capture/capture-document';

const url = 'https://docs.example.com/page.html';
const chatUrl = 'https://chatgpt.com/c/bad-input';

function page(html: string, at = url): Document {
  return new JSDOM(html, { url: at }).window.document;
}

function select(doc: Document, node: Node): void {
  const range = doc.createRange();
  range.selectNodeContents(node);
  doc.getSelection()!.addRange(range);
}

describe('bad input (issue 3)', () => {
  it('reads malformed markup as the browser repairs it, with no markup leaking through', () => {
    const doc = page(
      `<div id="s"><p>Open <b>bold <i>both</p> after</b> <table><tr><td>cell<td>next</tr><li>stray item</table>
       <ul><p>not an item</p><li>item <ul><li>inner</ul></li></li></li></ul>
       <a href="javascript:alert(1)">js link</a> <a href=" https://ok.example/a b ">spaced</a>
       <img src="javascript:alert(1)" alt="bad"><img src="data:image/svg+xml,<svg onload=alert(1)>" alt="svg">
       <script>alert(1)</script><style>p{}</style><iframe srcdoc="<p>inside</p>"></iframe>
       <p onclick="alert(1)">text &lt;script&gt; stays text</p>\u0000</div>`,
    );
    select(doc, doc.getElementById('s')!);
    const result = captureDocument(doc, url, 'selection');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const markdown = result.capture.blocks[0]!.block.markdown;
    expect(markdown).toContain('Open **bold *both***');
    expect(markdown).toContain('| cell | next |');
    expect(markdown).toContain('- item\n  - inner');
    expect(markdown).toContain('js link [spaced](https://ok.example/a%20b)');
    expect(markdown).toContain('text \\<script> stays text');
    expect(markdown).not.toMatch(/javascript:|alert|onload|inside|p\{\}|!\[/);
  });

  it('captures a page with a detached iframe, and the detached document itself', () => {
    const doc = page('<article><p>Outer text of the page, long enough to read.</p><iframe></iframe></article>');
    const frame = doc.querySelector('iframe')!;
    const inner = frame.contentDocument!;
    inner.body.innerHTML = '<p>Inside the frame.</p>';
    frame.remove();

    const outer = captureDocument(doc, url, 'page');
    expect(outer.ok && outer.capture.blocks[0]!.block.markdown).toContain('Outer text of the page');
    // The document of the removed frame has no window any more: still an answer, not a crash.
    const detached = captureDocument(inner, url, 'auto');
    expect(detached).toMatchObject({ ok: false, code: 'no_selection' });
    const article = captureDocument(inner, url, 'page');
    expect(article.ok ? article.capture.blocks[0]!.block.markdown : article.message).toMatch(
      /Inside the frame|no readable/,
    );
  });

  it('says clearly what failed when the page throws on access', () => {
    const doc = page('<p>Some text.</p>');
    Object.defineProperty(doc, 'getSelection', {
      value: () => {
        throw new TypeError('Selection access blocked by the page');
      },
    });
    const result = captureDocument(doc, url, 'auto');
    expect(result).toMatchObject({ ok: false, code: 'failed' });
    if (!result.ok) expect(result.message).toContain('TypeError: Selection access blocked by the page');

    const silent = page('<p>Some text.</p>');
    Object.defineProperty(silent, 'getSelection', {
      value: () => {
        throw undefined;
      },
    });
    const quiet = captureDocument(silent, url, 'auto');
    expect(quiet).toMatchObject({ ok: false, code: 'failed' });
    if (!quiet.ok) expect(quiet.message).not.toMatch(/undefined/);
  });

  it('says clearly what failed when an element of a chat thread throws', () => {
    const doc = page(
      '<title>t</title><article data-testid="conversation-turn-1"><div data-message-author-role="assistant"><div class="markdown"><p id="bad">x</p></div></div></article>',
      chatUrl,
    );
    Object.defineProperty(doc.getElementById('bad')!, 'localName', {
      get() {
        throw new Error('Permission denied to access property "localName"');
      },
    });
    const result = captureDocument(doc, chatUrl, 'auto');
    expect(result).toMatchObject({ ok: false, code: 'failed' });
    if (!result.ok) expect(result.message).toContain('Permission denied to access property "localName"');
  });

  it('says so when a capture is more than a Halo can hold', () => {
    const doc = page('<div id="s"></div>');
    doc.getElementById('s')!.textContent = 'word '.repeat(420_000);
    select(doc, doc.getElementById('s')!);
    const big = captureDocument(doc, url, 'selection');
    expect(big).toMatchObject({ ok: false, code: 'too_large' });
    if (!big.ok) expect(big.message).toMatch(/2,099,999 characters; a Halo holds at most 2,000,000/);
  });

  // jsdom needs a few seconds to build 5,001 turns on a loaded machine: a bound, not a speed test.
  it('says so when a thread has more turns than a Halo holds', { timeout: 60_000 }, () => {
    const turns = Array.from(
      { length: 5_001 },
      (_, i) =>
        `<article data-testid="conversation-turn-${i}"><div data-message-author-role="assistant"><div class="markdown"><p>${i}</p></div></div></article>`,
    ).join('');
    const thread = captureDocument(page(`<title>long</title>${turns}`, chatUrl), chatUrl, 'auto');
    expect(thread).toMatchObject({ ok: false, code: 'too_large' });
    if (!thread.ok) expect(thread.message).toMatch(/5,001 parts; a Halo holds at most 5,000/);
  });
});
