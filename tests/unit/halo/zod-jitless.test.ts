import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 15: zod's JIT probes `new Function` when an object schema is BUILT (module load), which an
// extension page's CSP reports as a violation (Firefox shows it in the add-on's console at every
// start). Every extension page that can load zod must import lib/halo/zod-jitless first.
const root = join(import.meta.dirname, '../../..');
const pages = readdirSync(join(root, 'entrypoints'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('entrypoints', entry.name, 'main.tsx'))
  .filter((path) => existsSync(join(root, path)));

describe('zod runs jitless in the extension', () => {
  it.each([join('entrypoints', 'background', 'index.ts'), ...pages])('%s imports zod-jitless first', (path) => {
    const source = readFileSync(join(root, path), 'utf8');
    const firstImport = source.match(/^import [^;]+;/m)?.[0];
    expect(firstImport).toBe("import '@/lib/halo/zod-jitless';");
  });

  it('finds the React pages (popup, options, …)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });
});

// Issue 18 (lean bundles): zod-jitless sets zod's global setting without importing zod, so a page
// whose zod code loads later does not parse it at first paint. zod must still read it.
describe('zod-jitless without importing zod', () => {
  it('sets the setting zod reads, whether zod loads before or after it', async () => {
    const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
    const before = holder.__zod_globalConfig?.jitless;
    try {
      await import('@/lib/halo/zod-jitless');
      const { z } = await import('zod');
      expect(z.config().jitless).toBe(true);
      const source = readFileSync(join(root, 'lib/halo/zod-jitless.ts'), 'utf8');
      expect(source).not.toMatch(/from 'zod'/);
    } finally {
      if (holder.__zod_globalConfig) holder.__zod_globalConfig.jitless = before;
    }
  });
});
