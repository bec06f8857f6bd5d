import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';

const USER = '[data-testid="user-message"]';
const ASSISTANT = '.font-claude-response, [data-testid="assistant-message"]';
const ANY = `${USER}, ${ASSISTANT}`;
const CONTENT = '.standard-markdown, .font-claude-message';

/** Matched messages in page order, outer ones only (an older layout nests one inside the other). */
function messages(doc: Document): Element[] {
  const all = Array.from(doc.querySelectorAll(ANY));
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
}

function userText(message: Element): string {
  const paragraphs = Array.from(message.querySelectorAll('p'));
  const text = paragraphs.length ? paragraphs.map((p) => p.textContent ?? '').join('\n') : (message.textContent ?? '');
  return text.replace(/\u200b/g, '');
}

export const claude: ChatAdapter = {
  site: 'claude',
  matchesUrl: (url) => url.hostname === 'claude.ai',
  recognises: (doc) => doc.querySelector(USER) !== null && doc.querySelector(ASSISTANT) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = messages(doc).map((message) => {
      if (message.matches(USER))
        return { role: 'user', author: 'You', content: message as HTMLElement, plainText: userText(message) };
      // Thinking and artifact cards sit beside the answer; only the answer's Markdown is taken.
      const content = (message.querySelector(CONTENT) ?? message) as HTMLElement;
      return { role: 'assistant', author: 'Claude', content };
    });
    const heading = doc.querySelector('header .font-tiempos')?.textContent?.trim();
    const title = heading || doc.title.replace(/\s*[-–—]\s*Claude\s*$/, '').trim();
    return { title: title && title !== 'Claude' ? title : 'Claude conversation', turns, warnings: [] };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const message = element?.closest(ANY);
    if (!message) return null;
    return message.matches(USER) ? { role: 'user', author: 'You' } : { role: 'assistant', author: 'Claude' };
  },
};
