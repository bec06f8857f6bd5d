import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';

// Grok has only utility classes: the most fragile markers of all supported sites, so both the
// container shape and the bubble must be present.
const MESSAGE = 'div.relative.group.flex.flex-col.justify-center.w-full';

function messages(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(MESSAGE)).filter((m) => m.querySelector('.message-bubble'));
}

const isUser = (message: Element) => message.classList.contains('items-end');

export const grok: ChatAdapter = {
  site: 'grok',
  matchesUrl: (url) => url.hostname === 'grok.com' || url.hostname.endsWith('.grok.com'),
  recognises: (doc) => messages(doc).length > 0,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = messages(doc).map((message) => {
      const bubble = message.querySelector('.message-bubble') as HTMLElement;
      if (isUser(message)) {
        return {
          role: 'user',
          author: 'You',
          content: bubble,
          plainText: (bubble.innerText ?? bubble.textContent ?? '').replace(/\u200b/g, ''),
        };
      }
      return { role: 'assistant', author: 'Grok', content: bubble };
    });
    const title = doc.title.replace(/\s*[-–—|]\s*Grok\s*$/i, '').trim();
    const first =
      turns
        .find((t) => t.role === 'user')
        ?.plainText?.trim()
        .split('\n')[0] ?? '';
    return {
      title: title && title !== 'Grok' ? title : first.slice(0, 80) || 'Grok conversation',
      turns,
      warnings: [],
    };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const message = element?.closest(MESSAGE);
    if (!message) return null;
    return isUser(message) ? { role: 'user', author: 'You' } : { role: 'assistant', author: 'Grok' };
  },
};
