/**
 * The one source of truth for the stores the server suite runs on (issue 14): vitest.config.ts
 * makes one project per entry from the files in PER_STORE_TESTS, each with HALO_TEST_STORE set.
 */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Server test files that run once per store: contract, bad input, images, idempotency, limits, crashes. */
export const PER_STORE_TESTS = [
  'tests/server/api.test.ts',
  'tests/server/api-v1.test.ts',
  'tests/server/images.test.ts',
  'tests/server/crash-safety.test.ts',
  'tests/server/concurrent-publish.test.ts',
];
