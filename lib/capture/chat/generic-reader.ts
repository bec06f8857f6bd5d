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
import { languageLabelBefore } from '@/lib/capture/code-viewers';
import type { Role } from '@/lib/halo/schema';

/**
 * The generic conversation reader: on any page, the conversation as a repeated sequence of turns,
 * each speaker decided from the signals chat sites use (generic-signals.ts), with a confidence.
 * It only reads the page: it never changes it, and never copies a turn (what a turn leaves out is skipped).
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
const OUTSIDE_TAGS = new Set([
  'nav',
  'aside',
  'footer',
  'form',
  'dialog',
  'textarea',
  'select',
  'button',
  'pre',
  'code',
]);
const OUTSIDE_ROLES = new Set(['navigation', 'complementary', 'dialog', 'banner', 'menu']);

type OutsideTest = (el: Element) => boolean;

/**
 * Whether an element is page chrome or inside it, remembered for every element asked about on the
 * way up: signals share their ancestors, so each is looked at once (a feed's 5,000 marks would
 * otherwise each walk to the root, issue 11). The chrome that only its attributes mark is found up
 * front, one single-attribute query each (cheap in Chromium), so the walk reads no attribute.
 */
function outsideTest(doc: Document): OutsideTest {
  const marked = new Set<Element>();
  for (const el of Array.from(doc.querySelectorAll('[role]')))
    if (OUTSIDE_ROLES.has(el.getAttribute('role')!)) marked.add(el);
  for (const el of Array.from(doc.querySelectorAll('[contenteditable]')))
    if (el.getAttribute('contenteditable') === 'true') marked.add(el);
  const itself = (el: Element) => OUTSIDE_TAGS.has(el.localName) || marked.has(el);
  const known = new Map<Element, boolean>();
  const unsure: Element[] = [];
  // A signal is asked about once: only its ancestors are remembered.
  return (el) => {
    if (itself(el)) return true;
    let outside = false;
    unsure.length = 0;
    for (let node = el.parentElement; node; node = node.parentElement) {
      const answer = known.get(node);
      if (answer !== undefined) {
        outside = answer;
        break;
      }
      if (itself(node)) {
        known.set(node, true);
        outside = true;
        break;
      }
      unsure.push(node);
    }
    for (const node of unsure) known.set(node, outside);
    return outside;
  };
}

/** The elements holding a composer: a signal on one ("query-bar") is about the composer, not a turn. */
function composerHolders(doc: Document): Set<Element> {
  const holders = new Set<Element>();
  // By tag name, not `querySelectorAll('textarea, form')`: a selector list walks the page slowly.
  for (const tag of ['textarea', 'form'])
    for (const el of Array.from(doc.getElementsByTagName(tag)))
      for (let node = el.parentElement; node && !holders.has(node); node = node.parentElement) holders.add(node);
  return holders;
}

const SCREEN_READER_CLASSES = [
  'sr-only',
  'visually-hidden',
  'visuallyhidden',
  'screen-reader-text',
  'screen-reader-only',
  'cdk-visually-hidden',
];
const SCREEN_READER = SCREEN_READER_CLASSES.map((name) => `.${name}`).join(', ');
const SCREEN_READER_CLASS = new RegExp(`(?:^|\\s)(?:${SCREEN_READER_CLASSES.join('|')})(?:\\s|$)`);
/**
 * Class names worth reading word by word: speaker words, the Markdown and prose containers answers
 * are written in, and screen-reader text (read in the same pass: one look at each class attribute).
 */
const CLASS_HINT =
  /user|human|prompt|query|assistant|bot|llm|ai|markdown|prose|sr-only|visually-?hidden|screen-reader/i;
const MARKDOWN_CLASS = /markdown|(?:^|\s)prose(?:\s|$)/i;
/** Not a chat's worth of evidence: a page with more than this many signals is not searched further. */
const MAX_EVIDENCE = 40_000;
/** A page this large is not searched for a chat (bounded work). */
const MAX_ELEMENTS = 400_000;
/**
 * Up to this many elements, each role attribute is its own query; above it, one selector list.
 * Measured in Chromium (issue 11): a list of the 21 attribute selectors costs about 400 ns an
 * element (the generic matcher), one attribute selector a few ns, so 21 single queries win on
 * most pages (a 5,000-card feed: 18 ms against 1.8 ms; 500 chat messages, 25,000 elements: 12 against
 * 4.4 ms). At 100,000 elements 21 walks outgrow the CPU caches and lose (72 against 42 ms).
 */
