/** A generated ChatGPT-style thread for benches: every answer has a CodeMirror block, a table, KaTeX, a citation and UI chrome. */
export function chatgptThread(messages: number): string {
  const turns: string[] = [];
  for (let i = 0; i < messages; i++) {
    if (i % 2 === 0) {
      turns.push(
        `<article data-testid="conversation-turn-${i + 1}"><h5 class="sr-only">You said:</h5><div data-message-author-role="user" data-message-id="u${i}"><div class="whitespace-pre-wrap">Question ${i}: how do I sort *this* list?\nIt has ${i} items.</div></div><div><button data-testid="copy-turn-action-button">Copy</button></div></article>`,
      );
      continue;
    }
    const lines = Array.from(
      { length: 8 },
      (_, n) =>
        `<div class="cm-line"><span class="tok-keyword">let</span> v${n} = items.<span class="tok-def">map</span>((x) =&gt; x * ${n});</div>`,
    ).join('');
    turns.push(`<article data-testid="conversation-turn-${i + 1}"><h6 class="sr-only">ChatGPT said:</h6><div data-message-author-role="assistant" data-message-id="a${i}" data-message-model-slug="gpt-5"><div class="markdown prose">
<p>Answer ${i} uses <strong>sorted</strong> with <code>key=len</code>, which costs <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>O</mi></mrow><annotation encoding="application/x-tex">O(n \\log n)</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">O</span><span class="mopen">(</span><span class="mord">n</span><span class="mclose">)</span></span></span></span>.</p>
<pre><div class="contain-inline-size"><div class="flex items-center"><svg></svg>javascript</div><div class="sticky"><button>Copy code</button></div><div class="overflow-y-auto p-4"><div class="cm-editor"><div class="cm-scroller"><div class="cm-content">${lines}</div></div></div></div></div></pre>
<table><thead><tr><th>n</th><th>time</th></tr></thead><tbody><tr><td>10</td><td>1 ms</td></tr><tr><td>1000</td><td>9 ms</td></tr></tbody></table>
<ul><li><p>stable</p></li><li><p>see <span data-state="closed"><span data-testid="webpage-citation-pill"><a href="https://docs.python.org/3/howto/sorting.html?utm_source=chatgpt.com">docs.python.org<span>+1</span></a></span></span></p></li></ul>
</div></div><div><button data-testid="copy-turn-action-button">Copy</button><button data-testid="good-response-turn-action-button">Good</button></div></article>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sorting questions</title></head><body><main>${turns.join('\n')}</main></body></html>`;
}
