import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ENDPOINT, draftItem, settingsItem } from '@/lib/storage/items';

const draftV1 = JSON.parse(readFileSync(resolve('tests/fixtures/storage/draft-v1.json'), 'utf8'));

describe('storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('settings fall back to the local endpoint and record their version', async () => {
    expect(await settingsItem.getValue()).toEqual({ endpoint: DEFAULT_ENDPOINT, apiToken: '' });
    await settingsItem.setValue({ endpoint: 'https://halo.example.com', apiToken: 't' });
    const stored = await fakeBrowser.storage.local.get(['settings', 'settings$']);
    expect(stored.settings).toEqual({ endpoint: 'https://halo.example.com', apiToken: 't' });
  });

  it('migrates a draft stored by version 1 to version 2 without losing anything', async () => {
    // No "$" meta key: how WXT stores a value written by a version-1 item.
    await fakeBrowser.storage.local.set({ 'draft:old-1': draftV1 });
    const draft = await draftItem('old-1').getValue();
    expect(draft).toEqual({ ...draftV1, allowSearchEngines: false });
    const meta = await fakeBrowser.storage.local.get('draft:old-1$');
    expect(meta['draft:old-1$']).toMatchObject({ v: 2 });
  });

  it('leaves a current draft untouched', async () => {
    const current = { ...draftV1, allowSearchEngines: true };
    await fakeBrowser.storage.local.set({ 'draft:new-1': current, 'draft:new-1$': { v: 2 } });
    expect(await draftItem('new-1').getValue()).toEqual(current);
  });
});
