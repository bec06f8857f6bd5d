/**
 * Stores (issue 14): publishes per second and page views per second for SQLite with one instance
 * and Postgres with one and with three instances, each instance its own process; page views also
 * as a share of a bare node:http server sending the same bytes. Three instances get one load
 * generator each (the sum is reported): on this 2-core machine they compete for the same cores,
 * so the figure shows the cost of the network store, not the scaling a second machine would give.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPostgresCluster } from '../tests/support/postgres-cluster';
import { startServerProcess, type ServerProcess } from '../tests/support/server-process';
import type { BenchRow } from './types';

const DURATION_S = 5;
const CONNECTIONS = 12;

const halo = (messages: number) => ({
  version: 1,
  title: 'Bench',
  source: { url: 'https://chatgpt.com/c/bench', title: 'Bench', site: 'chatgpt', capturedAt: '2026-11-30T10:00:00Z' },
  blocks: Array.from({ length: messages }, (_, i) => ({
    type: 'message',
    role: i % 2 ? 'assistant' : 'user',
    author: i % 2 ? 'ChatGPT' : 'You',
    markdown: `Message ${i}: use **sorted**:\n\n\`\`\`python\nprint(sorted([3, 1, 2]))\n\`\`\``,
  })),
});

async function autocannon(url: string, connections: number, post?: string, headers: string[] = []) {
  const args = ['-j', '-c', String(connections), '-d', String(DURATION_S), ...headers.flatMap((h) => ['-H', h])];
  if (post) args.push('-m', 'POST', '-H', 'Content-Type=application/json', '-b', post);
  const { stdout } = await promisify(execFile)('node_modules/.bin/autocannon', [...args, url], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(stdout) as { requests: { average: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, errors: r.errors + r.non2xx };
}

/** One load generator per instance, together; the sum. */
async function loadAll(urls: string[], post?: string, headers: string[] = []) {
  const each = await Promise.all(urls.map((u) => autocannon(u, Math.ceil(CONNECTIONS / urls.length), post, headers)));
  return { rps: each.reduce((s, r) => s + r.rps, 0), errors: each.reduce((s, r) => s + r.errors, 0) };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'halo-bench-stores-'));
  const cluster = await startPostgresCluster();
  const body = JSON.stringify(halo(20));
  const common = { HALO_RATE_PER_MINUTE: '1000000000', HALO_RATE_PER_DAY: '1000000000', HALO_FETCH_IMAGES: '0' };
  let bareRps = 0;
  try {
    const setups: [string, () => Promise<ServerProcess[]>][] = [
      ['SQLite ×1', async () => [await startServerProcess({ ...common, HALO_DB_PATH: join(dir, 'bench.db') })]],
      [
        'Postgres ×1',
        async () => {
          const url = await cluster.createDatabase('bench');
          return [await startServerProcess({ ...common, HALO_DATABASE_URL: url })];
        },
      ],
      [
        'Postgres ×3',
        async () => {
          const url = await cluster.createDatabase('bench');
          return Promise.all([1, 2, 3].map(() => startServerProcess({ ...common, HALO_DATABASE_URL: url })));
        },
      ],
    ];
    for (const [name, start] of setups) {
      const instances = await start();
      try {
        const res = await fetch(`${instances[0]!.url}/api/v1/halos`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        const { id } = (await res.json()) as { id: string };
        const page = await fetch(`${instances[0]!.url}/h/${id}`);
        const bytes = Buffer.from(await page.arrayBuffer());
        if (!bareRps) {
          const headers = Object.fromEntries(page.headers);
          const bare = createServer((_req, out) => out.writeHead(200, headers).end(bytes));
          await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
          bareRps = (await autocannon(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, CONNECTIONS)).rps;
          bare.close();
          bare.closeAllConnections();
          rows.push({
            group: 'stores',
            name: `bare node:http (${bytes.length} B page)`,
            value: Math.round(bareRps),
            unit: 'req/s',
          });
        }
        const views = await loadAll(instances.map((i) => `${i.url}/h/${id}`));
        // As browsers ask (issue 21): the brotli variant, once made, from memory after a tag read.
        for (let tries = 0; tries < 100; tries++) {
          const res = await fetch(`${instances[0]!.url}/h/${id}`, { headers: { 'Accept-Encoding': 'br' } });
          await res.arrayBuffer();
          if (res.headers.get('content-encoding') === 'br') break;
          await new Promise((ok) => setTimeout(ok, 50));
        }
        const brViews = await loadAll(
          instances.map((i) => `${i.url}/h/${id}`),
          undefined,
          ['Accept-Encoding=br'],
        );
        const publishes = await loadAll(
          instances.map((i) => `${i.url}/api/v1/halos`),
          body,
        );
        const note = `${CONNECTIONS} connections, ${DURATION_S} s, each instance its own process`;
        rows.push(
          {
            group: 'stores',
            name: `${name}: publishes (20 messages)`,
            value: Math.round(publishes.rps),
            unit: '/s',
            note: `${note}, ${publishes.errors} errors`,
          },
          {
            group: 'stores',
            name: `${name}: page views`,
            value: Math.round(views.rps),
            unit: '/s',
            note: `${views.errors} errors`,
          },
          {
            group: 'stores',
            name: `${name}: page views, brotli`,
            value: Math.round(brViews.rps),
            unit: '/s',
            note: `${brViews.errors} errors`,
          },
          {
            group: 'stores',
            name: `${name}: page views vs bare node:http`,
            value: (100 * views.rps) / bareRps,
            unit: '%',
          },
        );
      } finally {
        await Promise.all(instances.map((i) => i.kill()));
      }
    }
  } finally {
    await cluster.destroy();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
