/**
 * Server: page views per second and p99 next to a bare node:http server answering the same bytes
 * from memory (same run, same machine), and publish latency for a 200-message Halo.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCard } from '../server/og-card';
import { startHaloServer } from '../server/start';
import { median, percentile } from './support';
import type { BenchRow } from './types';

const DURATION_S = 5;
const CONNECTIONS = 10;

function chatHalo(messages: number, title = 'Bench') {
  return {
    version: 1,
    title,
    source: { url: 'https://chatgpt.com/c/bench', title: 'Bench', site: 'chatgpt', capturedAt: '2026-11-23T10:00:00Z' },
    blocks: Array.from({ length: messages }, (_, i) =>
      i % 2 === 0
        ? { type: 'message', role: 'user', author: 'You', markdown: `Question ${i}: how do I sort a list in Python?` }
        : {
            type: 'message',
            role: 'assistant',
            author: 'ChatGPT',
            markdown: `Use **sorted** or \`list.sort\`:\n\n\`\`\`python\nitems = [3, 1, 2]\nprint(sorted(items))\n\`\`\`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nMath: $O(n \\log n)$.`,
          },
    ),
  };
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
async function load(url: string) {
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/autocannon',
    ['-j', '-c', String(CONNECTIONS), '-d', String(DURATION_S), url],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    errors: number;
    non2xx: number;
  };
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'halo-bench-'));
  const server = await startHaloServer({
    port: 0,
    dbPath: join(dir, 'halos.db'),
    rateLimit: { perMinute: 1e9, perDay: 1e9 },
  });
  const rows: BenchRow[] = [];
  try {
    const publish = (body: unknown) =>
      fetch(`${server.url}/api/v1/halos`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const { url } = (await (await publish(chatHalo(20))).json()) as { url: string };
    // The card is drawn after the 201: let it finish so it does not share the page-view run.
    for (let i = 0; i < 200 && (await fetch(`${url}/card.png`)).status !== 200; i++)
      await new Promise((ok) => setTimeout(ok, 50));
    // The page itself, as autocannon (no Accept-Encoding) gets it; wire.bench.ts measures brotli.
    const page = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
    const bytes = Buffer.from(await page.arrayBuffer());
    const headers = Object.fromEntries(page.headers);

    const bare = createServer((_req, res) => res.writeHead(200, headers).end(bytes));
    await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    try {
      const halo = await load(url);
      const baseline = await load(bareUrl);
      rows.push(
        {
          group: 'server',
          name: `GET /h/:id (${bytes.length} B page)`,
          value: Math.round(halo.rps),
          unit: 'req/s',
          note: `${CONNECTIONS} connections, ${DURATION_S} s, ${halo.errors} errors`,
        },
        { group: 'server', name: 'GET /h/:id p99', value: halo.p99, unit: 'ms' },
        { group: 'server', name: 'bare node:http, same bytes', value: Math.round(baseline.rps), unit: 'req/s' },
        { group: 'server', name: 'bare node:http p99', value: baseline.p99, unit: 'ms' },
        {
          group: 'server',
          name: 'page views vs bare server',
          value: (100 * halo.rps) / baseline.rps,
          unit: '%',
          target: '>= 70 %',
        },
      );
    } finally {
      bare.close();
      bare.closeAllConnections();
    }

    // The link-preview card (issue 13), drawn on this thread here to time it alone.
    const cardTimes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      renderCard(chatHalo(2, `Card ${i}: how do I sort a list in Python, and why is it stable?`) as never);
      if (i >= 2) cardTimes.push(performance.now() - started);
    }
    rows.push({
      group: 'server',
      name: 'link-preview card (1200×630 PNG) median',
      value: median(cardTimes),
      unit: 'ms',
      note: 'drawn after the 201 on the thread pool, one at a time: not part of publish latency',
    });

    const times: number[] = [];
    const WARMUP = 10;
    for (let i = 0; i < WARMUP + 200; i++) {
      const body = chatHalo(200, `Bench ${i}`);
      const started = performance.now();
      const res = await publish(body);
      await res.arrayBuffer();
      if (i >= WARMUP) times.push(performance.now() - started);
      if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
    }
    const size = JSON.stringify(chatHalo(200)).length;
    rows.push(
      {
        group: 'server',
        name: `publish 200 messages (${Math.round(size / 1024)} KiB) median`,
        value: median(times),
        unit: 'ms',
      },
      {
        group: 'server',
        name: 'publish 200 messages p99',
        value: percentile(times, 99),
        unit: 'ms',
        target: '< 50 ms',
        note: '200 sequential publishes after 10 warm-up, loopback, synchronous=FULL',
      },
    );
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
