import type { ChatThread, ChatTurn } from '@/lib/capture/chat/chat-adapter';
import {
  ROLE_ATTRIBUTES,
  assistantNameIn,
  roleOfAttribute,
  roleOfAvatar,
  roleOfClass,
  roleOfLabel,
  type SpeakerSignals,
} from '@/lib/capture/chat/generic-signals';
import { reasoningToggle } from '@/lib/capture/chat/reasoning-toggle';
import type { Role } from '@/lib/halo/schema';

/**
 * The generic conversation reader: on any page, the conversation as a repeated sequence of turns,
 * each speaker decided from the signals chat sites use (generic-signals.ts), with a confidence.
 * It only reads the page: turns are cloned where something must be left out.
 */

/** Below this, the page is not read as a chat (the caller says so, or takes the article). */
export const GENERIC_THRESHOLD = 0.6;

export interface GenericRead {
  thread: ChatThread;
  /** 0 to 1: how sure the reader is of the turns and their speakers. */
  confidence: number;
  /** The kinds of signal that decided the speakers, for the record ("attribute", "label", …). */
  signals: string[];
}

type Kind = 'attribute' | 'label' | 'avatar' | 'class' | 'site' | 'markdown' | 'bubble' | 'alternation';

const WEIGHT: Record<Kind, number> = {
  attribute: 3,
  label: 3,
  site: 3,
  avatar: 2,
  class: 2,
  markdown: 1,
  bubble: 1,
  alternation: 0,
};
/** How much each kind of evidence is worth as certainty about a turn's speaker. */
const CERTAINTY: Record<Kind, number> = {
  attribute: 1,
  label: 1,
  site: 1,
  avatar: 0.85,
  class: 0.8,
  markdown: 0.6,
  bubble: 0.6,
  alternation: 0.3,
};

/** Page chrome: a speaker signal in here is not a turn (menus, composer, code, buttons). */
const OUTSIDE =
  'nav, aside, footer, form, dialog, textarea, select, button, pre, code, [role="navigation"], [role="complementary"], [role="dialog"], [role="banner"], [role="menu"], [contenteditable="true"]';
const SCREEN_READER =
  '.sr-only, .visually-hidden, .visuallyhidden, .screen-reader-text, .screen-reader-only, .cdk-visually-hidden';
/** Class names worth reading word by word; the Markdown and prose containers answers are written in. */
const CLASS_HINT = /user|human|prompt|query|assistant|bot|llm|ai|markdown|prose/i;
const MARKDOWN_CLASS = /markdown|(?:^|\s)prose(?:\s|$)/i;
const COMPOSER = 'textarea, form, [contenteditable="true"]';
/** Not a chat's worth of evidence: a page with more than this many signals is not searched further. */
const MAX_EVIDENCE = 40_000;
/** A page this large is read only through its role attributes and labels (bounded work). */
const MAX_ELEMENTS = 400_000;

interface Evidence {
  el: Element;
  role: Role;
  kind: Kind;
}

interface Votes {
  user: number;
  assistant: number;
  /** Weight from attributes, labels, avatars, classes: the signals that draw turn boundaries. */
  strongUser: number;
  strongAssistant: number;
}

interface Turn {
  el: Element;
  role: Role | null;
  kind: Kind;
}

function collect(doc: Document, signals: SpeakerSignals): Evidence[] | null {
  const found: Evidence[] = [];
  const add = (el: Element, role: Role | null, kind: Kind) => {
    if (role) found.push({ el, role, kind });
  };
  const attributes = ROLE_ATTRIBUTES.map((name) => `[${name}]`).join(',');
  for (const el of Array.from(doc.querySelectorAll(attributes))) {
    for (const name of ROLE_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value !== null) add(el, roleOfAttribute(name, value), 'attribute');
    }
  }
  for (const el of Array.from(doc.querySelectorAll('[aria-label]'))) {
    if (!/^(a|img|svg|input|textarea|select|button)$/.test(el.localName))
      add(el, roleOfLabel(el.getAttribute('aria-label') ?? '', signals.assistantName), 'label');
  }
  for (const el of Array.from(doc.querySelectorAll(SCREEN_READER))) {
    add(el, roleOfLabel(el.textContent ?? '', signals.assistantName), 'label');
  }
  for (const img of Array.from(doc.querySelectorAll('img[alt]'))) {
    add(img, roleOfAvatar(img.getAttribute('alt') ?? '', signals.assistantName), 'avatar');
  }
  // One pass over the page's class names: a cheap test first, the exact words only on a hit.
  const all = doc.body.getElementsByTagName('*');
  if (all.length > MAX_ELEMENTS) return null;
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const className = el.getAttribute('class');
    if (!className || !CLASS_HINT.test(className)) continue;
    if (MARKDOWN_CLASS.test(className)) add(el, 'assistant', 'markdown');
    else add(el, roleOfClass(className), 'class');
    if (found.length > MAX_EVIDENCE) return null;
  }
  for (const [role, selectors] of [
    ['user', signals.user],
    ['assistant', signals.assistant],
  ] as const) {
    if (selectors?.length)
      for (const el of Array.from(doc.querySelectorAll(selectors.join(',')))) add(el, role, 'site');
  }
  // A signal on what holds the composer ("query-bar") is about the composer, not a turn.
  return found.filter((e) => !e.el.closest(OUTSIDE) && (e.kind === 'attribute' || !e.el.querySelector(COMPOSER)));
}

