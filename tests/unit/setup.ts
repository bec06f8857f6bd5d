// WXT's vitest plugin registers this setup at the root; vitest projects do not inherit it, so the
// unit project stubs the extension APIs with WXT's in-memory fake browser itself.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
