import { say, sayCount } from '@/lib/capture/say';
import type { ChatAdapter } from '@/lib/capture/chat/chat-adapter';
import { geminiOlderTurns } from '@/lib/capture/chat/gemini';
import {
  loadOlderTurns,
  THREAD_LOAD,
  type Clock,
  type LoadOutcome,
  type LoadProgress,
} from '@/lib/capture/chat/load-older-turns';
import { adapterForUrl } from '@/lib/capture/chat/registry';
import {
  domScroller,
  findThreadScroller,
  keepReaderPosition,
  turnCounter,
  turnElements,
} from '@/lib/capture/chat/thread-scroller';
import { captureThreadOrSelection } from '@/lib/capture/capture-thread-or-selection';
import { guardCapture } from '@/lib/capture/guard-capture';
import type { CaptureResult } from '@/lib/capture/types';

/** What a site says with a capture that may lack older turns; a whole load that completed drops it. */
const olderTurnsWarnings = (): readonly string[] => [geminiOlderTurns()];

export interface WholeThreadOptions {
  signal?: AbortSignal;
  onProgress?(progress: LoadProgress): void;
  clock?: Clock;
  boundMs?: number;
  quietMs?: number;
  now?: Date;
}

/**
 * The start of the newest turn's text: a page that unloads what is off screen (a virtualised list)
 * swaps the newest turns for older ones without changing the count, and this tells.
 */
function newestTurnText(doc: Document, adapter: ChatAdapter | null): string {
  try {
    const turns = turnElements(doc, adapter);
    return (turns[turns.length - 1]?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch {
    return '';
  }
}

const seconds = (ms: number) => sayCount(Math.round(ms / 1000));

/** The warning an incomplete load leaves (house rule 11: the thread may lack its start, so say so). */
function incompleteWarning(outcome: LoadOutcome, boundMs: number): string | null {
  const kept = say('warning.olderKept', outcome.turns, [sayCount(outcome.turns)]);
  switch (outcome.status) {
    case 'complete':
      return null;
    case 'bound':
      return say('warning.olderBound', [seconds(boundMs), kept]);
    case 'cancelled':
      return say('warning.olderStopped', [kept]);
    case 'failed':
      return say('warning.olderFailed', [outcome.error ?? say('warning.pageRaised'), kept]);
  }
}

/**
 * "Load the whole thread" in the page: scrolls the thread's scroller to its start until no new
 * turns arrive (load-older-turns.ts), captures the thread there, then puts the reader back where
 * they were. A thread that may still lack turns keeps a warning that says so; a page that dropped
 * turns on the way (a virtualised list) gets a clear message rather than a draft missing them.
 */
export async function captureWholeThread(
  doc: Document,
  url: string,
  options: WholeThreadOptions = {},
): Promise<CaptureResult> {
  const boundMs = options.boundMs ?? THREAD_LOAD.boundMs;
  const adapter = adapterForUrl(url) ?? null;
  let outcome: LoadOutcome;
  let restore = () => {};
  const newest = newestTurnText(doc, adapter);
  try {
    const scroller = findThreadScroller(doc, turnElements(doc, adapter));
    restore = keepReaderPosition(scroller);
    outcome = await loadOlderTurns({
      scroller: domScroller(scroller),
      countTurns: turnCounter(doc, adapter),
      signal: options.signal,
      clock: options.clock,
      boundMs,
      quietMs: options.quietMs,
      onProgress: options.onProgress,
    });
  } catch (error) {
    outcome = { status: 'failed', turns: 0, before: 0, most: 0, elapsedMs: 0, error: String(error) };
  }
  // Read at the thread's start, before scrolling back: a page that unloads what is off screen
  // still holds the older turns here. The read itself is synchronous: the page cannot change it.
  const read = guardCapture<CaptureResult>(
    () =>
      captureThreadOrSelection(doc, url, 'page', options.now) ?? {
        ok: false,
        code: 'unrecognised_layout',
        message:
          'Halo no longer finds a chat thread on this page. Select the part to share, or capture it as an article.',
        wording: { key: 'threadGone' },
      },
  );
  const present = (() => {
    try {
      return turnCounter(doc, adapter)();
    } catch {
      return outcome.turns;
    }
  })();
  try {
    restore();
  } catch {
    // The scroller left the page: there is no position to give back.
  }
  if (!read.ok || read.capture.kind !== 'chat') return read;
  const tail = newestTurnText(doc, adapter);
  if (present < outcome.most || (newest && !tail.startsWith(newest))) {
    return {
      ok: false,
      code: 'failed',
      message:
        "The page removed some of the thread's turns while older ones were loading (it keeps only part of a long thread on screen), so a capture now would miss them. Your draft is unchanged: select the part to share, or try again.",
      wording: { key: 'threadShrank' },
    };
  }
  const incomplete = incompleteWarning(outcome, boundMs);
  const older = olderTurnsWarnings();
  const warnings = read.capture.warnings.filter((w) => !older.includes(w));
  return {
    ok: true,
    capture: {
      ...read.capture,
      warnings: incomplete ? [incomplete, ...warnings] : warnings,
    },
  };
}