const ONE_QUERY_PER_ATTRIBUTE_UP_TO = 60_000;

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

/** What a class attribute says: a speaker, a Markdown container, or nothing; one answer per distinct value. */
type ClassReading = { role: Role; kind: 'markdown' | 'class' } | null;

function readClass(className: string): ClassReading {
  if (MARKDOWN_CLASS.test(className)) return { role: 'assistant', kind: 'markdown' };
  const role = roleOfClass(className);
  return role ? { role, kind: 'class' } : null;
}

/** `read(value)` once per distinct value: pages repeat the same class lists, labels and alt texts. */
function remembered<T>(read: (value: string) => T): (value: string) => T {
  const answers = new Map<string, T>();
  return (value) => {
    let answer = answers.get(value);
    if (answer === undefined && !answers.has(value)) answers.set(value, (answer = read(value)));
    return answer as T;
  };
}

function collect(doc: Document, signals: SpeakerSignals, outside: OutsideTest): Evidence[] | null {
  // Kept apart by kind and joined in one order, so which evidence comes first never depends on the pass.
  const byAttribute: Evidence[] = [];
  const byLabel: Evidence[] = [];
  const byScreenReader: Evidence[] = [];
  const byAvatar: Evidence[] = [];
  const byClass: Evidence[] = [];
  const bySite: Evidence[] = [];
  const add = (into: Evidence[], el: Element, role: Role | null, kind: Kind) => {
    if (role) into.push({ el, role, kind });
  };
  const all = doc.body.getElementsByTagName('*');
  if (all.length > MAX_ELEMENTS) return null;
  const label = remembered((text) => roleOfLabel(text, signals.assistantName));
  if (all.length <= ONE_QUERY_PER_ATTRIBUTE_UP_TO) {
    for (const name of ROLE_ATTRIBUTES)
      for (const el of Array.from(doc.querySelectorAll(`[${name}]`)))
        add(byAttribute, el, roleOfAttribute(name, el.getAttribute(name)!), 'attribute');
  } else {
    for (const el of Array.from(doc.querySelectorAll(ROLE_ATTRIBUTES.map((name) => `[${name}]`).join(',')))) {
      for (const name of ROLE_ATTRIBUTES) {
        const value = el.getAttribute(name);
        if (value !== null) add(byAttribute, el, roleOfAttribute(name, value), 'attribute');
      }
    }
  }
  for (const el of Array.from(doc.querySelectorAll('[aria-label]'))) {
    if (!/^(a|img|svg|input|textarea|select|button)$/.test(el.localName))
      add(byLabel, el, label(el.getAttribute('aria-label') ?? ''), 'label');
  }
  const avatar = remembered((alt) => roleOfAvatar(alt, signals.assistantName));
  const images = doc.querySelectorAll('img[alt]');
  for (let i = 0; i < images.length; i++) add(byAvatar, images[i]!, avatar(images[i]!.getAttribute('alt')!), 'avatar');
  // One pass over the page's class names: a cheap test first, the exact words only on a hit.
  const ofClass = remembered(readClass);
  let count = byAttribute.length + byLabel.length + byAvatar.length;
  const classed = doc.body.querySelectorAll('[class]');
  for (let i = 0; i < classed.length; i++) {
    const el = classed[i]!;
    // The property is cheaper to read; an SVG element's is an object, so its attribute is read instead.
    const property: unknown = (el as HTMLElement).className;
    const className = typeof property === 'string' ? property : el.getAttribute('class')!;
    if (!CLASS_HINT.test(className)) continue;
    const spoken = SCREEN_READER_CLASS.test(className) ? label(el.textContent ?? '') : null;
    if (spoken) {
      byScreenReader.push({ el, role: spoken, kind: 'label' });
      count++;
    }
    const reading = ofClass(className);
    if (reading) {
      byClass.push({ el, role: reading.role, kind: reading.kind });
      count++;
    }
    if (count > MAX_EVIDENCE) return null;
  }
  for (const [role, selectors] of [
    ['user', signals.user],
    ['assistant', signals.assistant],
  ] as const) {
    if (selectors?.length)
      for (const el of Array.from(doc.querySelectorAll(selectors.join(',')))) add(bySite, el, role, 'site');
  }
  const composers = composerHolders(doc);
  return [...byAttribute, ...byLabel, ...byScreenReader, ...byAvatar, ...byClass, ...bySite].filter(
    (e) => !outside(e.el) && (e.kind === 'attribute' || !composers.has(e.el)),
  );
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
function completeSiblings(turns: Element[], votes: Map<Element, Votes>, outside: OutsideTest): Element[] {
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
      if (hasContent(child) && !outside(child)) extra.push(child);
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
  const other = (role: Role): Role => (role === 'user' ? 'assistant' : 'user');
  // The nearest known speaker before each turn, else the nearest after it.
  const before: (Role | null)[] = [];
  let last: Role | null = null;
  for (const t of turns) {
    before.push(last);
    if (t.role) last = t.role;
  }
  let next: Role | null = null;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const known = turn.role;
    if (!known) {
      const near = before[i] ?? next;
      if (!near) return false;
      turn.role = other(near);
      turn.kind = 'alternation';
    }
    if (known) next = known;
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
function oneSided(evidence: Evidence[], body: Element, outside: OutsideTest): Turn[] | null {
  const marks = Array.from(new Set(evidence.map((e) => e.el)));
  if (marks.length < 2) return null;
  let container: Element | null = marks[0]!;
  for (const el of marks) container = container && commonAncestor(container, el);
  if (!container) return null;
  // The container's child holding each marked element.
  const holders = new Set<Element>();
  for (const el of marks) {
    let node = el;
    while (node.parentElement && node.parentElement !== container) node = node.parentElement;
    holders.add(node);
  }
  // Every child marked alike (a feed's cards, each with its "user-name"): nothing can be the other
  // speaker, so this is no conversation. Said before any child's text is read, and before the
  // outermost marks are told apart: every mark lies within an outermost one, so the container and
  // its marked children are the same for all marks as for those (a feed gives up sooner, issue 11).
  if (holders.size >= container.childElementCount) return null;
  const marked = new Set(marks);
  const insideAnother = (el: Element) => {
    for (let node = el.parentElement; node && node !== body; node = node.parentElement)
      if (marked.has(node)) return true;
    return false;
  };
  const outer = evidence.filter((e) => !insideAnother(e.el));
  if (new Set(outer.map((e) => e.el)).size < 2) return null;
  const role = outer[0]!.role;
  if (outer.some((e) => e.role !== role)) return null;
  const kind = outer.every((e) => e.kind === 'markdown') ? 'markdown' : outer[0]!.kind;
  const turns: Turn[] = [];
  for (const child of Array.from(container.children)) {
    if (outside(child) || !hasContent(child)) continue;
    if (holders.has(child)) turns.push({ el: child, role, kind });
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

/** Controls drawn without <button> (a div with a click handler): the converter would keep their text. */
const CONTROL_CLASS = /button|action-?bar|toolbar/i;

function isControl(el: Element): boolean {
  const className = el.getAttribute('class');
  if (!(className && CONTROL_CLASS.test(className)) && el.getAttribute('role') !== 'toolbar') return false;
  return !el.querySelector('pre, p, table, img');
}

/**
 * What the turn's Markdown leaves out: `leaveOut` (avatars, the name label, reasoning) and the
 * page's controls. Read as the turn is converted: the page is never touched, and never copied
 * (copying every turn of a 2,000-message thread cost more than converting it, issue 11).
 */
function skipper(leaveOut: ReadonlySet<Element>): (el: Element) => boolean {
  return (el) => leaveOut.has(el) || isControl(el);
}

/** Whether `el`, or what holds it up to `root`, is left out. */
function isSkipped(el: Element, root: Element, skip: (el: Element) => boolean): boolean {
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) if (skip(node)) return true;
  return false;
}

/** What a user typed: paragraphs and line breaks kept, page controls left out. */
function plainTextOf(content: Element, skip: (el: Element) => boolean): string | undefined {
  const structure = content.querySelectorAll('pre, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6');
  if (Array.from(structure).some((el) => !isSkipped(el, content, skip))) return undefined;
  const pruned = (el: Element) => skip(el) || el.matches(PRUNE);
  const walker = content.ownerDocument.createTreeWalker(content, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) => (node.nodeType === 1 && pruned(node as Element) ? 2 : 1) /* REJECT : ACCEPT */,
  });
  // The text of each paragraph, and of the whole; a line break counts as a newline in both.
  const ofParagraph = new Map<Element, string>();
  let all = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const piece = node.nodeType === 3 ? (node as Text).data : (node as Element).localName === 'br' ? '\n' : '';
    if (!piece) continue;
    all += piece;
    const paragraph = node.parentElement?.closest('p');
    if (paragraph && paragraph !== content && content.contains(paragraph))
      ofParagraph.set(paragraph, (ofParagraph.get(paragraph) ?? '') + piece);
  }
  const paragraphs = Array.from(content.querySelectorAll('p')).filter((p) => !isSkipped(p, content, pruned));
  const text = paragraphs.length ? paragraphs.map((p) => ofParagraph.get(p) ?? '').join('\n') : all;
  return text.replace(/\u200b/g, '').trim();
}

