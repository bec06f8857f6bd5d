// Issue 18 (lean bundles): the budget counts a page's entry script and everything it imports
// statically, transitively, but not what it loads later with import().
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureBundles, overBudget, pageScripts, staticImports } from '../../scripts/bundle-budgets';

const dir = mkdtempSync(join(tmpdir(), 'halo-budgets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('bundle budgets (issue 18)', () => {
  it('reads static imports of minified chunks, never dynamic ones', () => {
    const code =
      'import{a as b}from"./shared-1.js";import"./side.js";export{c}from"../x/d.js";const e=()=>import("./later.js");';
    expect(staticImports(code, 'chunks/popup.js')).toEqual(['chunks/shared-1.js', 'chunks/side.js', 'x/d.js']);
    expect(
      pageScripts('<script type="module" src="/chunks/p.js"></script><link rel="modulepreload" href="/chunks/q.js">'),
    ).toEqual(['chunks/p.js', 'chunks/q.js']);
  });

  it('counts a page: entry, preloads and their static imports once each; over budget says so', () => {
    write('manifest.json', JSON.stringify({ background: { service_worker: 'background.js' } }));
    write(
      'popup.html',
      '<script type="module" src="/chunks/popup.js"></script><link rel="modulepreload" href="/chunks/a.js">',
    );
    write('chunks/popup.js', `import"./a.js";import"./b.js";import("./late.js");`);
    write('chunks/a.js', `import"./b.js";${'x'.repeat(100)}`);
    write('chunks/b.js', 'y'.repeat(200_000));
    write('chunks/late.js', 'z'.repeat(500_000));
    write('background.js', 'w'.repeat(10));
    write('capture.js', 'v'.repeat(10));
    const sizes = measureBundles(dir);
    expect(sizes.firstPaint.popup).toBe(50 + 115 + 200_000);
    expect(overBudget(sizes)).toEqual([]);
    write('chunks/b.js', 'y'.repeat(260_000));
    expect(overBudget(measureBundles(dir))).toEqual([expect.stringMatching(/^popup first-paint JS is 260\.2 KB/)]);
  });
});
