/**
 * Property-based tests (issue 16): seeded and reproducible. `npm test` runs a fixed seed and a
 * bounded number of cases; `npm run fuzz` runs each property for HALO_FUZZ_SECONDS with a fresh
 * seed. A failure prints the seed and path, and the command that replays it.
 */
import fc from 'fast-check';

const seconds = Number(process.env.HALO_FUZZ_SECONDS ?? 0);
/** True under `npm run fuzz`: each property runs for HALO_FUZZ_SECONDS instead of a fixed count. */
export const LONG_RUN = Number.isFinite(seconds) && seconds > 0;

const fixedSeed = process.env.HALO_FUZZ_SEED ? Number(process.env.HALO_FUZZ_SEED) : undefined;
const replayPath = process.env.HALO_FUZZ_PATH || undefined;

/** The seed for one property: HALO_FUZZ_SEED, else a fresh one in a long run, else a fixed one per property. */
function seedFor(name: string): number {
  if (fixedSeed !== undefined) return fixedSeed;
  if (LONG_RUN) return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  let hash = 16;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

/** The vitest timeout for a property: its own in `npm test`, the whole run plus slack under `npm run fuzz`. */
export const fuzzTimeout = (ms: number): number => (LONG_RUN ? seconds * 1000 + 120_000 : ms);

/**
 * Checks a property: `runs` cases in `npm test`, as many as fit in HALO_FUZZ_SECONDS in a long
 * run. On failure the error names the seed, the path and the command that replays the case.
 */
export async function fuzz<Ts>(
  name: string,
  property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>,
  runs: number,
): Promise<void> {
  const seed = seedFor(name);
  if (LONG_RUN) console.log(`fuzz: ${name}: seed ${seed}, ${seconds} s`);
  const params: fc.Parameters<Ts> = LONG_RUN
    ? { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false }
    : { seed, numRuns: runs };
  if (replayPath) params.path = replayPath;
  // HALO_FUZZ_NO_SHRINK=1 reports the first failing case as found: shrinking a huge one can take minutes.
  if (process.env.HALO_FUZZ_NO_SHRINK) params.endOnFailure = true;
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, params);
  if (!details.failed) {
    if (LONG_RUN) console.log(`fuzz: ${name}: ${details.numRuns} cases passed`);
    return;
  }
  const replay = `HALO_FUZZ_SEED=${details.seed} HALO_FUZZ_PATH=${details.counterexamplePath ?? ''} npx vitest run`;
  const example = JSON.stringify(details.counterexample, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 2_000 ? `${value.slice(0, 2_000)}… (${value.length} chars)` : value,
  );
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `fuzz: ${name} failed after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}).\n` +
      `Replay: ${replay}\nCounterexample: ${example}\nCause: ${cause}\n` +
      'Add it to tests/fixtures/fuzz/regressions.ts once fixed.',
  );
}
