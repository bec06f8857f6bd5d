import type { Role } from '@/lib/halo/schema';
import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';

const TURN = '[data-testid^="conversation-turn-"]';
const MESSAGE = '[data-message-author-role]';
const ROLES: readonly Role[] = ['user', 'assistant', 'system', 'tool'];

function roleOf(message: Element): Role {
  const role = message.getAttribute('data-message-author-role') as Role;
  return ROLES.includes(role) ? role : 'assistant';
}

/** "You said:" / "ChatGPT said:" (sr-only headings, in the UI language) to "You" / "ChatGPT". */
function labelOf(turn: Element, role: Role): string {
  const heading = turn
    .querySelector('h4.sr-only, h5.sr-only, h6.sr-only')
    ?.textContent?.replace(/\u200b/g, '')
    .trim();
  const label = heading
    ?.replace(/\s*(said|dijo|a dit|sagte|ha detto|disse)\s*:?\s*$/i, '')
    .replace(/:$/, '')
    .trim();
  if (label) return label.slice(0, 100);
  return role === 'user' ? 'You' : role === 'assistant' ? 'ChatGPT' : role === 'tool' ? 'Tool' : 'System';
}

/**
 * Reasoning sits between an assistant turn's message elements, after a "Thought for 12s" toggle;
 * its expanded content is what follows the toggle outside any message element.
 */
function reasoningOf(turn: Element): Element[] | undefined {
  const toggle = Array.from(turn.querySelectorAll('button')).find((b) =>
    /^\s*(thought|reasoned) for\b/i.test(b.textContent ?? ''),
  );
  if (!toggle) return undefined;
  const parts: Element[] = [];
  let node: Element | null = toggle.nextElementSibling;
  while (node && !node.matches(MESSAGE) && !node.querySelector(MESSAGE)) {
    parts.push(node);
    node = node.nextElementSibling;
  }
  return parts.some((part) => part.textContent?.trim()) ? parts : undefined;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

export const chatgpt: ChatAdapter = {
  site: 'chatgpt',
  matchesUrl: (url) => /(^|\.)chatgpt\.com$|(^|\.)chat\.openai\.com$/.test(url.hostname),
  recognises: (doc) => doc.querySelector(`${TURN} ${MESSAGE}`) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = [];
    let model: string | undefined;
    for (const turn of Array.from(doc.querySelectorAll(TURN))) {
      const messages = Array.from(turn.querySelectorAll(MESSAGE));
      if (messages.length === 0) continue;
      const role = roleOf(messages[0]!);
      model ??= messages.map((m) => m.getAttribute('data-message-model-slug')).find(Boolean) ?? undefined;
      // One assistant turn can be split around its reasoning: its message elements merge, in order.
      const content: Element[] = [];
      for (const message of messages) {
        const body = message.querySelector('.markdown') ?? message.querySelector('.whitespace-pre-wrap') ?? message;
        content.push(body);
        // Images and files the user attached sit beside the text, not inside it.
        if (body !== message) {
          for (const img of Array.from(message.querySelectorAll('img'))) if (!body.contains(img)) content.push(img);
        }
      }
      const entry: ChatTurn = { role, author: labelOf(turn, role), content };
      if (role === 'user') {
        entry.plainText = messages
          .map((m) => m.querySelector('.whitespace-pre-wrap')?.textContent ?? '')
          .join('\n\n')
          .replace(/\u200b/g, '');
      }
      const reasoning = role === 'assistant' ? reasoningOf(turn) : undefined;
      if (reasoning) entry.reasoning = reasoning;
      turns.push(entry);
    }
    const pageTitle = doc.title.replace(/\s*[-|–]\s*ChatGPT\s*$/i, '').trim();
    const firstQuestion = turns.find((t) => t.role === 'user')?.plainText ?? '';
    return {
      title: pageTitle && pageTitle !== 'ChatGPT' ? pageTitle : firstLine(firstQuestion) || 'ChatGPT conversation',
      ...(model ? { model } : {}),
      turns,
      warnings: [],
    };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const message = element?.closest(MESSAGE);
    const turn = element?.closest(TURN);
    if (!message || !turn) return null;
    const role = roleOf(message);
    return { role, author: labelOf(turn, role) };
  },
};
