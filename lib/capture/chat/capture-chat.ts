import { say, sayCount } from '@/lib/capture/say';
import type { ChatAdapter, ChatThread } from '@/lib/capture/chat/chat-adapter';
import { GENERIC_THRESHOLD, readGenericChat } from '@/lib/capture/chat/generic-reader';
import { domToMarkdown, type ConvertOptions } from '@/lib/capture/markdown/dom-to-markdown';
import { escapePlainText } from '@/lib/capture/markdown/escape-markdown';
import { sourceOf } from '@/lib/capture/source';
import type { CaptureReader, CaptureResult, CapturedBlock } from '@/lib/capture/types';

const ZERO_WIDTH = /\u200b|\u200c|\u200d|\ufeff/g;

function toMarkdown(content: Node | readonly Node[], url: string, options?: ConvertOptions): string {
  return domToMarkdown(content, url, options).replace(ZERO_WIDTH, '').trim();
}

/** A turn's images that are content: in `part` or below it, and not left out. */
function imagesOf(part: Element, skip: ((el: Element) => boolean) | undefined): Element[] {
  const images = part.localName === 'img' ? [part] : Array.from(part.querySelectorAll('img'));
  if (!skip) return images;
  return images.filter((img) => {
    for (let node: Element | null = img; node && node !== part; node = node.parentElement) if (skip(node)) return false;
    return part.localName !== 'img' || !skip(part);
  });
}

function unrecognised(site: string): CaptureResult {
  return {
    ok: false,
    code: 'unrecognised_layout',
    message: `This ${site} page's layout is not one Halo recognises (the site may have changed). Capture it as an article instead, or select the part to share.`,
  };
}

/**
 * A whole chat thread, read in layers: the site's adapter (today's markup and the earlier ones it
 * knows), then the generic reader with the site's own signals. A reading that is not sure enough
 * is never passed off as the thread: the user gets the clear message and the article offer.
 */
export function captureChat(doc: Document, url: string, adapter: ChatAdapter, now: Date): CaptureResult {
  if (adapter.recognises(doc)) {
    const thread = adapter.readThread(doc);
    if (thread.turns.length > 0) return chatResult(doc, url, adapter.site, thread, now, { layer: 'site' });
  }
  const generic = readGenericChat(doc, adapter.signals);
  if (!generic || generic.confidence < GENERIC_THRESHOLD) return unrecognised(adapter.site);
  // Named by the site's own signals (its earlier markups), or by signals any chat shares.
  const layer = generic.signals.includes('site') ? 'site-signals' : 'generic';
  // Said with every thread the generic reader read: its speakers are a guess (house rule 11).
  const thread = { ...generic.thread, warnings: [say('warning.genericChat'), ...generic.thread.warnings] };
  return chatResult(doc, url, adapter.site, thread, now, {
    layer,
    confidence: generic.confidence,
    signals: generic.signals,
  });
}

/** A page on a site without an adapter, read as a chat when the generic reader is sure enough; else null. */
export function captureGenericChat(doc: Document, url: string, now: Date): CaptureResult | null {
  const generic = readGenericChat(doc);
  if (!generic || generic.confidence < GENERIC_THRESHOLD) return null;
  const messages = generic.thread.turns.length;
  const thread = {
    ...generic.thread,
    warnings: [say('warning.genericChatOf', messages, [sayCount(messages)]), ...generic.thread.warnings],
  };
  return chatResult(doc, url, undefined, thread, now, {
    layer: 'generic',
    confidence: generic.confidence,
    signals: generic.signals,
  });
}

function chatResult(
  doc: Document,
  url: string,
  site: string | undefined,
  thread: ChatThread,
  now: Date,
  reader: CaptureReader,
): CaptureResult {
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
      const images = ([] as readonly Element[]).concat(turn.content).flatMap((part) => imagesOf(part, turn.skip));
      const pictures = images.length ? toMarkdown(images, url) : '';
      markdown = [markdown, pictures].filter(Boolean).join('\n\n');
    } else {
      markdown = toMarkdown(turn.content, url, { skip: turn.skip, codeLanguages: turn.codeLanguages });
    }
    // An empty-looking turn is still a turn: it is kept, so the thread's order stays true.
    blocks.push({ block: { type: 'message', role: turn.role, author: turn.author, markdown }, included: true });
  }
  const source = sourceOf(doc, url, now, site);
  return {
    ok: true,
    capture: {
      kind: 'chat',
      title: thread.title,
      source: { ...source, ...(thread.model ? { model: thread.model } : {}) },
      blocks,
      warnings: thread.warnings,
      reader,
    },
  };
}