function tally(evidence: Evidence[], root: Element): Map<Element, Votes> {
  const votes = new Map<Element, Votes>();
  for (const { el, role, kind } of evidence) {
    const weight = WEIGHT[kind];
    const strong = weight >= 2;
    for (let node: Element | null = el; node; node = node === root ? null : node.parentElement) {
      let v = votes.get(node);
      if (!v) votes.set(node, (v = { user: 0, assistant: 0, strongUser: 0, strongAssistant: 0 }));
      if (role === 'user') {
        v.user += weight;
        if (strong) v.strongUser += weight;
      } else {
        v.assistant += weight;
        if (strong) v.strongAssistant += weight;
      }
    }
  }
  return votes;
}

/** The largest subtrees that speak with one voice: below an element with both speakers, again. */
function splitTurns(root: Element, votes: Map<Element, Votes>, strongOnly: boolean): Element[] {
  const mixed = (v: Votes) => (strongOnly ? v.strongUser > 0 && v.strongAssistant > 0 : v.user > 0 && v.assistant > 0);
  const turns: Element[] = [];
  const stack: Element[] = [root];
  // Depth-first in page order: children pushed in reverse.
  while (stack.length) {
    const node = stack.pop()!;
    const children = Array.from(node.children).filter((c) => votes.has(c));
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (mixed(votes.get(child)!)) stack.push(child);
      else turns.push(child);
    }
  }
  // The stack visits in page order except that single-voice children are emitted per level.
  return turns.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

const hasContent = (el: Element) => /\S/.test(el.textContent ?? '') || el.querySelector('img') !== null;

/** Look-alike siblings of found turns that carry no signal: turns whose speaker alternation decides. */
function completeSiblings(turns: Element[], votes: Map<Element, Votes>): Element[] {
  const found = new Set(turns);
  const parents = new Set<Element>();
  for (const t of turns) if (t.parentElement) parents.add(t.parentElement);
  const extra: Element[] = [];
  for (const parent of parents) {
    const shapes = new Set(
      Array.from(parent.children)
        .filter((c) => found.has(c))
        .map((c) => `${c.localName}.${c.getAttribute('class') ?? ''}`),
    );
    for (const child of Array.from(parent.children)) {
      if (
        found.has(child) ||
        votes.has(child) ||
        !shapes.has(`${child.localName}.${child.getAttribute('class') ?? ''}`)
      )
        continue;
      if (hasContent(child) && !child.closest(OUTSIDE)) extra.push(child);
    }
  }
  if (extra.length === 0) return turns;
  return [...turns, ...extra].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

function roleOf(el: Element, votes: Map<Element, Votes>, evidenceKinds: Map<Element, Kind>): Turn {
  const v = votes.get(el);
  if (!v) return { el, role: null, kind: 'alternation' };
  const role: Role | null = v.user > v.assistant ? 'user' : v.assistant > v.user ? 'assistant' : null;
  return { el, role, kind: evidenceKinds.get(el) ?? 'markdown' };
}

/** The strongest kind of evidence inside each turn, for its certainty. */
function strongestKinds(turns: Element[], evidence: Evidence[]): Map<Element, Kind> {
  const kinds = new Map<Element, Kind>();
  const set = new Set(turns);
  for (const { el, kind } of evidence) {
    for (let node: Element | null = el; node; node = node.parentElement) {
      if (!set.has(node)) continue;
      const known = kinds.get(node);
      if (!known || CERTAINTY[kind] > CERTAINTY[known]) kinds.set(node, kind);
      break;
    }
  }
  return kinds;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let node: Element | null = a; node; node = node.parentElement) if (node.contains(b)) return node;
  return null;
}

