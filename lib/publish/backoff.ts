/** Delay before retry number `attempt` (1-based): exponential from 2 s, capped at 10 min, full jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  // Never below 1 s, so a flapping server is not hammered; chrome.alarms rounds up to its own minimum anyway.
  return Math.max(1_000, Math.round(ceiling * random()));
}