/** The first short text of a turn ("You", "Le Chat", "llama3.1:8b"), a name label if it is one. */
function firstShortText(turn: Element): Element | null {
  let seen = 0;
  const walker = turn.ownerDocument.createTreeWalker(turn, 1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode() as Element | null; node && seen < 3; node = walker.nextNode() as Element | null) {
    if (node.children.length > 0 || node.closest('pre, code, button')) continue;
    const text = (node.textContent ?? '').trim();
    if (!text) continue;
    seen++;
    return text.length <= 40 && text.split(/\s+/).length <= 4 ? node : null;
  }
  return null;
}

/**
 * Speaker names shown at the top of turns: chrome to leave out, and the assistant's name. A text
 * is a name when it reads as one ("You", "Copilot said"), when an avatar beside it says the same,
 * or when every answer starts with it.
 */
function nameLabels(
  turns: Turn[],
  assistantName: string | undefined,
): { labels: Map<Element, Element>; name?: string } {
  const labels = new Map<Element, Element>();
  const firsts = turns.map((t) => firstShortText(t.el));
  const answers = turns.map((t, i) => (t.role === 'assistant' ? firsts[i] : undefined)).filter((x) => x !== undefined);
  const texts = answers.map((el) => el?.textContent?.trim() ?? '');
  const shared = answers.length >= 2 && texts.every((t) => t && t === texts[0]) ? texts[0] : undefined;
  let name: string | undefined;
  turns.forEach((turn, i) => {
    const el = firsts[i];
    if (!el) return;
    const text = el.textContent!.trim();
    const alts = Array.from(turn.el.querySelectorAll('img[alt]'), (img) => img.getAttribute('alt')!.trim());
    const isName =
      roleOfLabel(text, assistantName) !== null ||
      (turn.role === 'assistant' && (text === shared || alts.includes(text) || assistantNameIn(text) === text));
    if (!isName) return;
    labels.set(turn.el, el);
    if (turn.role === 'assistant' && !roleOfLabel(text)) name ??= text;
    else if (turn.role === 'assistant') name ??= text.replace(/\s*(said|wrote)?\s*:?\s*$/i, '') || undefined;
  });
  return { labels, ...(name ? { name } : {}) };
}

