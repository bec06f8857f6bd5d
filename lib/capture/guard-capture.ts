import type { CaptureResult, InPageAnswer } from '@/lib/capture/types';
import { blockText } from '@/lib/halo/block-text';
import { LIMITS } from '@/lib/halo/limits';

/**
 * Runs a capture so that whatever the page does (getters that throw, markup nobody expected),
 * the answer is a result with a message the user can act on, and never more than a Halo holds.
 */
export function guardCapture<T extends InPageAnswer>(run: () => T): T | CaptureResult {
  let answer: T;
  try {
    answer = run();
  } catch (error) {
    const detail = describeError(error);
    return {
      ok: false,
      code: 'failed',
      message: `The page could not be captured (${detail}). Reload it and try again, or select the part to share.`,
      wording: { key: 'pageError', detail },
    };
  }
  return ('ok' in answer && answer.ok && tooLarge(answer)) || answer;
}

function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = typeof message === 'string' && message.trim() ? message.trim() : 'no details given';
    return typeof name === 'string' && name ? `${name}: ${text}` : text;
  }
  return error === undefined ? 'the page raised an error without details' : `the page raised ${String(error)}`;
}

const count = (n: number) => n.toLocaleString('en-US');

function tooLarge({ capture }: Extract<CaptureResult, { ok: true }>): CaptureResult | null {
  if (capture.blocks.length > LIMITS.blocks) {
    return {
      ok: false,
      code: 'too_large',
      message: `This ${capture.kind === 'chat' ? 'thread' : 'capture'} has ${count(capture.blocks.length)} parts; a Halo holds at most ${count(LIMITS.blocks)}. Select the part to share instead.`,
      wording: { key: 'tooManyParts', count: capture.blocks.length, limit: LIMITS.blocks },
    };
  }
  const longest = Math.max(...capture.blocks.map(({ block }) => blockText(block).length));
  if (longest > LIMITS.blockMarkdownChars) {
    return {
      ok: false,
      code: 'too_large',
      message: `${capture.kind === 'chat' ? 'A message in this thread' : `This ${capture.kind}`} has ${count(longest)} characters; a Halo holds at most ${count(LIMITS.blockMarkdownChars)} per part. Select a smaller part to share.`,
      wording: { key: 'partTooLong', count: longest, limit: LIMITS.blockMarkdownChars },
    };
  }
  return null;
}
