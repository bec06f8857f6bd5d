import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';

const EXCHANGE = '.conversation-container';
const CONTENT = '#extended-response-markdown-content, .model-response-text .markdown, .model-response-text';

function queryText(query: Element): string {
  const lines = Array.from(query.querySelectorAll('.query-text-line'));
  const text = lines.length
    ? lines.map((l) => l.textContent ?? '').join('\n')
    : (query.querySelector('.query-text')?.textContent ?? '');
  return text.replace(/\u200b/g, '').trim();
}

export const gemini: ChatAdapter = {
  site: 'gemini',
  matchesUrl: (url) => url.hostname === 'gemini.google.com',
  recognises: (doc) => doc.querySelector(`${EXCHANGE} user-query, ${EXCHANGE} model-response`) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = [];
    for (const exchange of Array.from(doc.querySelectorAll(EXCHANGE))) {
      const query = exchange.querySelector('user-query');
      if (query)
        turns.push({ role: 'user', author: 'You', content: query as HTMLElement, plainText: queryText(query) });
      const response = exchange.querySelector('model-response');
      if (response) {
        const content = (response.querySelector(CONTENT) ?? response) as HTMLElement;
        turns.push({ role: 'assistant', author: 'Gemini', content });
      }
    }
    const first = turns.find((t) => t.role === 'user')?.plainText?.split('\n')[0] ?? '';
    const title = doc.title.replace(/\s*[-–—|]\s*(Google )?Gemini\s*$/i, '').trim();
    const warnings = /\/app\//.test(doc.location?.pathname ?? '')
      ? [
          'Gemini loads older turns only as you scroll up: if this thread is longer than what was captured, scroll to its top and capture again.',
        ]
      : [];
    return {
      title: title && !/^(Google )?Gemini$/i.test(title) ? title : first.slice(0, 80) || 'Gemini conversation',
      turns,
      warnings,
    };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (element?.closest('user-query')) return { role: 'user', author: 'You' };
    if (element?.closest('model-response')) return { role: 'assistant', author: 'Gemini' };
    return null;
  },
};
