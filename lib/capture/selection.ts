import type { ChatAdapter } from '@/lib/capture/chat/chat-adapter';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { sourceOf } from '@/lib/capture/source';
import type { Capture } from '@/lib/capture/types';

/**
 * The page's selection as one block, or null when nothing is selected. On a chat page, a selection
 * inside one message keeps that message's speaker.
 */
export function captureSelection(
  doc: Document,
  url: string,
  now: Date = new Date(),
  chat?: ChatAdapter,
): Capture | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  if (!selection.toString().trim()) return null;

  const holder = doc.createElement('div');
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    const fragment = range.cloneContents();
    // A selection inside a code block loses its <pre>: put it back so it stays code.
    const pre = closest(range.commonAncestorContainer, 'pre');
    if (pre) {
      const wrapper = pre.cloneNode(false) as HTMLElement;
      const code = pre.querySelector('code')?.cloneNode(false) ?? doc.createElement('code');
      code.appendChild(fragment);
      wrapper.appendChild(code);
      holder.appendChild(wrapper);
    } else {
      holder.appendChild(fragment);
    }
  }
  const markdown = domToMarkdown(holder, url).replace(/\u200b/g, '');
  if (!markdown) return null;
  const source = sourceOf(doc, url, now, chat?.site);
  const speaker =
    chat && selection.rangeCount === 1 ? chat.speakerOf(selection.getRangeAt(0).commonAncestorContainer) : null;
  return {
    kind: 'selection',
    title: source.title || source.site,
    source,
    blocks: [
      { block: speaker ? { type: 'message', ...speaker, markdown } : { type: 'text', markdown }, included: true },
    ],
    warnings: [],
  };
}

function closest(node: Node, selector: string): Element | null {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(selector) ?? null;
}
