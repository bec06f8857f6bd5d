/**
 * Pages over the wire (issue 21): bytes sent for 500- and 5,000-message pages (raw, gzip,
 * brotli), the brotli quality table that chose the stored level, page views per second with brotli
 * next to a bare node:http server sending the same bytes, and what compressing costs a publish.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { compressPage, PAGE_BROTLI_QUALITY, PAGE_GZIP_LEVEL } from '../server/compress';
import { startHaloServer } from '../server/start';
import { realisticChatHalo } from './chat-halo';
import { median } from './support';
import type { BenchRow } from './types';

const DURATION_S = 5;
const CONNECTIONS = 10;
const ROUNDS = 3;

/** One GET over node:http, the body exactly as sent (fetch would decode it). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    // A fresh connection each time: a pooled one may be closing after the sync work above.
    request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * autocannon in its own process, so the load generator does not share the server's event loop.
 * Both servers run in this process: its CPU time over the run, per request answered, is what a
 * view costs, whatever else the machine is doing (requests per second follow the CPU share the
 * process happens to get, which on a shared machine says more about the neighbours).
 */
async function load(url: string, headers: Record<string, string>) {
  const cpu = process.cpuUsage();
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/autocannon',
    [
      '-j',
      '-c',
      String(CONNECTIONS),
      '-d',
      String(DURATION_S),
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
      url,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: result.requests.average,
    cpuUsPerRequest: (used.user + used.system) / result.requests.total,
    errors: result.errors + result.non2xx,
  };
}

const kb = (bytes: number) => Math.round(bytes / 1024);

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

/** Brotli at one quality, as the server stores pages (text mode, size hint). */
const brotliAt = (page: Buffer, quality: number) =>
  brotliCompressSync(page, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
    },
  });

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'halo-bench-wire-'));
  const server = await startHaloServer({
    port: 0,
    dbPath: join(dir, 'halos.db'),
    rateLimit: { perMinute: 1e9, perDay: 1e9 },
  });
  const rows: BenchRow[] = [];
  try {
    const publish = async (messages: number) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/halos`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(realisticChatHalo(messages, `Wire ${messages}`)),
      });
      if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
      const { url } = (await res.json()) as { url: string };
      const answered = performance.now();
      await server.pagesCompressed();
      return { url, publishMs: answered - started, variantsAfterMs: performance.now() - answered };
    };

    const pages = new Map<number, { url: string; raw: Buffer }>();
    for (const messages of [500, 5000]) {
      const { url, publishMs, variantsAfterMs } = await publish(messages);
      const raw = await get(url, {});
      const gzip = await get(url, { 'Accept-Encoding': 'gzip' });
      const br = await get(url, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      if (gzip.headers['content-encoding'] !== 'gzip' || br.headers['content-encoding'] !== 'br')
        throw new Error('the compressed variants were not served');
      pages.set(messages, { url, raw: raw.body });
      const label = messages.toLocaleString('en-US');
      rows.push(
        { group: 'wire', name: `${label}-message page, raw`, value: kb(raw.body.length), unit: 'KiB' },
        {
          group: 'wire',
          name: `${label}-message page, gzip ${PAGE_GZIP_LEVEL}`,
          value: kb(gzip.body.length),
          unit: 'KiB',
          note: `${((100 * gzip.body.length) / raw.body.length).toFixed(1)} % of raw`,
        },
        {
          group: 'wire',
          name: `${label}-message page, brotli ${PAGE_BROTLI_QUALITY}`,
          value: kb(br.body.length),
          unit: 'KiB',
          note: `${((100 * br.body.length) / raw.body.length).toFixed(1)} % of raw`,
        },
      );
      if (messages === 5000) {
        // What compressing would add to a publish if done before the 201 (it is done after).
        const compressMs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          await compressPage(raw.body);
          compressMs.push(performance.now() - started);
        }
        rows.push(
          {
            group: 'wire',
            name: 'publish 5,000 messages (201)',
            value: publishMs,
            unit: 'ms',
            note: 'render and store; compression is not in it',
          },
          {
            group: 'wire',
            name: 'compress a 5,000-message page (brotli + gzip)',
            value: median(compressMs),
            unit: 'ms',
            note: 'median of 3, on the thread pool, after the 201',
          },
          {
            group: 'wire',
            name: 'variants served, after the 201',
            value: variantsAfterMs,
            unit: 'ms',
            note: 'raw bytes are served until then',
          },
        );
      }
    }

    // The quality table: size and time of each brotli level on both pages, gzip for reference.
    for (const [messages, qualities] of [
      [500, [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
      [5000, [1, 4, 5, 6, 7, 9, 11]],
    ] as const) {
      const page = pages.get(messages)!.raw;
      const label = messages.toLocaleString('en-US');
      for (const level of [6, 9]) {
        const { value, ms } = timed(() => gzipSync(page, { level }));
        rows.push({
          group: 'wire quality',
          name: `${label} messages, gzip ${level}`,
          value: kb(value.length),
          unit: 'KiB',
          note: `${ms.toFixed(0)} ms`,
        });
      }
      for (const quality of qualities) {
        const { value, ms } = timed(() => brotliAt(page, quality));
        rows.push({
          group: 'wire quality',
          name: `${label} messages, brotli ${quality}${quality === PAGE_BROTLI_QUALITY ? ' (stored)' : ''}`,
          value: kb(value.length),
          unit: 'KiB',
          note: `${ms.toFixed(0)} ms`,
        });
      }
    }

    // Page views: the server answering brotli vs a bare node:http server sending the same bytes
    // with the same headers, alternated so both see the same machine load.
    const { url } = pages.get(500)!;
    const accept = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
    const sent = await get(url, accept);
    const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = sent.headers;
    const bare = createServer((_req, res) => res.writeHead(200, headers).end(sent.body));
    await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    try {
      const halo: Awaited<ReturnType<typeof load>>[] = [];
      const baseline: Awaited<ReturnType<typeof load>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        halo.push(await load(url, accept));
        baseline.push(await load(bareUrl, accept));
      }
      const rps = (runs: typeof halo) => Math.max(...runs.map((r) => r.rps));
      const cpu = (runs: typeof halo) => Math.min(...runs.map((r) => r.cpuUsPerRequest));
      const errors = halo.reduce((sum, r) => sum + r.errors, 0);
      rows.push(
        {
          group: 'wire',
          name: `GET /h/:id brotli (${kb(sent.body.length)} KiB of a ${kb(pages.get(500)!.raw.length)} KiB page)`,
          value: Math.round(rps(halo)),
          unit: 'req/s',
          note: `${CONNECTIONS} connections, best of ${ROUNDS} × ${DURATION_S} s, ${errors} errors`,
        },
        { group: 'wire', name: 'bare node:http, same brotli bytes', value: Math.round(rps(baseline)), unit: 'req/s' },
        { group: 'wire', name: 'GET /h/:id brotli, CPU per view', value: cpu(halo), unit: 'µs' },
        { group: 'wire', name: 'bare node:http, CPU per view', value: cpu(baseline), unit: 'µs' },
        {
          group: 'wire',
          name: 'brotli page views vs bare server (per CPU second)',
          value: (100 * cpu(baseline)) / cpu(halo),
          unit: '%',
          target: '>= 80 %',
        },
        {
          group: 'wire',
          name: 'brotli page views vs bare server (per second)',
          value: (100 * rps(halo)) / rps(baseline),
          unit: '%',
          target: '>= 80 %',
          note: 'wall clock: as loaded as the machine is',
        },
      );
    } finally {
      bare.close();
      bare.closeAllConnections();
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