const AVATAR_ALT = /^(|profile|avatar|.*\bavatar\b.*|user|you|me|bot|assistant)$/i;
const AVATAR_CLASS = /avatar|rounded-full|BotImage/i;

/** Avatars: pictures of a speaker, not content (an image the user sent has its own name). */
function avatarsIn(turn: Element, names: string[]): Element[] {
  return Array.from(turn.querySelectorAll('img')).filter((img) => {
    const alt = img.getAttribute('alt');
    if (alt === null) return AVATAR_CLASS.test(img.getAttribute('class') ?? '');
    return AVATAR_ALT.test(alt.trim()) || names.includes(alt.trim()) || roleOfAvatar(alt) !== null;
  });
}

/**
 * Code blocks whose language is a label above them (a viewer's header): each block's language,
 * and its label to leave out.
 */
function codeLabels(turn: Element, leaveOut: Set<Element>, skip: (el: Element) => boolean): Map<Element, string> {
  const languages = new Map<Element, string>();
  for (const pre of Array.from(turn.querySelectorAll('pre'))) {
    const code = pre.querySelector('code') ?? pre;
    if (/(?:language|lang)-/.test(`${code.getAttribute('class') ?? ''} ${pre.getAttribute('class') ?? ''}`)) continue;
    if (isSkipped(pre, turn, skip)) continue;
    const label = languageLabelBefore(pre, turn, skip);
    if (!label || label.contains(pre)) continue;
    languages.set(pre, label.textContent!.trim().toLowerCase());
    leaveOut.add(label);
  }
  return languages;
}

