// Issue 12: the renderer keeps each block's HTML by its content, so a keystroke in a 1,000-block
// draft re-renders one block. The cached output must be byte for byte the freshly rendered one,
// whatever moved, changed or was numbered anew, and one Halo's cache never shows in another.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearRenderCache, renderBlock, renderHaloBody, type ImageResolver } from '@/lib/halo/render';
import type { Block, Halo } from '@/lib/halo/schema';
import { LruStrings } from '@/lib/halo/lru-strings';
import { RENDER_REGRESSIONS } from '../../fixtures/fuzz/regressions';
import { richHalo } from '../../fixtures/pages/rich-halo';
import { fuzz, fuzzTimeout } from '../../support/fuzz';
import { markdown } from '../../support/arbitraries/markdown';

const rich = richHalo as unknown as Halo;

/** Rendered with an empty cache: the uncached path. */
function fresh(halo: Halo, resolveImage?: ImageResolver): string {
  clearRenderCache();
  return renderHaloBody(halo, resolveImage);
}

const regressionHalo: Halo = {
  ...rich,
  blocks: RENDER_REGRESSIONS.filter((c) => c.markdown.length < 50_000).map((c, i): Block =>
    i % 3 === 0
      ? { type: 'message', role: i % 2 ? 'assistant' : 'user', author: '', markdown: c.markdown }
      : { type: 'text', markdown: c.markdown },
  ),
};

describe('render cache (issue 12)', () => {
  it.each([
    ['the rich Halo', rich],
    ['the renderer regressions', regressionHalo],
  ])('a warm render of %s equals a fresh one, byte for byte', (_, halo) => {
    const cold = fresh(halo);
    expect(renderHaloBody(halo)).toBe(cold);
    // Blocks renumbered, moved in and out of sections, one edited: warm equals fresh.
    const changed: Halo = {
      ...halo,
      blocks: [
        { type: 'message', role: 'user', author: 'You', markdown: 'A new first question' } as Block,
        ...halo.blocks.slice(2).reverse(),
        ...halo.blocks.slice(0, 2),
      ].map((block, i) =>
        i === 3 && 'markdown' in block ? { ...block, markdown: `${block.markdown} edited` } : block,
      ),
    };
    renderHaloBody(halo);
    const warm = renderHaloBody(changed);
    expect(warm).toBe(fresh(changed));
  });

  it('reuses the HTML of unchanged blocks: equal content renders once', () => {
    clearRenderCache();
    const block: Block = { type: 'message', role: 'assistant', author: 'Claude', markdown: 'Same **text**' };
    const first = renderBlock(block);
    // A different object with the same content: the same string comes back from the cache.
    expect(renderBlock({ ...block })).toBe(first);
    // Anything the HTML depends on changes the key: role, speaker, number, heading level.
    expect(renderBlock({ ...block, role: 'user' })).not.toBe(first);
    expect(renderBlock({ ...block, author: 'ChatGPT' })).not.toBe(first);
    expect(renderBlock(block, undefined, 3)).toContain('id="m-3"');
    expect(renderBlock({ ...block, markdown: '# Title' }, undefined, 0, 3)).toContain('<h3');
  });

  it("keeps images to each resolver: one Halo's image paths never show in another's page", () => {
    clearRenderCache();
    const block: Block = { type: 'text', markdown: '![chart](https://example.com/chart.png)' };
    const halo = (blocks: Block[]): Halo => ({ ...rich, blocks });
    const a = renderHaloBody(halo([block]), () => '/a/kept/chart.png');
    const b = renderHaloBody(halo([block]), () => '/b/kept/chart.png');
    expect(a).toContain('/a/kept/chart.png');
    expect(b).toContain('/b/kept/chart.png');
    expect(b).not.toContain('/a/');
    expect(renderHaloBody(halo([block]))).toContain('https://example.com/chart.png');
  });

  it('renders generated Markdown the same from the cache as fresh', { timeout: fuzzTimeout(30_000) }, () =>
    fuzz(
      'render cache',
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 3 }), fc.nat(5), (parts, edit) => {
        const halo: Halo = {
          ...rich,
          blocks: parts.map((md, i) => ({
            type: 'message',
            role: i % 2 ? 'assistant' : 'user',
            author: '',
            markdown: md,
          })),
        };
        const cold = fresh(halo);
        expect(renderHaloBody(halo)).toBe(cold);
        const blocks = [...halo.blocks];
        const at = edit % blocks.length;
        const target = blocks[at]!;
        if ('markdown' in target) blocks[at] = { ...target, markdown: `${target.markdown}x` };
        const edited = { ...halo, blocks };
        const warm = renderHaloBody(edited);
        expect(warm).toBe(fresh(edited));
      }),
      10,
    ),
  );
});

describe('LruStrings', () => {
  it('stays within its bounds, dropping the least recently used first', () => {
    const cache = new LruStrings(20, 3);
    cache.set('a', '1234');
    cache.set('b', '1234');
    cache.set('c', '1234');
    expect(cache.get('a')).toBe('1234');
    cache.set('d', '1234');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.set('e', '1234567890');
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.get('e')).toBe('1234567890');
    cache.set('huge', 'x'.repeat(50));
    expect(cache.get('huge')).toBeUndefined();
  });
});
