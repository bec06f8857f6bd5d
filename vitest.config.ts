import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

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
          environment: 'node',
          // Server tests listen on real loopback ports with their own SQLite files.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
