// The same publish sent 20 times at once (issue 5): the queue makes one job with one
// Idempotency-Key, and the real server (loopback, real SQLite file) one Halo. The server's own
// 50-concurrent-POSTs-one-key test is in tests/server/api-v1.test.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
// The extension's queue runs on WXT's fake browser (storage, alarms), set before its modules load;
// the server is real.
await vi.hoisted(async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
});
import { startHaloServer, type RunningServer } from '../../server/start';
import { freshDatabase } from '../support/stores';
import { draftFromCapture } from '@/lib/draft/from-capture';
import { saveDraft } from '@/lib/draft/repository';
import { enqueuePublish } from '@/lib/publish/queue';
import { publishJobsItem, settingsItem } from '@/lib/storage/items';

let dir: string;
let server: RunningServer;

beforeEach(async () => {
  fakeBrowser.reset();
  dir = await mkdtemp(join(tmpdir(), 'halo-queue-'));
  server = await startHaloServer({ port: 0, ...(await freshDatabase(dir)) });
  await settingsItem.setValue({ endpoint: server.url, apiToken: '' });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

it('publishes one draft sent 20 times concurrently exactly once', async () => {
  const draft = draftFromCapture({
    kind: 'selection',
    title: 'Lazy Fibonacci',
    source: { url: 'https://example.com/fib', title: 'Fib', site: 'example.com', capturedAt: '2026-11-25T10:00:00Z' },
    blocks: [{ block: { type: 'text', markdown: 'def fib(): ...' }, included: true }],
    warnings: [],
  });
  await saveDraft(draft);

  // No clipboard here: the one job tries to copy its link once, and says so.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const jobs = await Promise.all(Array.from({ length: 20 }, () => enqueuePublish(draft.id)));
  expect(new Set(jobs.map((job) => job.id)).size).toBe(1);
  await vi.waitFor(
    async () => {
      const stored = Object.values(await publishJobsItem.getValue());
      expect(stored.map((job) => job.state.status)).toEqual(['published']);
    },
    { timeout: 10_000, interval: 50 },
  );
  const health = (await (await fetch(`${server.url}/readyz`)).json()) as { halos: number };
  expect(health.halos).toBe(1);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]![0]).toBe('Halo: copying the link failed');
});
