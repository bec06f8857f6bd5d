import { say } from '@/lib/capture/say';
import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import { moveCodeLabels } from '@/lib/capture/chat/code-labels';
import { reasoningAfterToggle, reasoningToggle } from '@/lib/capture/chat/reasoning-toggle';

const USER = '[data-testid="user-message"]';
const ASSISTANT = '.font-claude-response, [data-testid="assistant-message"]';
const ANY = `${USER}, ${ASSISTANT}`;
const CONTENT = '.standard-markdown, .font-claude-message';
const ARTIFACT = '.artifact-block-cell';

/**
 * Matched messages in page order, outer ones only (an older layout nests one inside the other),
 * and never the composer's model picker, which borrows the response font.
 */
function messages(doc: Document): Element[] {
  const all = Array.from(doc.querySelectorAll(ANY)).filter((el) => !el.closest('button, fieldset'));
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
}

function userText(message: Element): string {
  const paragraphs = Array.from(message.querySelectorAll('p'));
  const text = paragraphs.length ? paragraphs.map((p) => p.textContent ?? '').join('\n') : (message.textContent ?? '');
  return text.replace(/\u200b/g, '');
}

/** The user's message with the files attached to it, which the page shows just above it. */
function userContent(message: Element, doc: Document): HTMLElement {
  const content = doc.createElement('div');
  content.appendChild(message.cloneNode(true));
  const exchange = message.closest('[data-test-render-count]');
  for (const img of Array.from(exchange?.querySelectorAll('img') ?? []))
    if (!message.contains(img)) content.appendChild(img.cloneNode(true));
  return content;
}

/** An artifact's title and kind ("Posterior plot", "Code · Python"): the card's innermost lines. */
function artifactName(cell: Element): { title: string; kind: string } {
  const lines = Array.from(cell.querySelectorAll('div'))
    .filter((d) => d.children.length === 0)
    .map((d) => d.textContent?.trim() ?? '')
    .filter(Boolean);
  return { title: lines[0] ?? 'Untitled', kind: lines[1] ?? '' };
}

/**
 * The answer: every Markdown part of the response in order (a response is split around its
 * artifacts), and a line naming each artifact, whose content is not in the thread.
 */
function answerOf(response: Element, doc: Document, thinking: Element | undefined, artifacts: string[]): HTMLElement {
  const content = doc.createElement('div');
  const parts = Array.from(response.querySelectorAll(`${CONTENT}, ${ARTIFACT}`)).filter(
    (el) => !thinking?.contains(el) && !el.parentElement?.closest(CONTENT),
  );
  if (parts.length === 0) parts.push(response);
  for (const part of parts) {
    if (part.matches(ARTIFACT)) {
      const { title, kind } = artifactName(part);
      artifacts.push(title);
      const note = doc.createElement('p');
      note.appendChild(doc.createElement('em')).textContent = `Artifact: ${title}${kind ? ` (${kind})` : ''}`;
      content.appendChild(note);
      continue;
    }
    const clone = part.cloneNode(true) as HTMLElement;
    // The language label sits above the code, in the viewer's wrapper.
    moveCodeLabels(clone, '[class*="group/copy"]', '.text-text-500');
    content.appendChild(clone);
  }
  return content;
}

export const claude: ChatAdapter = {
  site: 'claude',
  matchesUrl: (url) => url.hostname === 'claude.ai',
  menuPatterns: ['https://claude.ai/*'],
  signals: {
    // Today's and the 2024 markers (font-user-message, font-claude-message).
    user: ['[data-testid="user-message"]', '.font-user-message'],
    assistant: [
      '.font-claude-response',
      '[data-testid="assistant-message"]',
      '.font-claude-message',
      '.standard-markdown',
    ],
    assistantName: 'Claude',
  },
  recognises: (doc) => doc.querySelector(USER) !== null && messages(doc).some((m) => m.matches(ASSISTANT)),

  readThread(doc): ChatThread {
    const artifacts: string[] = [];
    const turns: ChatTurn[] = messages(doc).map((message) => {
      if (message.matches(USER))
        return { role: 'user', author: 'You', content: userContent(message, doc), plainText: userText(message) };
      // The thinking card is a button and, after it, what it reveals.
      const thinking = reasoningToggle(message)?.parentElement ?? undefined;
      const turn: ChatTurn = {
        role: 'assistant',
        author: 'Claude',
        content: answerOf(message, doc, thinking, artifacts),
      };
      const reasoning = thinking && reasoningAfterToggle(thinking, doc);
      if (reasoning) turn.reasoning = reasoning;
      return turn;
    });
    const heading = doc.querySelector('header .font-tiempos')?.textContent?.trim();
    const title = heading || doc.title.replace(/\s*[-–—]\s*Claude\s*$/, '').trim();
    const model = doc.querySelector('[data-testid="model-selector-dropdown"]')?.textContent?.trim();
    const warnings = artifacts.map((name) => say('warning.claudeArtifact', [name]));
    if (doc.querySelector('[data-is-streaming="true"]')) warnings.push(say('warning.claudeWriting'));
    return {
      title: title && title !== 'Claude' ? title : 'Claude conversation',
      ...(model ? { model } : {}),
      turns,
      warnings,
    };
  },

  speakerOf(node) {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const message = element?.closest(ANY);
    if (!message || message.closest('button, fieldset')) return null;
    return message.matches(USER) ? { role: 'user', author: 'You' } : { role: 'assistant', author: 'Claude' };
  },
};
