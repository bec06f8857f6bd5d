import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import { moveCodeLabels } from '@/lib/capture/chat/code-labels';

const ANSWER = 'div[id^="markdown-content-"] > div[data-renderer="lm"], div[id^="markdown-content-"]';
const QUESTION = 'span.select-text';

/** Each question and its answer share one <section>. */
function sections(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll('section')).filter(
    (s) => s.querySelector(QUESTION) || s.querySelector(ANSWER),
  );
}

export const perplexity: ChatAdapter = {
  site: 'perplexity',
  matchesUrl: (url) => url.hostname === 'www.perplexity.ai' || url.hostname === 'perplexity.ai',
  menuPatterns: ['https://www.perplexity.ai/*', 'https://perplexity.ai/*'],
  signals: {
    user: ['span.select-text', '[class*="group/query"]'],
    assistant: ['div[id^="markdown-content-"]', '[data-renderer="lm"]'],
    assistantName: 'Perplexity',
  },
  recognises: (doc) =>
    doc.querySelector(`section ${QUESTION}`) !== null && doc.querySelector(`section ${ANSWER}`) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = [];
    let model: string | undefined;
    for (const section of sections(doc)) {
      const question = section.querySelector(QUESTION);
      if (question) {
        const text = (question.textContent ?? '').replace(/\u200b/g, '').trim();
        turns.push({ role: 'user', author: 'You', content: question as HTMLElement, plainText: text });
      }
      const answer = section.querySelector(ANSWER);
      if (answer) {
        const content = answer.cloneNode(true) as HTMLElement;
        moveCodeLabels(content, 'pre', '[data-testid="code-language-indicator"]');
        // Older answers cite by number ("1"): keep the number visible as a reference, "[1]".
        for (const cite of Array.from(content.querySelectorAll('a.citation')))
          if (/^\s*\d+\s*$/.test(cite.textContent ?? '')) cite.textContent = `[${cite.textContent!.trim()}]`;
        // "Prepared by <model>" closes an answer: it is chrome, but it names the model.
        for (const el of Array.from(content.querySelectorAll('p, div, span'))) {
          const prepared = /^\s*Prepared by\s+(.+?)\s*$/i.exec(el.textContent ?? '');
          if (prepared && el.children.length === 0) {
            model ??= prepared[1];
            el.remove();
          }
        }
        turns.push({ role: 'assistant', author: 'Perplexity', content });
      }
    }
    const title = doc.title.replace(/\s*[-–—|]\s*Perplexity\s*$/i, '').trim();
    const first = turns.find((t) => t.role === 'user')?.plainText ?? '';
    return {
      title: title && title !== 'Perplexity' ? title : first.slice(0, 80) || 'Perplexity thread',
      ...(model ? { model } : {}),
      turns,
      warnings: [],
    };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (element?.closest(QUESTION)) return { role: 'user', author: 'You' };
    if (element?.closest('div[id^="markdown-content-"]')) return { role: 'assistant', author: 'Perplexity' };
    return null;
  },
};
