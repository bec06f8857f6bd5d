// WXT's vitest plugin registers this setup at the root; vitest projects do not inherit it, so the
// unit project stubs the extension APIs with WXT's in-memory fake browser itself.
import { beforeAll, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadRenderer } from '@/lib/halo/render-loader';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

// Pages load the renderer as a chunk after their first paint (issue 18, lean bundles); component
// tests start with it loaded, as a page is a moment after it opens. Only they: other files need not
// pay for loading it.
beforeAll(async () => {
  if (/[\\/]components[\\/]/.test(expect.getState().testPath ?? '')) await loadRenderer();
});
