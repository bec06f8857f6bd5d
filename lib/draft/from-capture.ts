import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { blockText } from '@/lib/halo/block-text';
import type { Block } from '@/lib/halo/schema';

/**
 * Identifies a capture: what was captured (kind + URL) and a fingerprint of its content, so
 * capturing the same thing twice finds the existing draft, and capturing a thread that grew
 * finds the draft of that thread (threadOf).
 */
export function captureKey(capture: Capture): string {
  const text = capture.blocks.map((b) => `${b.block.type}:${blockText(b.block)}`).join('\u0000');
  return `${capture.kind}|${capture.source.url}|${hash(text)}`;
}

/**
 * The thread (or article) a capture key belongs to, without its content: kind + URL, the URL
 * without its #fragment. Selections have none: two selections on one page are two things.
 */
export function threadOf(key: string): string | null {
  const kind = key.slice(0, key.indexOf('|'));
  if (kind !== 'chat' && kind !== 'article') return null;
  const url = key.slice(kind.length + 1, key.lastIndexOf('|'));
  return `${kind}|${url.split('#')[0]}`;
}

/** A block's fingerprint: what the capture saw (speaker and Markdown), to recognise it later. */
export function blockFingerprint(block: Block): string {
  const speaker =
    block.type === 'message' ? `${block.role}:${block.author}` : block.type === 'reasoning' ? block.author : '';
  return `${block.type}|${hash(`${speaker}\u0000${blockText(block)}`)}`;
}

/** FNV-1a, 32-bit: a fingerprint, not a security measure. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + text.length.toString(36);
}

export function newId(): string {
  return crypto.randomUUID();
}

export function draftFromCapture(capture: Capture, now: Date = new Date()): Draft {
  const at = now.toISOString();
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    title: capture.title,
    note: '',
    source: capture.source,
    ...(capture.lang ? { lang: capture.lang } : {}),
    blocks: capture.blocks.map(({ block, included }) => ({
      id: newId(),
      included,
      block,
      capturedAs: blockFingerprint(block),
    })),
    warnings: capture.warnings,
    captureKey: captureKey(capture),
    allowSearchEngines: false,
  };
}
