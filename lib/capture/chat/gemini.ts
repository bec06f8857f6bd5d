import { say } from '@/lib/capture/say';
import type { ChatAdapter, ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import { moveCodeLabels } from '@/lib/capture/chat/code-labels';

const EXCHANGE = '.conversation-container';
/** A Deep Research report opens in a panel beside the thread; its entry chip stays in the response. */
const REPORT = '#extended-response-markdown-content';
const REPORT_CHIP = 'immersive-entry-chip';

function queryText(query: Element): string {
  const lines = Array.from(query.querySelectorAll('.query-text-line'));
  const text = lines.length
    ? lines.map((l) => l.textContent ?? '').join('\n')
    : (query.querySelector('.query-text')?.textContent ?? '');
  return text.replace(/\u200b/g, '').trim();
}

interface Source {
  href: string;
  title: string;
}

/** The sources a response lists under it, in order: its footnote numbers point into this list. */
function sourcesOf(response: Element): Source[] {
  return Array.from(response.querySelectorAll('browse-item a[href]'), (a) => ({
    href: a.getAttribute('href')!,
    title: (a.querySelector('.title')?.textContent ?? a.textContent ?? '').trim(),
  }));
}

/**
 * Gemini's answer as plain content: code labels onto the code, footnote numbers into links to
 * their sources, images out of their buttons.
 */
function cleanAnswer(markdown: Element, sources: Source[], doc: Document): HTMLElement {
  const content = markdown.cloneNode(true) as HTMLElement;
  moveCodeLabels(content, 'code-block', '.code-block-decoration > span');
  for (const footnote of Array.from(content.querySelectorAll('source-footnote'))) {
    const index = Number(footnote.querySelector('[data-turn-source-index]')?.getAttribute('data-turn-source-index'));
    const source = sources[index - 1];
    // Without a listed source (a report cites its own "Works cited"), the number stays as text.
    const link = doc.createElement(source ? 'a' : 'span');
    if (source) link.setAttribute('href', source.href);
    link.textContent = index ? `[${index}]` : '';
    footnote.replaceWith(link);
  }
  // A generated image is a button that opens it larger: the shared pipeline drops buttons.
  for (const image of Array.from(content.querySelectorAll('single-image'))) {
    const img = image.querySelector('img');
    if (img) image.replaceWith(img);
  }
  return content;
}

/** "Sources:" and a numbered list of links, as the page lists them under the answer. */
function sourceList(sources: Source[], doc: Document): HTMLElement[] {
  if (sources.length === 0) return [];
  const heading = doc.createElement('p');
  heading.textContent = 'Sources:';
  const list = doc.createElement('ol');
  for (const { href, title } of sources) {
    const link = list.appendChild(doc.createElement('li')).appendChild(doc.createElement('a'));
    link.href = href;
    link.textContent = title || href;
  }
  return [heading, list];
}

/** The report panel belongs to the response whose chip names it (or, failing that, the last chip). */
function reportFor(response: Element, doc: Document): Element | null {
  const report = doc.querySelector(REPORT);
  const chip = response.querySelector(REPORT_CHIP);
  if (!report || !chip || response.contains(report)) return null;
  const chips = Array.from(doc.querySelectorAll(REPORT_CHIP));
  const heading = report.querySelector('h1')?.textContent?.trim();
  const named = chips.find((c) => heading && c.querySelector('.title-text')?.textContent?.trim() === heading);
  return (named ?? chips[chips.length - 1]) === chip ? report : null;
}

function answerOf(response: Element, doc: Document): HTMLElement {
  const content = doc.createElement('div');
  const text =
    response.querySelector(REPORT) ??
    response.querySelector('.model-response-text .markdown') ??
    response.querySelector('.model-response-text');
  const sources = sourcesOf(response);
  for (const part of [text, reportFor(response, doc)]) if (part) content.appendChild(cleanAnswer(part, sources, doc));
  if (!content.hasChildNodes()) content.appendChild(response.cloneNode(true));
  content.append(...sourceList(sources, doc));
  return content;
}

/** Said with every capture of a thread in the app; "Load the whole thread" replaces it (issue 11). */
export const geminiOlderTurns = (): string => say('warning.geminiOlder');

export const gemini: ChatAdapter = {
  site: 'gemini',
  matchesUrl: (url) => url.hostname === 'gemini.google.com',
  menuPatterns: ['https://gemini.google.com/*'],
  signals: {
    user: ['user-query', '.query-text', '.user-query-bubble-with-background'],
    assistant: ['model-response', '.model-response-text', 'message-content'],
    assistantName: 'Gemini',
  },
  recognises: (doc) => doc.querySelector(`${EXCHANGE} user-query, ${EXCHANGE} model-response`) !== null,

  readThread(doc): ChatThread {
    const turns: ChatTurn[] = [];
    for (const exchange of Array.from(doc.querySelectorAll(EXCHANGE))) {
      const query = exchange.querySelector('user-query');
      if (query)
        turns.push({ role: 'user', author: 'You', content: query as HTMLElement, plainText: queryText(query) });
      const response = exchange.querySelector('model-response');
      if (response) {
        const turn: ChatTurn = { role: 'assistant', author: 'Gemini', content: answerOf(response, doc) };
        // "Show thinking": the thoughts are a Markdown panel of their own, before the answer.
        const thoughts = response.querySelector('model-thoughts .markdown');
        if (thoughts?.textContent?.trim()) turn.reasoning = thoughts as HTMLElement;
        turns.push(turn);
      }
    }
    const first = turns.find((t) => t.role === 'user')?.plainText?.split('\n')[0] ?? '';
    // "Title - Gemini" in the app, "Gemini - Title" on a share page, with a stray direction mark.
    const title = doc.title
      .replace(/[\u200e\u200f]/g, '')
      .replace(/\s*[-–—|]\s*(Google )?Gemini\s*$/i, '')
      .replace(/^\s*(Google )?Gemini\s*[-–—|]\s*/i, '')
      .trim();
    // The model picker in the app; "Created with <model>" on a share page.
    const model = doc
      .querySelector('bard-mode-switcher .logo-pill-label-container, .share-metadata .model-name')
      ?.textContent?.trim();
    const warnings = /\/app\//.test(doc.location?.pathname ?? '') ? [geminiOlderTurns()] : [];
    return {
      title: title && !/^(Google )?Gemini$/i.test(title) ? title : first.slice(0, 80) || 'Gemini conversation',
      ...(model ? { model } : {}),
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
