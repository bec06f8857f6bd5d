import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { PER_STORE_TESTS, STORE_KINDS } from './tests/support/store-kinds';

// One throwaway Postgres cluster per project that needs one (issue 14).
const postgres = ['tests/server/postgres-setup.ts'];

export default defineConfig({
  plugins: [WxtVitest()],
  // The build flags wxt.config.ts defines, at their defaults (an ordinary local build).
  define: {
    __HALO_E2E__: 'false',
    __HALO_DEFAULT_ENDPOINT__: JSON.stringify('http://127.0.0.1:8787'),
    __HALO_REQUIRE_TOKEN__: 'false',
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          exclude: PER_STORE_TESTS,
          environment: 'node',
          globalSetup: postgres,
          // Server tests listen on real loopback ports with their own SQLite files.
          testTimeout: 30_000,
        },
      },
      // The server suite once per store, on a database of its own per test (issue 14).
      ...STORE_KINDS.map((kind) => ({
        extends: true as const,
        test: {
          name: `server-${kind}`,
          include: PER_STORE_TESTS,
          environment: 'node',
          env: { HALO_TEST_STORE: kind },
          globalSetup: kind === 'postgres' ? postgres : [],
          testTimeout: 30_000,
        },
      })),
    ],
  },
});