/** A turn's content and reasoning: the reasoning toggle and what it shows, avatars and labels apart. */
function toChatTurn(
  turn: Turn,
  votes: Map<Element, Votes>,
  label: Element | undefined,
  names: string[],
  assistantName: string,
): ChatTurn {
  const role = turn.role!;
  const leaveOut = new Set<Element>(avatarsIn(turn.el, names));
  if (label && label !== turn.el) leaveOut.add(label);
  let reasoning: Element[] | undefined;
  const toggle = role === 'assistant' ? reasoningToggle(turn.el) : undefined;
  if (toggle) {
    const parts: Element[] = [];
    for (let node = toggle.nextElementSibling; node && !votes.has(node); node = node.nextElementSibling)
      parts.push(node);
    if (parts.some((p) => /\S/.test(p.textContent ?? ''))) reasoning = parts;
    for (const left of [toggle, ...parts]) if (left !== turn.el) leaveOut.add(left);
  }
  const skip = skipper(leaveOut);
  const entry: ChatTurn = { role, author: role === 'user' ? 'You' : assistantName, content: turn.el, skip };
  if (role === 'user') {
    const plain = plainTextOf(turn.el, skip);
    if (plain !== undefined) entry.plainText = plain;
  }
  const languages = turn.el.querySelector('pre') ? codeLabels(turn.el, leaveOut, skip) : null;
  if (languages?.size) entry.codeLanguages = languages;
  if (reasoning) entry.reasoning = reasoning;
  return entry;
}

/** The conversation on any page, or null when there is none to speak of. */
export function readGenericChat(doc: Document, signals: SpeakerSignals = {}): GenericRead | null {
  const body = doc.body;
  if (!body) return null;
  // One answer per element to "is this page chrome?", shared by every step that asks.
  const outside = outsideTest(doc);
  const evidence = collect(doc, signals, outside);
  if (!evidence || evidence.length === 0) return null;
  // One speaker's signals only: the one-sided reading needs no votes (a feed gives up sooner).
  const bothSpeakers = evidence.some((e) => e.role === 'user') && evidence.some((e) => e.role === 'assistant');
  const votes = bothSpeakers ? tally(evidence, body) : null;
  const top = votes?.get(body);
  if (bothSpeakers && !top) return null;

  let turns: Turn[] | null;
  if (votes && top) {
    const tallied = votes;
    const strongOnly = top.strongUser > 0 && top.strongAssistant > 0;
    const found = completeSiblings(splitTurns(body, tallied, strongOnly), tallied, outside);
    const kinds = strongestKinds(found, evidence);
    turns = found.map((el) => roleOf(el, tallied, kinds));
  } else {
    turns = oneSided(evidence, body, outside);
  }
  if (!turns || turns.length < 2 || !alternate(turns)) return null;
  turns = mergeSplitTurns(turns, body);
  const confidence = confidenceOf(turns);
  // Not sure enough to be used: the turns are not converted (giving up stays cheap).
  if (confidence < GENERIC_THRESHOLD)
    return { thread: { title: '', turns: [], warnings: [] }, confidence, signals: [] };
  const { labels, name } = nameLabels(turns, signals.assistantName);
  const assistantName =
    signals.assistantName ??
    name ??
    assistantNameIn(doc.title) ??
    assistantNameIn(doc.location?.hostname.replace(/[.-]/g, ' ') ?? '') ??
    'Assistant';
  const names = [assistantName, 'You'];
  // Counted only now for a one-sided reading: where a reasoning toggle's parts end.
  const counted = votes ?? tally(evidence, body);
  const chatTurns = turns.map((t) => toChatTurn(t, counted, labels.get(t.el), names, assistantName));
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
