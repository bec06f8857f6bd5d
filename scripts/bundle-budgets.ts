// Bundle budgets (issue 18, lean bundles), over a built extension folder: what each page parses
// before its first paint, and the background. `npx tsx scripts/bundle-budgets.ts [.output/chrome-mv3]`
// prints them; scripts/check-packages.ts (part of `npm test`) fails a user build over budget.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budgets, in bytes (minified; capture.js gzipped, as tests/e2e/script-budget.spec.ts checks it). */
export const BUDGETS = {
  popupFirstPaint: 250_000,
  background: 150_000,
  captureGzip: 25_000,
} as const;

// Static imports only: `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`. A
// dynamic `import("./x.js")` loads later, and is what the budget leaves out.
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+\.js)["']/g;

/** The files a module statically imports, as paths in the package. */
export function staticImports(code: string, from: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map((m) =>
    m[1]!.startsWith('/') ? m[1]!.slice(1) : posix.join(posix.dirname(from), m[1]!),
  );
}

/** An HTML page's entry script and modulepreload links, as paths in the package. */
export function pageScripts(html: string): string[] {
  const found = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  return found.map((m) => m[1]!.replace(/^\//, ''));
}

/** Every file loaded before `roots` run: the roots and what they statically import, transitively. */
export function staticClosure(dir: string, roots: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift()!;
    if (sizes.has(file)) continue;
    const code = readFileSync(join(dir, file), 'utf8');
    sizes.set(file, Buffer.byteLength(code));
    queue.push(...staticImports(code, file));
  }
  return sizes;
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

export interface BundleSizes {
  /** Per HTML page: the bytes of its entry script and every chunk it statically imports. */
  firstPaint: Record<string, number>;
  background: number;
  captureGzip: number;
}

export function measureBundles(dir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
  };
  const firstPaint: Record<string, number> = {};
  for (const page of ['popup', 'sidepanel', 'options', 'welcome']) {
    const html = join(dir, `${page}.html`);
    if (existsSync(html)) firstPaint[page] = total(staticClosure(dir, pageScripts(readFileSync(html, 'utf8'))));
  }
  const background = [manifest.background?.service_worker ?? [], manifest.background?.scripts ?? []].flat();
  return {
    firstPaint,
    background: total(staticClosure(dir, background)),
    captureGzip: gzipSync(readFileSync(join(dir, 'capture.js')), { level: 9 }).length,
  };
}

/** What is over budget, in words; empty when all is within. */
export function overBudget(sizes: BundleSizes): string[] {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
  const problems: string[] = [];
  const popup = sizes.firstPaint.popup ?? 0;
  if (popup > BUDGETS.popupFirstPaint)
    problems.push(`popup first-paint JS is ${kb(popup)}, over its ${kb(BUDGETS.popupFirstPaint)} budget`);
  if (sizes.background > BUDGETS.background)
    problems.push(`background is ${kb(sizes.background)}, over its ${kb(BUDGETS.background)} budget`);
  if (sizes.captureGzip > BUDGETS.captureGzip)
    problems.push(`capture.js is ${kb(sizes.captureGzip)} gzipped, over its ${kb(BUDGETS.captureGzip)} budget`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? join(process.env.HALO_OUT_DIR ?? '.output', 'chrome-mv3');
  const sizes = measureBundles(dir);
  console.log(JSON.stringify(sizes, null, 2));
  const problems = overBudget(sizes);
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exitCode = 1;
}
