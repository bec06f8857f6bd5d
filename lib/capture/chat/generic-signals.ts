import type { Role } from '@/lib/halo/schema';

/**
 * The speaker signals chat sites really use, as data: the generic reader (generic-reader.ts)
 * reads any page with them, and each adapter adds the ones its site is known for.
 */
export interface SpeakerSignals {
  /** Selectors whose elements belong to the user's turns (earlier markups, site habits). */
  user?: readonly string[];
  /** Selectors whose elements belong to the assistant's turns. */
  assistant?: readonly string[];
  /** The assistant's name as the page shows it ("ChatGPT"): labels, avatars, the author. */
  assistantName?: string;
}

/** Role-like attributes under the names chat UIs give them; their values are read as words. */
export const ROLE_ATTRIBUTES: readonly string[] = [
  'data-message-author-role',
  'data-message-role',
  'data-author-role',
  'data-role',
  'data-author',
  'data-turn',
  'data-turn-role',
  'data-is-user',
  'data-is-bot',
  'data-is-self',
  'data-sender',
  'data-sender-type',
  'data-speaker',
  'data-from',
  'data-message-from',
  'data-participant',
  'data-message-type',
  'data-content',
  'data-testid',
  'data-test-id',
  'data-qa',
];

const USER_WORDS = new Set(['user', 'human', 'me', 'you', 'self', 'mine', 'prompt', 'query', 'question', 'outgoing']);
const ASSISTANT_WORDS = new Set([
  'assistant',
  'bot',
  'chatbot',
  'ai',
  'model',
  'llm',
  'gpt',
  'answer',
  'response',
  'reply',
  'incoming',
  'agent',
]);
/** In class names only the unambiguous words count: "reply", "answer", "model" name other things too. */
const USER_CLASS_WORDS = new Set(['user', 'human', 'prompt', 'query']);
const ASSISTANT_CLASS_WORDS = new Set(['assistant', 'bot', 'chatbot', 'ai', 'llm']);
/** CSS words that contain a role word and say nothing about a speaker. */
const CSS_NOISE = /^(user-select|select-none|user-drag|pointer-events)/i;

/** A value's words: "user-message" → user, message; "humanMessageBubble" → human, message, bubble. */
export function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A role-like attribute's value as a role ("true" of data-is-user is the user). */
export function roleOfAttribute(name: string, value: string): Role | null {
  const v = value.trim().toLowerCase();
  if (/^data-is-(user|self)$/.test(name)) return v === 'true' ? 'user' : v === 'false' ? 'assistant' : null;
  if (name === 'data-is-bot') return v === 'true' ? 'assistant' : v === 'false' ? 'user' : null;
  const words = wordsOf(v);
  // Test ids name many things: only a role word at their start counts ("user-message", not "edit-user").
  const scan = /^data-(test-?id|qa)$/.test(name) ? words.slice(0, 1) : words;
  const user = scan.some((w) => USER_WORDS.has(w));
  const assistant = scan.some((w) => ASSISTANT_WORDS.has(w));
  return user === assistant ? null : user ? 'user' : 'assistant';
}

/** A class list's role, from whole words of its class names only. */
export function roleOfClass(className: string): Role | null {
  let user = false;
  let assistant = false;
  for (const name of className.split(/\s+/)) {
    if (!name || CSS_NOISE.test(name)) continue;
    for (const word of wordsOf(name)) {
      if (USER_CLASS_WORDS.has(word)) user = true;
      else if (ASSISTANT_CLASS_WORDS.has(word)) assistant = true;
    }
  }
  return user === assistant ? null : user ? 'user' : 'assistant';
}

const USER_LABEL =
  /^\s*(you said|you wrote|you asked|your (message|question|prompt|request)|message from you|sent by you|user (message|said|prompt)|(you|user|me|human)\s*[:.]?\s*$|(you|user|me|human)\s*:)/i;
const ASSISTANT_LABEL =
  /^\s*((assistant|ai|bot|model|chatbot)\b|(message|response|answer|reply) from\b)|\b(said|wrote|replied|responded|answered|says)\s*:?\s*$/i;
/** Assistant names chat UIs show in labels and avatars. */
const ASSISTANT_NAMES =
  /\b(chatgpt|gpt-?\d|claude|gemini|copilot|deepseek|mistral|le chat|llama|qwen|grok|perplexity|huggingchat|poe|assistant)\b/i;

/** A speaker label ("You said:", "Your message", "Assistant", "ChatGPT said:") as a role. */
export function roleOfLabel(label: string, assistantName?: string): Role | null {
  const text = label.replace(/\u200b/g, '').trim();
  if (!text || text.length > 80) return null;
  if (USER_LABEL.test(text)) return 'user';
  if (ASSISTANT_LABEL.test(text)) return 'assistant';
  if (assistantName && text.toLowerCase().startsWith(assistantName.toLowerCase())) return 'assistant';
  return null;
}

const USER_AVATAR = /^\s*(you|user|me|human|my avatar|your avatar|user avatar|user (image|icon|photo|picture))\s*$/i;

/** An avatar's alt text as a role ("User avatar", "DeepSeek", "Assistant icon"). */
export function roleOfAvatar(alt: string, assistantName?: string): Role | null {
  if (USER_AVATAR.test(alt)) return 'user';
  if (ASSISTANT_NAMES.test(alt) || /\b(bot|ai|model)\b/i.test(alt)) return 'assistant';
  if (assistantName && alt.toLowerCase().includes(assistantName.toLowerCase())) return 'assistant';
  return null;
}

/** The assistant names a label or avatar can carry, to author a generic turn. */
export function assistantNameIn(text: string): string | undefined {
  return ASSISTANT_NAMES.exec(text)?.[0];
}
