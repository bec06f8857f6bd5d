import type { Draft } from '@/lib/draft/draft';

/**
 * Undo and redo over a draft's edits: pure, in memory, one history per draft (issue 4).
 * Each step keeps the whole draft from before the edit; unchanged blocks are shared between
 * steps, so a step costs little more than the block it changed.
 */

/** Keystrokes in the same field closer than this make one undo step. */
export const COALESCE_MS = 1000;
export const HISTORY_LIMIT = 300;

export interface HistoryStep {
  draft: Draft;
  /** What the edit did, for announcements such as "Undone: delete block 3". */
  label: string;
}

export interface History {
  draftId: string | null;
  past: HistoryStep[];
  future: HistoryStep[];
  /** The typing burst in progress: its field and the time of its last keystroke. */
  burst: { key: string; at: number } | null;
}

export const emptyHistory = (draftId: string | null = null): History => ({
  draftId,
  past: [],
  future: [],
  burst: null,
});

/**
 * Records that `before` was changed. An edit with a `burstKey` equal to the last one's, within
 * COALESCE_MS of it, joins that step instead of making a new one (typing in one field).
 */
export function record(history: History, before: Draft, label: string, burstKey: string | null, now: number): History {
  const current = history.draftId === before.id ? history : emptyHistory(before.id);
  if (burstKey !== null && current.burst?.key === burstKey && now - current.burst.at < COALESCE_MS) {
    return { ...current, future: [], burst: { key: burstKey, at: now } };
  }
  return {
    draftId: before.id,
    past: [...current.past, { draft: before, label }].slice(-HISTORY_LIMIT),
    future: [],
    burst: burstKey === null ? null : { key: burstKey, at: now },
  };
}

export interface Travel {
  history: History;
  draft: Draft;
  label: string;
}

/** One step back (undo) or forward (redo); null when there is none, or the history is another draft's. */
export function travel(history: History, current: Draft, direction: 'undo' | 'redo'): Travel | null {
  const [from, to] = direction === 'undo' ? (['past', 'future'] as const) : (['future', 'past'] as const);
  const step = history.draftId === current.id ? history[from].at(-1) : undefined;
  if (!step) return null;
  return {
    history: {
      ...history,
      [from]: history[from].slice(0, -1),
      [to]: [...history[to], { draft: current, label: step.label }],
      burst: null,
    },
    draft: step.draft,
    label: step.label,
  };
}

/** Which history command a key press asks for: Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo. */
export function historyShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
