import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import { moveCodeLabels } from '@/lib/capture/chat/code-labels';
import { reasoningAfterToggle } from '@/lib/capture/chat/reasoning-toggle';

// Grok has only utility classes: the most fragile markers of all supported sites, so both the
// container shape and the bubble must be present.
const MESSAGE = 'div.relative.group.flex.flex-col.justify-center.w-full';

function messages(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(MESSAGE)).filter((m) => m.querySelector('.message-bubble'));
}

const isUser = (message: Element) => message.classList.contains('items-end');

/** The bubble, with the images the user attached (shown above it, outside the bubble). */
function contentOf(message: Element, bubble: Element, doc: Document): HTMLElement {
  const content = doc.createElement('div');
  content.appendChild(bubble.cloneNode(true));
  // The language is a label in the code viewer's header bar.
  moveCodeLabels(content, '[data-testid="code-block"]', '.font-mono');
  for (const img of Array.from(message.querySelectorAll('img')))
    if (!bubble.contains(img)) content.appendChild(img.cloneNode(true));
  return content;
}

export const grok: ChatAdapter = {
  site: 'grok',
  matchesUrl: (url) => url.hostname === 'grok.com' || url.hostname.endsWith('.grok.com'),
  menuPatterns: ['https://grok.com/*'],
  signals: {
    // The bubble's side is all Grok marks: the user's on the right (items-end), Grok's on the left.
    user: ['.items-end > .message-bubble', '.items-end .message-bubble'],
    assistant: ['.items-start .message-bubble', '.response-content-markdown'],
    assistantName: 'Grok',
  },
  recognises: (doc) => messages(doc).length > 0,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = messages(doc).map((message) => {
      const bubble = message.querySelector('.message-bubble') as HTMLElement;
      const content = contentOf(message, bubble, doc);
      if (isUser(message)) {
        const plainText = (bubble.innerText ?? bubble.textContent ?? '').replace(/\u200b/g, '');
        return { role: 'user', author: 'You', content, plainText };
      }
      const turn: ChatTurn = { role: 'assistant', author: 'Grok', content };
      // "Thought for 8s" sits above the bubble, its thoughts right after the toggle.
      const reasoning = reasoningAfterToggle(message, doc, (node) => node.contains(bubble));
      if (reasoning) turn.reasoning = reasoning;
      return turn;
    });
    // "Title - Grok" in a chat, "Title | Shared Grok Conversation" on a share page.
    const title = doc.title.replace(/\s*[-–—|]\s*(Shared )?Grok( Conversation)?\s*$/i, '').trim();
    const first =
      turns
        .find((t) => t.role === 'user')
        ?.plainText?.trim()
        .split('\n')[0] ?? '';
    const model = doc.querySelector('#model-select-trigger, button[aria-label="Model select"]')?.textContent?.trim();
    return {
      title: title && title !== 'Grok' ? title : first.slice(0, 80) || 'Grok conversation',
      ...(model ? { model } : {}),
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
