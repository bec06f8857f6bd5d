import type { ChatAdapter } from '@/lib/capture/chat/chat-adapter';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import { escapePlainText } from '@/lib/capture/markdown/escape-markdown';
import { sourceOf } from '@/lib/capture/source';
import type { CaptureResult, CapturedBlock } from '@/lib/capture/types';

const ZERO_WIDTH = /\u200b|\u200c|\u200d|\ufeff/g;

function toMarkdown(content: Node | readonly Node[], url: string): string {
  return domToMarkdown(content, url).replace(ZERO_WIDTH, '').trim();
}

/** A whole chat thread: every turn in order with its speaker; reasoning apart and left out by default. */
export function captureChat(doc: Document, url: string, adapter: ChatAdapter, now: Date): CaptureResult {
  const layoutChanged: CaptureResult = {
    ok: false,
    code: 'unrecognised_layout',
    message: `This ${adapter.site} page's layout is not one Halo recognises (the site may have changed). Capture it as an article instead, or select the part to share.`,
  };
  if (!adapter.recognises(doc)) return layoutChanged;
  const thread = adapter.readThread(doc);
  if (thread.turns.length === 0) return layoutChanged;

  const blocks: CapturedBlock[] = [];
  for (const turn of thread.turns) {
    if (turn.reasoning) {
      const markdown = toMarkdown(turn.reasoning, url);
      if (markdown) blocks.push({ block: { type: 'reasoning', author: turn.author, markdown }, included: false });
    }
    let markdown: string;
    if (turn.plainText !== undefined) {
      // What the user typed, as typed: Markdown characters escaped, line breaks kept.
      markdown = escapePlainText(turn.plainText);
      const images = ([] as readonly Element[])
        .concat(turn.content)
        .flatMap((part) => (part.localName === 'img' ? [part] : Array.from(part.querySelectorAll('img'))));
      const pictures = images.length ? toMarkdown(images, url) : '';
      markdown = [markdown, pictures].filter(Boolean).join('\n\n');
    } else {
      markdown = toMarkdown(turn.content, url);
    }
    // An empty-looking turn is still a turn: it is kept, so the thread's order stays true.
    blocks.push({ block: { type: 'message', role: turn.role, author: turn.author, markdown }, included: true });
  }
  const source = sourceOf(doc, url, now, adapter.site);
  return {
    ok: true,
    capture: {
      kind: 'chat',
      title: thread.title,
      source: { ...source, ...(thread.model ? { model: thread.model } : {}) },
      blocks,
      warnings: thread.warnings,
    },
  };
}
