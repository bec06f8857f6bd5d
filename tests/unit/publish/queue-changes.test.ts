// @vitest-environment node
// Update and Unpublish through the persisted queue (issue 4), against the real Halo server on a
// loopback port with its own SQLite file: the link stays and shows the new content; after an
// unpublish it answers 410; a Halo already gone is said plainly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHaloServer, type RunningServer } from '@/server/start';
import type { Capture } from '@/lib/capture/types';
import { createFromCapture, deleteDraft, loadDraft, saveDraft } from '@/lib/draft/repository';
import type { PublishJob } from '@/lib/publish/job';
import { enqueuePublish, enqueueUnpublish, enqueueUpdate } from '@/lib/publish/queue';
import { publishedItem, publishJobsItem, settingsItem } from '@/lib/storage/items';

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-queue-'));
  server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'halos.db') });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ endpoint: server.url, apiToken: '' });
});

const capture: Capture = {
  kind: 'article',
  title: 'First version',
  source: { url: 'https://example.com/a', title: 'A', site: 'example.com', capturedAt: '2026-11-25T10:00:00.000Z' },
  blocks: [{ block: { type: 'text', markdown: 'Original body' }, included: true }],
  warnings: [],
};

/** Waits until the job has left the queue, and answers it as stored. */
async function settled(job: PublishJob): Promise<PublishJob> {
  for (let i = 0; i < 200; i++) {
    const stored = (await publishJobsItem.getValue())[job.id]!;
    if (stored.state.status !== 'queued' && stored.state.status !== 'publishing') return stored;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('the job never finished');
}

async function publishNew(): Promise<{ haloId: string; url: string; draftId: string }> {
  const draft = await createFromCapture(capture);
  const job = await settled(await enqueuePublish(draft.id));
  if (job.state.status !== 'published') throw new Error(`publish failed: ${JSON.stringify(job.state)}`);
  return { haloId: job.state.haloId, url: job.state.url, draftId: draft.id };
}

it('Update puts the edited draft at the same link; Unpublish makes it answer 410 (issue 4)', async () => {
  const { haloId, url, draftId } = await publishNew();
  const record = (await publishedItem.getValue())[haloId]!;
  expect(record).toMatchObject({ url, endpoint: server.url, title: 'First version', draftId, status: 'live' });
  expect(record.editToken.length).toBeGreaterThan(20);

  const draft = (await loadDraft(draftId))!;
  const second = {
    ...draft,
    title: 'Second version',
    blocks: [{ ...draft.blocks[0]!, block: { type: 'text' as const, markdown: 'Edited body' } }],
  };
  await saveDraft(second);
  const update = await settled(await enqueueUpdate(haloId));
  expect(update).toMatchObject({ operation: 'update', haloId, state: { status: 'published', url } });
  const page = await (await fetch(url)).text();
  expect(page).toContain('Second version');
  expect(page).toContain('Edited body');
  expect((await publishedItem.getValue())[haloId]).toMatchObject({ title: 'Second version', status: 'live' });

  // B, then C, then B again: the last update is sent, not the finished one with B's key reused.
  await saveDraft({ ...second, title: 'Third version' });
  await settled(await enqueueUpdate(haloId));
  expect(await (await fetch(url)).text()).toContain('Third version');
  await saveDraft(second);
  expect((await settled(await enqueueUpdate(haloId))).id).not.toBe(update.id);
  expect(await (await fetch(url)).text()).toContain('Second version');

  const unpublish = await settled(await enqueueUnpublish(haloId));
  expect(unpublish.state.status).toBe('unpublished');
  expect((await fetch(url)).status).toBe(410);
  expect((await publishedItem.getValue())[haloId]).toMatchObject({ status: 'unpublished', url });
  await expect(enqueueUpdate(haloId)).rejects.toThrow('This Halo is no longer published.');
});

it('a Halo unpublished elsewhere: Update says so, Unpublish counts it done (issue 4)', async () => {
  const first = await publishNew();
  const second = await publishNew();
  for (const { haloId } of [first, second]) {
    const { editToken } = (await publishedItem.getValue())[haloId]!;
    const gone = await fetch(`${server.url}/api/v1/halos/${haloId}`, {
      method: 'DELETE',
      headers: { 'X-Halo-Edit-Token': editToken },
    });
    expect(gone.status).toBe(204);
  }
  const update = await settled(await enqueueUpdate(first.haloId));
  expect(update.state).toMatchObject({
    status: 'failed',
    error: { status: 410, message: expect.stringMatching(/already unpublished/) },
  });
  expect((await publishedItem.getValue())[first.haloId]?.status).toBe('unpublished');

  const unpublish = await settled(await enqueueUnpublish(second.haloId));
  expect(unpublish.state.status).toBe('unpublished');
  expect((await publishedItem.getValue())[second.haloId]?.status).toBe('unpublished');
});

it('the record outlives its draft: no Update without the draft, Unpublish still works (issue 4)', async () => {
  const { haloId, url, draftId } = await publishNew();
  await deleteDraft(draftId);
  await expect(enqueueUpdate(haloId)).rejects.toThrow(/draft of this Halo was deleted.*only be unpublished/);
  expect((await settled(await enqueueUnpublish(haloId))).state.status).toBe('unpublished');
  expect((await fetch(url)).status).toBe(410);
});

it('a wrong edit token is refused with the server’s reason, and the API token stays with its endpoint', async () => {
  const { haloId } = await publishNew();
  const records = await publishedItem.getValue();
  await publishedItem.setValue({ ...records, [haloId]: { ...records[haloId]!, editToken: 'not-the-token' } });
  const update = await settled(await enqueueUpdate(haloId));
  expect(update.state).toMatchObject({
    status: 'failed',
    error: { status: 403, message: expect.stringMatching(/refused the change \(HTTP 403\).*X-Halo-Edit-Token/) },
  });
  expect((await publishedItem.getValue())[haloId]?.status).toBe('live');
});
