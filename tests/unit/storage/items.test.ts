import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { blockText } from '@/lib/halo/block-text';
import { DEFAULT_ENDPOINT, draftIndexItem, draftItem, settingsItem } from '@/lib/storage/items';

const draftV1 = JSON.parse(readFileSync(resolve('tests/fixtures/storage/draft-v1.json'), 'utf8'));
const indexV1 = JSON.parse(readFileSync(resolve('tests/fixtures/storage/draft-index-v1.json'), 'utf8'));

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
    expect(meta['draft:old-1$']).toMatchObject({ v: 3 });
  });

  it('leaves a current draft untouched', async () => {
    const current = { ...draftV1, allowSearchEngines: true };
    await fakeBrowser.storage.local.set({ 'draft:new-1': current, 'draft:new-1$': { v: 3 } });
    expect(await draftItem('new-1').getValue()).toEqual(current);
  });

  it('migrates the draft index of version 1 (ids only) to summaries read from each draft (issue 4)', async () => {
    await fakeBrowser.storage.local.set({ draftIndex: indexV1, 'draft:draft-v1-fixture': draftV1 });
    // WXT migrates when the item is defined (at start-up); here the old data came after that.
    await draftIndexItem.migrate();
    expect(await draftIndexItem.getValue()).toEqual({
      currentId: 'draft-v1-fixture',
      // A listed draft that no longer exists is left out; every other keeps its place.
      drafts: [
        {
          id: 'draft-v1-fixture',
          title: 'A draft saved by version 1',
          site: 'example.com',
          url: 'https://example.com/post',
          updatedAt: '2026-11-20T09:05:00.000Z',
          blocks: 1,
          captureKey: 'selection|https://example.com/post|abc',
        },
      ],
    });
    // The draft itself is migrated too, never dropped.
    expect(await draftItem('draft-v1-fixture').getValue()).toEqual({ ...draftV1, allowSearchEngines: false });
  });
});

describe('draft v3: sections (issue 12)', () => {
  beforeEach(() => fakeBrowser.reset());
  const collection = JSON.parse(readFileSync(resolve('tests/fixtures/storage/draft-v2-collection.json'), 'utf8'));

  it('opens a section at each change of page in a collection stored by version 2, losing nothing', async () => {
    await fakeBrowser.storage.local.set({ 'draft:c': collection, 'draft:c$': { v: 2 } });
    const draft = (await draftItem('c').getValue())!;
    expect(draft.blocks.map((b) => [b.block.type, blockText(b.block), b.block.source?.url ?? null])).toEqual([
      ['section', 'Page one', 'https://one.example/a'],
      ['text', 'First, before the collection', null],
      ['text', 'From one again', null],
      ['section', 'Page two', 'https://two.example/b'],
      ['text', 'From two', null],
      ['section', 'Chat', 'https://chatgpt.com/c/1'],
      ['message', 'From a chat', null],
    ]);
    // Ids, inclusion and fingerprints stay; the draft's own fields too.
    const kept = draft.blocks.filter((b) => b.block.type !== 'section');
    expect(kept.map((b) => [b.id, b.included, b.capturedAs])).toEqual([
      ['b1', true, undefined],
      ['b2', true, 'text|x'],
      ['b3', false, undefined],
      ['b4', true, undefined],
    ]);
    expect(draft).toMatchObject({ title: 'Reading notes', note: 'three pages, collected by version 2' });
    // The first section is the draft's own thread, so adding that page again finds it.
    expect(draft.blocks[0]!.captureKey).toBe(collection.captureKey);
    const meta = await fakeBrowser.storage.local.get('draft:c$');
    expect(meta['draft:c$']).toMatchObject({ v: 3 });
  });
});
