/**
 * Publish rate limits per client address and per API token: fixed windows of a minute and a day,
 * in memory (one process; a multi-process deployment would move this to shared storage).
 */
export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export class RateLimiter {
  private readonly minute = new Map<string, Window>();
  private readonly day = new Map<string, Window>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one publish for every key (address, token); refuses when any is over its limit. */
  take(keys: string[]): RateDecision {
    const at = this.now();
    let wait = 0;
    for (const key of keys) {
      wait = Math.max(
        wait,
        this.over(this.minute, key, MINUTE, this.limits.perMinute, at),
        this.over(this.day, key, DAY, this.limits.perDay, at),
      );
    }
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    for (const key of keys) {
      this.count(this.minute, key, MINUTE, at);
      this.count(this.day, key, DAY, at);
    }
    this.sweep(at);
    return { ok: true };
  }

  private over(windows: Map<string, Window>, key: string, length: number, limit: number, at: number): number {
    const w = windows.get(key);
    if (!w || at - w.start >= length) return 0;
    return w.count >= limit ? w.start + length - at : 0;
  }

  private count(windows: Map<string, Window>, key: string, length: number, at: number): void {
    const w = windows.get(key);
    if (!w || at - w.start >= length) windows.set(key, { start: at, count: 1 });
    else w.count++;
  }

  private lastSweep = 0;
  /** Drops expired windows now and then, so memory follows the active clients only. */
  private sweep(at: number): void {
    if (at - this.lastSweep < MINUTE) return;
    this.lastSweep = at;
    for (const [key, w] of this.minute) if (at - w.start >= MINUTE) this.minute.delete(key);
    for (const [key, w] of this.day) if (at - w.start >= DAY) this.day.delete(key);
  }
}
