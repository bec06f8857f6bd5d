import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';

/** Identifies a capture's content, so capturing the same thing twice finds the existing draft. */
export function captureKey(capture: Capture): string {
  const text = capture.blocks.map((b) => `${b.block.type}:${b.block.markdown}`).join('\u0000');
  return `${capture.kind}|${capture.source.url}|${hash(text)}`;
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
    blocks: capture.blocks.map(({ block, included }) => ({ id: newId(), included, block })),
    warnings: capture.warnings,
    captureKey: captureKey(capture),
    allowSearchEngines: false,
  };
}
