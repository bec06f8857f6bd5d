// WXT's vitest plugin registers this setup at the root; vitest projects do not inherit it, so the
// unit project stubs the extension APIs with WXT's in-memory fake browser itself.
import { beforeAll, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from '../support/catalogue';
import { useCatalogue } from '@/lib/capture/say';
import { loadRenderer } from '@/lib/halo/render-loader';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);

// The fake browser has no i18n: the English catalogue (locales/en.yml) answers, as a browser in
// English would (issue 17).
const getMessage = getMessageFrom(await chromeMessages('en'));
fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
  getMessage(key, subs)) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
// The capture code's catalogue, as capture.js hands it the extension's (lib/capture/say.ts).
// Imported only now: its browser API is the global it finds when it loads, the fake one above.
const { i18n } = await import('#i18n');
useCatalogue(i18n.t);

// Pages load the renderer as a chunk after their first paint (issue 18, lean bundles); component
// tests start with it loaded, as a page is a moment after it opens. Only they: other files need not
// pay for loading it.
beforeAll(async () => {
  if (/[\\/]components[\\/]/.test(expect.getState().testPath ?? '')) await loadRenderer();
});
