/**
 * `npm run bench`: runs every bench/*.bench.ts module in turn, prints one table and writes the
 * figures to bench/results/latest.json (and a dated copy). `npm run bench -- capture` runs only
 * the modules whose file name contains "capture".
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();

const rows: BenchRow[] = [];
const failures: { module: string; error: string }[] = [];
for (const file of files) {
  const started = performance.now();
  process.stderr.write(`bench: ${file} … `);
  try {
    const mod = (await import(join(here, file))) as { run: () => Promise<BenchRow[]> };
    rows.push(...(await mod.run()));
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failures.push({ module: file, error: String((error as Error)?.stack ?? error) });
    process.stderr.write(`failed: ${(error as Error)?.message ?? error}\n`);
  }
}

const format = (value: number) =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const table = [
  ['group', 'measure', 'value', 'unit', 'target', 'note'],
  ...rows.map((r) => [r.group, r.name, format(r.value), r.unit, r.target ?? '', r.note ?? '']),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
const line = (row: string[]) =>
  row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
console.log(line(table[0]!));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));

const result = {
  at: new Date().toISOString(),
  node: process.version,
  machine: { cpus: (await import('node:os')).cpus().length },
  rows,
  failures,
};
const outDir = join(here, 'results');
await mkdir(outDir, { recursive: true });
const json = JSON.stringify(result, null, 2);
await writeFile(join(outDir, 'latest.json'), json);
await writeFile(join(outDir, `bench-${result.at.replace(/[:.]/g, '-')}.json`), json);
console.log(`\nwrote bench/results/latest.json${failures.length ? ` (${failures.length} module(s) failed)` : ''}`);
if (failures.length) process.exitCode = 1;
