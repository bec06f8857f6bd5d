import type { ChatAdapter } from '@/lib/capture/chat/chat-adapter';
import { chatgpt } from '@/lib/capture/chat/chatgpt';
import { claude } from '@/lib/capture/chat/claude';
import { gemini } from '@/lib/capture/chat/gemini';
import { grok } from '@/lib/capture/chat/grok';
import { perplexity } from '@/lib/capture/chat/perplexity';

/** Every supported chat site; a new site is one adapter file plus one line here. */
export const CHAT_ADAPTERS: readonly ChatAdapter[] = [chatgpt, claude, gemini, grok, perplexity];

export function adapterForUrl(url: string): ChatAdapter | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return CHAT_ADAPTERS.find((adapter) => adapter.matchesUrl(parsed));
}
