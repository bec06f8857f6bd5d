// @vitest-environment node
// Images behind the login (issue 11), from draft to published page: the capture's images are kept
// with the draft (not in it), uploaded before the Halo on every attempt without duplicating, and
// served by the real server from the Halo's origin; a full storage keeps the draft and says so.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHaloServer, type RunningServer } from '@/server/start';
import { keyCapturedImages } from '@/lib/capture/images/key-images';
import type { Capture, CaptureResult } from '@/lib/capture/types';
import { createFromCapture, deleteDraft, loadDraft } from '@/lib/draft/repository';
import { draftImageResolver } from '@/lib/draft/image-resolver';
import { renderMarkdown } from '@/lib/halo/render';
import type { PublishJob } from '@/lib/publish/job';
import { enqueuePublish } from '@/lib/publish/queue';
import { uploadCarriedImages } from '@/lib/publish/upload-images';
import { draftImagesItem, publishJobsItem, settingsItem } from '@/lib/storage/items';
import { draftToHalo } from '@/lib/draft/to-halo';
import { png } from '../../support/image-host';

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halo-queue-images-'));
  server = await startHaloServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'halos.db') });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await settingsItem.setValue({ endpoint: server.url, apiToken: '' });
});

const PICTURE = png(16, 9);

/** A capture as the page answers it (temporary reference), keyed as the extension keys it. */
async function captureWithImage(): Promise<Capture> {
  const answer: CaptureResult = {
    ok: true,
    capture: {
      kind: 'selection',
      title: 'Mock-up',
      source: {
        url: 'https://app.example.com/c/1',
        title: 'A',
        site: 'app.example.com',
        capturedAt: '2026-11-30T10:00:00Z',
      },
      blocks: [
        {
          block: {
            type: 'text',
            markdown: 'See ![mock-up](halo-image:capture-x1-0) and ![big](halo-image:left-out:too-big)',
          },
          included: true,
        },
      ],
      warnings: ['One image was left out and shows as a placeholder: “big” (larger than 5 MB).'],
      images: [{ ref: 'halo-image:capture-x1-0', type: 'image/png', data: PICTURE.toString('base64') }],
    },
  };
  const keyed = await keyCapturedImages(answer);
  if (!keyed.ok) throw new Error('keying failed');
  return keyed.capture;
}

async function settled(job: PublishJob): Promise<PublishJob> {
  for (let i = 0; i < 200; i++) {
    const stored = (await publishJobsItem.getValue())[job.id]!;
    if (stored.state.status !== 'queued' && stored.state.status !== 'publishing') return stored;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('the job never finished');
}

it('keeps the images beside the draft, previews them, publishes them and serves them from the Halo origin', async () => {
  const capture = await captureWithImage();
  const draft = await createFromCapture(capture);
  const sha = capture.images![0]!.ref.slice('halo-image:'.length);
  expect(draft.blocks[0]!.block).toMatchObject({
    markdown: `See ![mock-up](halo-image:${sha}) and ![big](halo-image:left-out:too-big)`,
  });
  // Beside the draft, not in it: a keystroke never rewrites the pictures.
  expect(JSON.stringify(await loadDraft(draft.id))).not.toContain(PICTURE.toString('base64'));
  const images = await draftImagesItem(draft.id).getValue();
  expect(images[sha]).toEqual({ type: 'image/png', data: PICTURE.toString('base64') });

  // The popup preview makes a data: URL at render time.
  const preview = renderMarkdown(
    draft.blocks[0]!.block.type === 'section' ? '' : draft.blocks[0]!.block.markdown,
    draftImageResolver(images),
  );
  expect(preview).toContain(`<img src="data:image/png;base64,${PICTURE.toString('base64')}" alt="mock-up"`);
  expect(preview).toContain('Image left out (larger than 5 MB): big');

  const job = await settled(await enqueuePublish(draft.id));
  if (job.state.status !== 'published') throw new Error(`publish failed: ${JSON.stringify(job.state)}`);
  const html = await (await fetch(job.state.url)).text();
  const src = /<img src="(\/h\/[^"]+\/i\/\d+\?v=[^"]+)" alt="mock-up"/.exec(html)?.[1];
  expect(src).toBeDefined();
  expect(html).toContain('Image left out (larger than 5 MB): big');
  const served = await fetch(`${server.url}${src}`);
  expect(Buffer.from(await served.arrayBuffer()).equals(PICTURE)).toBe(true);

  // A retried upload (a job resumed after a lost answer) stores nothing new.
  expect(await uploadCarriedImages(await settingsItem.getValue(), draft.id, draftToHalo(draft))).toEqual({
    ok: true,
    uploaded: 1,
    refused: 0,
  });
  const db = new Database(server.dbPath, { readonly: true });
  expect(db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 1 });
  db.close();

  await deleteDraft(draft.id);
  expect(await draftImagesItem(draft.id).getValue()).toEqual({});
});

it('an upload the server cannot take now is retried with the publish; one it refuses is left out', async () => {
  const draft = await createFromCapture(await captureWithImage());
  const halo = draftToHalo(draft);
  const down = await uploadCarriedImages({ endpoint: 'http://127.0.0.1:9', apiToken: '' }, draft.id, halo);
  expect(down).toMatchObject({ ok: false, retryable: true, error: { code: 'network' } });
  // Bytes that are not an image (a corrupted store): the server refuses them, the publish goes on.
  const sha = Object.keys(await draftImagesItem(draft.id).getValue())[0]!;
  await draftImagesItem(draft.id).setValue({ [sha]: { type: 'image/png', data: btoa('<svg/>') } });
  expect(await uploadCarriedImages(await settingsItem.getValue(), draft.id, halo)).toEqual({
    ok: true,
    uploaded: 0,
    refused: 1,
  });
});

it('storage full: the draft is kept without its images, and a warning says so (issue 11)', async () => {
  const capture = await captureWithImage();
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
    if (Object.keys(items).some((key) => key.startsWith('draftImages:')))
      throw new Error('Resource::kQuotaBytes quota exceeded');
    return set(items);
  });
  const draft = await createFromCapture(capture);
  expect(await loadDraft(draft.id)).toMatchObject({
    warnings: [
      'One image was left out and shows as a placeholder: “big” (larger than 5 MB).',
      expect.stringMatching(/^Browser storage is full: the image of this capture could not be kept/),
    ],
  });
  expect(await draftImagesItem(draft.id).getValue()).toEqual({});
});