/** Unknown speakers from their neighbours: a chat alternates. False when nothing decides one. */
function alternate(turns: Turn[]): boolean {
  for (let i = 0; i < turns.length; i++) {
    if (turns[i]!.role) continue;
    const before = turns
      .slice(0, i)
      .reverse()
      .find((t) => t.role);
    const after = turns.slice(i + 1).find((t) => t.role);
    const near = before ?? after;
    if (!near?.role) return false;
    turns[i]!.role = near.role === 'user' ? 'assistant' : 'user';
    turns[i]!.kind = 'alternation';
  }
  return true;
}

/**
 * Two turns of one speaker in a row are one turn when nothing else shares their common
 * ancestor (an answer split around its reasoning), and stay two otherwise (two questions).
 */
function mergeSplitTurns(turns: Turn[], body: Element): Turn[] {
  const out: Turn[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    const last = out[out.length - 1];
    if (last && last.role === turn.role) {
      const common = commonAncestor(last.el, turn.el);
      const next = turns[i + 1];
      const before = out[out.length - 2];
      if (common && common !== body && !(next && common.contains(next.el)) && !(before && common.contains(before.el))) {
        out[out.length - 1] = {
          el: common,
          role: turn.role,
          kind: CERTAINTY[turn.kind] < CERTAINTY[last.kind] ? turn.kind : last.kind,
        };
        continue;
      }
    }
    out.push({ ...turn });
  }
  return out;
}

/**
 * One-sided evidence (only the answers are marked, as Markdown containers): the turns are the
 * children of the answers' common container, and the unmarked ones between them are the user's
 * bubbles.
 */
function oneSided(evidence: Evidence[], body: Element): Turn[] | null {
  const outer = evidence.filter((e) => !evidence.some((o) => o !== e && o.el !== e.el && o.el.contains(e.el)));
  const els = Array.from(new Set(outer.map((e) => e.el)));
  if (els.length < 2) return null;
  let container: Element | null = els[0]!;
  for (const el of els) container = container && commonAncestor(container, el);
  if (!container || (container === body && els.length < 2)) return null;
  const role = outer[0]!.role;
  const kind = outer.every((e) => e.kind === 'markdown') ? 'markdown' : outer[0]!.kind;
  const turns: Turn[] = [];
  for (const child of Array.from(container.children)) {
    if (child.closest(OUTSIDE) || !hasContent(child)) continue;
    const marked = els.some((el) => child.contains(el));
    if (marked) turns.push({ el: child, role, kind });
    else if (role === 'assistant' && kind === 'markdown' && !child.querySelector('pre, table, ul, ol, h1, h2, h3'))
      turns.push({ el: child, role: 'user', kind: 'bubble' });
    else turns.push({ el: child, role: null, kind: 'alternation' });
  }
  return turns;
}

function confidenceOf(turns: Turn[]): number {
  if (turns.length < 2) return 0;
  if (!turns.some((t) => t.role === 'user') || !turns.some((t) => t.role === 'assistant')) return 0;
  let sum = 0;
  for (const t of turns) sum += CERTAINTY[t.kind];
  let confidence = sum / turns.length;
  // Thousands of look-alike siblings without a clear speaker are a feed, not a conversation.
  const clear = turns.filter((t) => CERTAINTY[t.kind] >= 0.8).length / turns.length;
  if (turns.length > 300 && clear < 0.8) confidence *= 0.6;
  // A chat alternates; long runs of one speaker mean the reading is off.
  let runs = 0;
  for (let i = 1; i < turns.length; i++) if (turns[i]!.role === turns[i - 1]!.role) runs++;
  if (runs / turns.length > 0.34) confidence *= 0.6;
  return Math.round(confidence * 100) / 100;
}

const PRUNE = 'button, svg, style, script, [aria-hidden="true"], [role="button"], ' + SCREEN_READER;

/** Paths of child indexes, so the same elements can be left out of a clone. */
function pathOf(el: Element, root: Element): number[] {
  const path: number[] = [];
  for (let node = el; node !== root; node = node.parentElement!) {
    path.unshift(Array.prototype.indexOf.call(node.parentElement!.children, node));
  }
  return path;
}

function cloneWithout(root: Element, leaveOut: Element[]): Element {
  if (leaveOut.length === 0) return root;
  const paths = leaveOut.filter((el) => el !== root && root.contains(el)).map((el) => pathOf(el, root));
  const clone = root.cloneNode(true) as Element;
  const targets = paths.map((path) => path.reduce<Element | undefined>((node, i) => node?.children[i], clone));
  for (const target of targets) target?.remove();
  return clone;
}

