/**
 * "Load the whole thread" (issue 11): chat sites such as Claude, Gemini and long ChatGPT threads
 * add older turns only when their scroller nears its start. This loop scrolls there until no new
 * turns arrive, within a bound, and can be stopped. It knows nothing of the DOM or of timers: the
 * page side (whole-thread.ts) gives it a scroller, a turn count and a clock, so tests can drive it.
 */

/** The defaults: the bound the user is promised, and how long "no new turns" must last. */
export const THREAD_LOAD = {
  boundMs: 30_000,
  /** Sites fetch a page of older turns in well under this; a spinner still shown keeps it waiting. */
  quietMs: 2_000,
  tickMs: 150,
} as const;

/** The thread's scroll container, as the loop needs it. */
export interface ThreadScroller {
  /** Scrolls to the thread's start (the oldest turns), where lazy loaders fetch more. */
  toStart(): void;
  atStart(): boolean;
  /** The page says it is still loading (a busy region or a progress bar in the thread). */
  busy(): boolean;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface LoadProgress {
  turns: number;
  elapsedMs: number;
}

export interface LoadOptions {
  scroller: ThreadScroller;
  countTurns(): number;
  signal?: AbortSignal;
  clock?: Clock;
  boundMs?: number;
  quietMs?: number;
  tickMs?: number;
  onProgress?(progress: LoadProgress): void;
}

/**
 * How loading ended. Only `complete` means the thread looks whole: the start reached, no new
 * turns for a while and nothing still loading. `most` is the highest count seen, so the caller
 * can tell that the page removed turns on the way (a virtualised list).
 */
export interface LoadOutcome {
  status: 'complete' | 'bound' | 'cancelled' | 'failed';
  turns: number;
  before: number;
  most: number;
  elapsedMs: number;
  /** What went wrong, for `failed`: the page's own code threw. */
  error?: string;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((done) => {
      if (signal?.aborted) return done();
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      signal?.addEventListener('abort', finish, { once: true });
    }),
};

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().slice(0, 200) || 'no details given';
}

export async function loadOlderTurns(options: LoadOptions): Promise<LoadOutcome> {
  const {
    scroller,
    countTurns,
    signal,
    clock = realClock,
    boundMs = THREAD_LOAD.boundMs,
    quietMs = THREAD_LOAD.quietMs,
    tickMs = THREAD_LOAD.tickMs,
    onProgress,
  } = options;
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  let turns = 0;
  let before = 0;
  let most = 0;
  const end = (status: LoadOutcome['status'], error?: unknown): LoadOutcome => ({
    status,
    turns,
    before,
    most,
    elapsedMs: elapsed(),
    ...(error === undefined ? {} : { error: describe(error) }),
  });
  try {
    turns = countTurns();
    before = turns;
    most = turns;
  } catch (error) {
    return end('failed', error);
  }
  const report = () => {
    try {
      onProgress?.({ turns, elapsedMs: elapsed() });
    } catch {
      // Progress is for the user's eyes; a closed popup must not stop the load.
    }
  };
  report();
  let lastChange = clock.now();
  for (;;) {
    if (signal?.aborted) return end('cancelled');
    if (elapsed() >= boundMs) return end('bound');
    let quiet: boolean;
    try {
      scroller.toStart();
      await clock.sleep(Math.min(tickMs, Math.max(0, boundMs - elapsed())), signal);
      if (signal?.aborted) return end('cancelled');
      const count = countTurns();
      if (count !== turns) {
        turns = count;
        most = Math.max(most, count);
        lastChange = clock.now();
        report();
        continue;
      }
      quiet = clock.now() - lastChange >= quietMs && scroller.atStart() && !scroller.busy();
    } catch (error) {
      // The page's scroller or markup threw (a getter, a removed node): stop, say so.
      return end('failed', error);
    }
    if (quiet) return end('complete');
  }
}
