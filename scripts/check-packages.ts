// `npm run check-packages` (part of `npm test`, issue 18): builds the store packages twice from
// this tree and checks what reviewers will get:
// - `web-ext lint` on the Firefox package: 0 errors, and exactly the warnings store/review-notes.md
//   explains (a new one fails until it is explained there);
// - no test hooks (the HALO_E2E branch), no source maps, only the files a package needs;
// - two builds give the same files, byte for byte;
// - the bundle budgets (issue 18, lean bundles; scripts/bundle-budgets.ts) on the Chrome package.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { measureBundles, overBudget } from './bundle-budgets';

const root = join(import.meta.dirname, '..');
const problems: string[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

// What a package may hold: the manifest, pages, scripts, styles, icons and the policy schema.
const ALLOWED =
  /^(manifest\.json|managed-schema\.json|[a-z-]+\.html|[a-z-]+\.js|(chunks|assets|content-scripts)\/[\w.-]+\.(js|css|woff2?|ttf)|icon\/\d+\.png|_locales\/[a-z]{2}(_[A-Z]{2})?\/messages\.json)$/;

const work = mkdtempSync(join(tmpdir(), 'halo-packages-'));
try {
  const builds = ['a', 'b'].map((name) => {
    const outDir = join(work, name);
    // A user build: no HALO_E2E, no team endpoint.
    const env = { HALO_OUT_DIR: outDir, HALO_E2E: '', HALO_ENDPOINT: '', HALO_REQUIRE_TOKEN: '' };
    run('npx', ['wxt', 'build'], env);
    run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], env);
    return outDir;
  });
  for (const target of ['chrome-mv3', 'firefox-mv3']) {
    const [first, second] = builds.map((dir) => files(join(dir, target)));
    for (const [path, hash] of first!) {
      if (second!.get(path) !== hash) problems.push(`${target}/${path} differs between two builds of the same tree`);
      if (!ALLOWED.test(path)) problems.push(`${target}/${path} is not a file a package needs`);
      const text = readFileSync(join(builds[0]!, target, path), 'utf8');
      if (path.endsWith('.map') || text.includes('sourceMappingURL=')) problems.push(`${target}/${path}: a source map`);
      if (text.includes('__haloE2E')) problems.push(`${target}/${path}: the e2e test hooks are in a user build`);
    }
    if (first!.size !== second!.size) problems.push(`${target}: two builds hold different files`);
  }

  const sizes = measureBundles(join(builds[0]!, 'chrome-mv3'));
  problems.push(...overBudget(sizes));
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
  console.log(
    `bundles: first paint ${Object.entries(sizes.firstPaint)
      .map(([page, n]) => `${page} ${kb(n)}`)
      .join(', ')}; background ${kb(sizes.background)}; capture.js ${kb(sizes.captureGzip)} gzipped`,
  );

  const lint = JSON.parse(
    run('npx', [
      'web-ext',
      'lint',
      '--source-dir',
      join(builds[0]!, 'firefox-mv3'),
      '--no-config-discovery',
      '--output',
      'json',
    ]),
  ) as { errors: { message: string }[]; warnings: { code: string; file: string }[] };
  for (const error of lint.errors) problems.push(`web-ext lint error: ${error.message}`);
  const explained = readFileSync(join(root, 'store', 'review-notes.md'), 'utf8');
  const counts = new Map<string, number>();
  for (const warning of lint.warnings) counts.set(warning.code, (counts.get(warning.code) ?? 0) + 1);
  for (const [code, count] of counts) {
    const documented = [...explained.matchAll(new RegExp(`^\\| ${code} \\|[^|]*\\| (\\d+) \\|`, 'gm'))]
      .map((m) => Number(m[1]))
      .reduce((a, b) => a + b, 0);
    if (documented !== count)
      problems.push(`web-ext lint: ${count} × ${code}, store/review-notes.md explains ${documented}`);
  }
  console.log(
    `packages: ${lint.warnings.length} lint warnings, all explained; ${[...counts].map(([c, n]) => `${n} × ${c}`).join(', ')}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`packages: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('packages: reproducible, no test hooks, no source maps, only needed files');