/** What a user typed: paragraphs and line breaks kept, page controls left out. */
function plainTextOf(content: Element): string | undefined {
  if (content.querySelector('pre, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6')) return undefined;
  const clone = content.cloneNode(true) as Element;
  for (const el of Array.from(clone.querySelectorAll(PRUNE))) el.remove();
  for (const br of Array.from(clone.querySelectorAll('br'))) br.replaceWith('\n');
  const paragraphs = Array.from(clone.querySelectorAll('p'));
  const text = paragraphs.length ? paragraphs.map((p) => p.textContent ?? '').join('\n') : (clone.textContent ?? '');
  return text.replace(/\u200b/g, '').trim();
}

/** A short visible name at the top of a turn ("You", "Le Chat", "llama3.1:8b"): chrome, and the author. */
function nameLabels(turn: Element, assistantName: string | undefined): { labels: Element[]; name?: string } {
  const labels: Element[] = [];
  let name: string | undefined;
  let seen = 0;
  const walker = turn.ownerDocument.createTreeWalker(turn, 1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode() as Element | null; node && seen < 4; node = walker.nextNode() as Element | null) {
    if (node.children.length > 0 || node.closest('pre, code')) continue;
    const text = (node.textContent ?? '').trim();
    if (!text) continue;
    seen++;
    if (text.length > 40) break;
    if (
      roleOfLabel(text, assistantName) ||
      (assistantName && text === assistantName) ||
      assistantNameIn(text) === text
    ) {
      labels.push(node);
      name ??= text.replace(/\s*(said|wrote)?\s*:?\s*$/i, '');
    }
  }
  return { labels, ...(name ? { name } : {}) };
}

/** A turn's content and reasoning: the reasoning toggle and what it shows, avatars and labels apart. */
function toChatTurn(turn: Turn, evidence: Evidence[], votes: Map<Element, Votes>, signals: SpeakerSignals): ChatTurn {
  const role = turn.role!;
  const leaveOut: Element[] = evidence.filter((e) => e.kind === 'avatar' && turn.el.contains(e.el)).map((e) => e.el);
  const { labels, name } = nameLabels(turn.el, signals.assistantName);
  leaveOut.push(...labels);
  let reasoning: Element | undefined;
  const toggle = role === 'assistant' ? reasoningToggle(turn.el) : undefined;
  if (toggle) {
    const parts: Element[] = [];
    for (let node = toggle.nextElementSibling; node && !votes.has(node); node = node.nextElementSibling)
      parts.push(node);
    if (parts.some((p) => /\S/.test(p.textContent ?? ''))) {
      const holder = turn.el.ownerDocument.createElement('div');
      for (const part of parts) holder.appendChild(part.cloneNode(true));
      reasoning = holder;
    }
    leaveOut.push(toggle, ...parts);
  }
  const content = cloneWithout(turn.el, leaveOut);
  const assistantName =
    signals.assistantName ?? (name && role === 'assistant' && !roleOfLabel(name) ? name : undefined) ?? 'Assistant';
  const entry: ChatTurn = { role, author: role === 'user' ? 'You' : assistantName, content };
  if (role === 'user') {
    const plain = plainTextOf(content);
    if (plain !== undefined) entry.plainText = plain;
  }
  if (reasoning) entry.reasoning = reasoning;
  return entry;
}

/** The conversation on any page, or null when there is none to speak of. */
export function readGenericChat(doc: Document, signals: SpeakerSignals = {}): GenericRead | null {
  const body = doc.body;
  if (!body) return null;
  const evidence = collect(doc, signals);
  if (!evidence || evidence.length === 0) return null;
  const votes = tally(evidence, body);
  const top = votes.get(body);
  if (!top) return null;

  let turns: Turn[] | null;
  if (top.user > 0 && top.assistant > 0) {
    const strongOnly = top.strongUser > 0 && top.strongAssistant > 0;
    const found = completeSiblings(splitTurns(body, votes, strongOnly), votes);
    const kinds = strongestKinds(found, evidence);
    turns = found.map((el) => roleOf(el, votes, kinds));
  } else {
    turns = oneSided(evidence, body);
  }
  if (!turns || turns.length < 2 || !alternate(turns)) return null;
  turns = mergeSplitTurns(turns, body);
  const confidence = confidenceOf(turns);
  const chatTurns = turns.map((t) => toChatTurn(t, evidence, votes, signals));
  const firstQuestion =
    chatTurns
      .find((t) => t.role === 'user')
      ?.plainText?.split('\n')[0]
      ?.slice(0, 80) ?? '';
  const title = doc.title.replace(/\s+/g, ' ').trim();
  return {
    thread: { title: title || firstQuestion || 'Chat conversation', turns: chatTurns, warnings: [] },
    confidence,
    signals: Array.from(new Set(turns.map((t) => t.kind))),
  };
}
