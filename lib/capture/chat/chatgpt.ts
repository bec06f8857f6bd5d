import { say } from '@/lib/capture/say';
import type { Role } from '@/lib/halo/schema';
import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import { reasoningAfterToggle } from '@/lib/capture/chat/reasoning-toggle';

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
function reasoningOf(turn: Element, doc: Document): HTMLElement | undefined {
  return reasoningAfterToggle(turn, doc, (node) => node.matches(MESSAGE) || node.querySelector(MESSAGE) !== null);
}

/** What the user typed (older layouts put it straight in the message element), then any files attached. */
function userText(message: Element): string {
  const typed = (message.querySelector('.whitespace-pre-wrap') ?? message).textContent ?? '';
  // File chips are labelled groups beside the text: the file's name is all the page shows of it.
  const files = Array.from(message.querySelectorAll('[role="group"][aria-label]'), (chip) => {
    return `📎 ${chip.getAttribute('aria-label')}`;
  });
  return [typed.replace(/\u200b/g, '').trim(), ...files].filter(Boolean).join('\n');
}

/** Turns are numbered in the page: a gap means some were not loaded (or were removed) when captured. */
function missingTurns(turns: Element[]): string[] {
  const numbers = turns.map((t) => Number(/(\d+)$/.exec(t.getAttribute('data-testid') ?? '')?.[1]));
  if (!numbers.some((n, i) => i > 0 && n - numbers[i - 1]! > 1)) return [];
  return [say('warning.chatgptMissing')];
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

export const chatgpt: ChatAdapter = {
  site: 'chatgpt',
  matchesUrl: (url) => /(^|\.)chatgpt\.com$|(^|\.)chat\.openai\.com$/.test(url.hostname),
  menuPatterns: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
  signals: {
    // The 2024–2025 markers, each alone enough: the role attribute, the user's bubble, the answer's prose.
    user: ['[data-message-author-role="user"]', 'div.whitespace-pre-wrap'],
    assistant: ['[data-message-author-role="assistant"]', '[data-message-model-slug]', '.markdown.prose'],
    assistantName: 'ChatGPT',
  },
  recognises: (doc) => doc.querySelector(`${TURN} ${MESSAGE}`) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = [];
    let model: string | undefined;
    const numbered = Array.from(doc.querySelectorAll(TURN));
    for (const turn of numbered) {
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
        entry.plainText = messages.map(userText).join('\n\n');
      }
      const reasoning = role === 'assistant' ? reasoningOf(turn, doc) : undefined;
      if (reasoning) entry.reasoning = reasoning;
      turns.push(entry);
    }
    // "Title - ChatGPT" in a conversation, "ChatGPT - Title" on a share page.
    const pageTitle = doc.title
      .replace(/\s*[-|–]\s*ChatGPT\s*$/i, '')
      .replace(/^\s*ChatGPT\s*[-|–]\s*/i, '')
      .trim();
    const firstQuestion = turns.find((t) => t.role === 'user')?.plainText ?? '';
    return {
      title: pageTitle && pageTitle !== 'ChatGPT' ? pageTitle : firstLine(firstQuestion) || 'ChatGPT conversation',
      ...(model ? { model } : {}),
      turns,
      warnings: missingTurns(numbered),
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
