// Crash safety (issue 6): every publish the server acknowledged with 201 survives a kill -9.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { HaloSchema } from '@/lib/halo/schema';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { databaseEnv, freshDatabase, type TestDatabase } from '../support/stores';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The server as one real process, from the bundle built once per test process (a start costs no compiling). */
async function startServer(db: TestDatabase): Promise<ServerProcess> {
  const server = await startServerProcess({
    ...databaseEnv(db),
    HALO_RATE_PER_MINUTE: '100000',
    HALO_RATE_PER_DAY: '1000000',
  });
  children.push(server.child);
  return server;
}

const haloNumber = (n: number) => ({
  version: 1,
  title: `Publish ${n}`,
  source: {
    url: `https://example.com/${n}`,
    title: `Page ${n}`,
    site: 'example.com',
    capturedAt: '2026-11-23T10:00:00Z',
  },
  blocks: [
    { type: 'message', role: 'user', author: 'You', markdown: `Question ${n} with unicode ✓ and "quotes"` },
    {
      type: 'message',
      role: 'assistant',
      author: 'ChatGPT',
      markdown: `Answer ${n}\n\n\`\`\`js\nconsole.log(${n});\n\`\`\``,
    },
  ],
});

it('keeps every acknowledged publish, byte-identical, across kill -9', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'halo-crash-'));
  try {
    const db = await freshDatabase(dir);
    const first = await startServer(db);
    const acknowledged = new Map<string, ReturnType<typeof haloNumber>>();
    let killed = false;
    const send = async (n: number) => {
      const body = haloNumber(n);
      try {
        const res = await fetch(`${first.url}/api/v1/halos`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status === 201) acknowledged.set(((await res.json()) as { id: string }).id, body);
      } catch {
        // Cut off by the kill: not acknowledged, so nothing is promised.
      }
      if (!killed && acknowledged.size >= 150) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    };
    // 500 publishes, 50 in flight at a time.
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 500) await send(next++);
      }),
    );
    expect(killed).toBe(true);
    await new Promise((ok) =>
      first.child.exitCode !== null || first.child.signalCode ? ok(null) : first.child.once('exit', ok),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    // Really gone: nothing answers on its port any more.
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    const second = await startServer(db);
    for (const [id, sent] of acknowledged) {
      const res = await fetch(`${second.url}/h/${id}.json`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(JSON.stringify(HaloSchema.parse(sent)));
    }
    // Pages whose variants the killed server never made get them after the restart (issue 21),
    // and every compressed page decodes to the page itself.
    const pending = new Set(acknowledged.keys());
    for (let round = 0; round < 100 && pending.size > 0; round++) {
      for (const id of pending) {
        const res = await fetch(`${second.url}/h/${id}`, { headers: { 'Accept-Encoding': 'br' } });
        const text = await res.text();
        if (res.headers.get('content-encoding') !== 'br') continue;
        const plain = await fetch(`${second.url}/h/${id}`, { headers: { 'Accept-Encoding': 'identity' } });
        expect(plain.headers.get('content-encoding')).toBeNull();
        expect(text).toBe(await plain.text());
        expect(text).toContain(`<h1 class="halo-title">${acknowledged.get(id)!.title}</h1>`);
        pending.delete(id);
      }
      if (pending.size > 0) await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(pending.size).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
