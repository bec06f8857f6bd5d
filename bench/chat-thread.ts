/**
 * A generated ChatGPT-style thread for benches: every answer has a CodeMirror block, a table,
 * KaTeX, a citation and UI chrome, in wrappers with the long utility-class lists the real page has
 * (2,000 messages: about 5 MB and 170,000 nodes, as issue 3 measures).
 */
const TURN_CLASS =
  'text-token-text-primary w-full focus:outline-none scroll-mt-(--header-height) [content-visibility:auto] supports-[content-visibility:auto]:[contain-intrinsic-size:auto_100lvh]';
const WRAP_CLASS =
  'text-base my-auto mx-auto pt-3 [--thread-content-margin:--spacing(4)] @[37rem]:[--thread-content-margin:--spacing(6)] @[72rem]:[--thread-content-margin:--spacing(16)] px-(--thread-content-margin)';
const COLUMN_CLASS =
  '[--thread-content-max-width:40rem] @[64rem]:[--thread-content-max-width:48rem] mx-auto max-w-(--thread-content-max-width) flex-1 group/turn-messages focus-visible:outline-hidden relative flex w-full min-w-0 flex-col agent-turn';

export function chatgptThread(messages: number): string {
  const turns: string[] = [];
  for (let i = 0; i < messages; i++) {
    if (i % 2 === 0) {
      turns.push(
        `<article class="${TURN_CLASS}" data-testid="conversation-turn-${i + 1}"><h5 class="sr-only">You said:</h5><div class="${WRAP_CLASS}"><div class="${COLUMN_CLASS}"><div data-message-author-role="user" data-message-id="u${i}"><div class="whitespace-pre-wrap">Question ${i}: how do I sort *this* list?\nIt has ${i} items.</div></div></div></div><div class="flex justify-end"><button class="text-token-text-secondary hover:bg-token-bg-secondary rounded-lg" data-testid="copy-turn-action-button"><svg width="20" height="20" viewBox="0 0 20 20"><path d="M12.7 2.5H7.3a2 2 0 0 0-2 2v8.2"></path></svg></button></div></article>`,
      );
      continue;
    }
    const lines = Array.from(
      { length: 8 },
      (_, n) =>
        `<div class="cm-line"><span class="tok-keyword">let</span> v${n} = items.<span class="tok-def">map</span>((x) =&gt; x * ${n});</div>`,
    ).join('');
    turns.push(`<article class="${TURN_CLASS}" data-testid="conversation-turn-${i + 1}"><h6 class="sr-only">ChatGPT said:</h6><div class="${WRAP_CLASS}"><div class="${COLUMN_CLASS}"><div class="flex max-w-full flex-col grow"><div data-message-author-role="assistant" data-message-id="a${i}" data-message-model-slug="gpt-5" class="min-h-8 text-message relative flex w-full flex-col items-end gap-2 text-start break-words whitespace-normal"><div class="flex w-full flex-col gap-1 empty:hidden first:pt-[1px]"><div class="markdown prose dark:prose-invert w-full break-words light markdown-new-styling">
<p>Answer ${i} uses <strong>sorted</strong> with <code>key=len</code>, which costs <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>O</mi></mrow><annotation encoding="application/x-tex">O(n \\log n)</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">O</span><span class="mopen">(</span><span class="mord">n</span><span class="strut" style="height:1em;vertical-align:-0.25em;"></span><span class="mop">lo<span style="margin-right:0.01389em;">g</span></span><span class="mspace" style="margin-right:0.1667em;"></span><span class="mord mathnormal">n</span><span class="mclose">)</span></span></span></span>.</p>
<pre><div class="contain-inline-size"><div class="flex items-center"><svg></svg>javascript</div><div class="sticky"><button>Copy code</button></div><div class="overflow-y-auto p-4"><div class="cm-editor"><div class="cm-scroller"><div class="cm-content">${lines}</div></div></div></div></div></pre>
<table><thead><tr><th>n</th><th>time</th></tr></thead><tbody><tr><td>10</td><td>1 ms</td></tr><tr><td>1000</td><td>9 ms</td></tr></tbody></table>
<ul><li><p>stable</p></li><li><p>see <span data-state="closed"><span data-testid="webpage-citation-pill"><a href="https://docs.python.org/3/howto/sorting.html?utm_source=chatgpt.com">docs.python.org<span>+1</span></a></span></span></p></li></ul>
</div></div></div></div></div></div><div class="flex min-h-[46px] justify-start"><button class="text-token-text-secondary hover:bg-token-bg-secondary rounded-lg" data-testid="copy-turn-action-button"><svg width="20" height="20" viewBox="0 0 20 20"><path d="M12.7 2.5H7.3a2 2 0 0 0-2 2v8.2"></path></svg></button><button class="text-token-text-secondary hover:bg-token-bg-secondary rounded-lg" data-testid="good-response-turn-action-button"><svg width="20" height="20" viewBox="0 0 20 20"><path d="M10.9 2.6c.4-.9 1.6-1 2.1-.2"></path></svg></button></div></article>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sorting questions</title></head><body><main>${turns.join('\n')}</main></body></html>`;
}
