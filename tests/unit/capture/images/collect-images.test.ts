// Issue 11 (images behind the login): the capture script reads the page's own images with its
// credentials, within limits; whatever it cannot keep becomes a placeholder with its reason.
import { describe, expect, it } from 'vitest';
import { collectImages } from '@/lib/capture/images/collect-images';
import { keyCapturedImages } from '@/lib/capture/images/key-images';
import { readPageImage } from '@/lib/capture/images/read-page-image';
import { domToMarkdown } from '@/lib/capture/markdown/dom-to-markdown';
import type { Capture, CaptureResult } from '@/lib/capture/types';
import { IMAGE_LIMITS } from '@/lib/halo/image-ref';

const PAGE = 'https://chat.example.com/c/1';
const ORIGIN = 'https://chat.example.com';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);

type Route = (init: RequestInit) => Response | Promise<Response>;

/** The browser's fetch at its boundary: answers by URL, records what was asked and how. */
function pageFetch(routes: Record<string, Route>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const route = routes[url];
    if (!route) throw new TypeError('Failed to fetch');
    return route(init);
  }) as typeof fetch;
  return { fetcher, calls };
}

const image =
  (body: BodyInit, headers: Record<string, string> = { 'content-type': 'image/png' }): Route =>
  () =>
    new Response(body, { headers });

function hanging(): Route {
  return (init) =>
    new Promise((_, reject) =>
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );
}

describe('readPageImage (issue 11)', () => {
  it('reads a same-origin raster image with the page credentials and same-origin mode', async () => {
    const { fetcher, calls } = pageFetch({ [`${ORIGIN}/a.png`]: image(PNG) });
    const read = await readPageImage(`${ORIGIN}/a.png`, ORIGIN, 1000, fetcher);
    expect(read).toEqual({ ok: true, type: 'image/png', bytes: PNG });
    expect(calls[0]!.init).toMatchObject({ credentials: 'same-origin', mode: 'same-origin' });
  });

  it('refuses a declared 100 MB body without reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const { fetcher } = pageFetch({
      'blob:https://chat.example.com/big': image(body, { 'content-length': String(100 * 1024 * 1024) }),
    });
    const read = await readPageImage('blob:https://chat.example.com/big', ORIGIN, 1000, fetcher);
    expect(read).toEqual({ ok: false, reason: 'too-big' });
    // The stream's first pull may run when the Response is made; it is never read on.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading an undeclared body at the limit', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const { fetcher } = pageFetch({ [`${ORIGIN}/huge`]: image(body, {}) });
    expect(await readPageImage(`${ORIGIN}/huge`, ORIGIN, 5000, fetcher)).toEqual({ ok: false, reason: 'too-big' });
    expect(sent).toBeLessThanOrEqual(IMAGE_LIMITS.imageBytes + 2 * 1024 * 1024);
  });

  it('refuses SVG by type or by bytes, and what is not an image whatever it claims', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const { fetcher } = pageFetch({
      [`${ORIGIN}/typed.svg`]: image(svg, { 'content-type': 'image/svg+xml' }),
      [`${ORIGIN}/claims-png`]: image(svg),
      [`${ORIGIN}/login`]: image('<!doctype html><p>Sign in</p>'),
    });
    expect(await readPageImage(`${ORIGIN}/typed.svg`, ORIGIN, 1000, fetcher)).toEqual({ ok: false, reason: 'svg' });
    expect(await readPageImage(`${ORIGIN}/claims-png`, ORIGIN, 1000, fetcher)).toEqual({ ok: false, reason: 'svg' });
    expect(await readPageImage(`${ORIGIN}/login`, ORIGIN, 1000, fetcher)).toEqual({
      ok: false,
      reason: 'not-image',
    });
  });

  it('gives up on a hanging fetch at its timeout', async () => {
    const { fetcher } = pageFetch({ [`${ORIGIN}/slow.png`]: hanging() });
    expect(await readPageImage(`${ORIGIN}/slow.png`, ORIGIN, 30, fetcher)).toEqual({ ok: false, reason: 'timed-out' });
  });

  it('drops an answer that ended on another origin, and an HTTP error', async () => {
    const moved = new Response(PNG);
    Object.defineProperty(moved, 'url', { value: 'https://cdn.elsewhere.example/a.png' });
    const { fetcher } = pageFetch({
      [`${ORIGIN}/moved.png`]: () => moved,
      [`${ORIGIN}/gone.png`]: () => new Response('no', { status: 404 }),
    });
    expect(await readPageImage(`${ORIGIN}/moved.png`, ORIGIN, 1000, fetcher)).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    expect(await readPageImage(`${ORIGIN}/gone.png`, ORIGIN, 1000, fetcher)).toEqual({
      ok: false,
      reason: 'unavailable',
    });
  });
});

function pageWith(html: string): { doc: Document; result: CaptureResult } {
  const doc = new DOMParser().parseFromString(`<base href="${PAGE}"><body>${html}</body>`, 'text/html');
  const capture: Capture = {
    kind: 'chat',
    title: 't',
    source: { url: PAGE, title: 't', site: 'chat.example.com', capturedAt: '2026-11-30T10:00:00Z' },
    blocks: [{ block: { type: 'text', markdown: domToMarkdown(doc.body, PAGE) }, included: true }],
    warnings: [],
  };
  return { doc, result: { ok: true, capture } };
}

describe('collectImages (issue 11)', () => {
  it('carries same-origin and blob: images, leaves other origins to the server, and says what it left out', async () => {
    const { doc, result } = pageWith(
      `<p>Upload <img src="/files/a.png" alt="uploaded"> and <img src="blob:https://chat.example.com/42" alt="generated"></p>
       <p><img src="https://cdn.example.net/pub.png" alt="public"> <img src="/files/b.svg" alt="drawing"></p>
       <pre><code>![x](https://chat.example.com/files/secret.png)</code></pre>`,
    );
    const { fetcher, calls } = pageFetch({
      [`${ORIGIN}/files/a.png`]: image(PNG),
      'blob:https://chat.example.com/42': image(PNG.slice().reverse().reverse()),
      [`${ORIGIN}/files/b.svg`]: image('<svg/>', { 'content-type': 'image/svg+xml' }),
    });
    const answer = await collectImages(result, doc, PAGE, fetcher);
    expect(calls.map((c) => c.url).sort()).toEqual(
      ['blob:https://chat.example.com/42', `${ORIGIN}/files/a.png`, `${ORIGIN}/files/b.svg`].sort(),
    );
    if (!('ok' in answer) || !answer.ok) throw new Error('capture failed');
    const markdown = answer.capture.blocks[0]!.block.markdown;
    expect(markdown).toMatch(/!\[uploaded\]\(halo-image:capture-[a-z0-9]+-0\)/);
    expect(markdown).toMatch(/!\[generated\]\(halo-image:capture-[a-z0-9]+-1\)/);
    expect(markdown).toContain('![public](https://cdn.example.net/pub.png)');
    expect(markdown).toContain('![drawing](halo-image:left-out:svg)');
    expect(markdown).toContain('![x](https://chat.example.com/files/secret.png)');
    expect(markdown).not.toContain('blob:');
    expect(answer.capture.images).toHaveLength(2);
    expect(answer.capture.warnings).toEqual([
      'One image was left out and shows as a placeholder: “drawing” (an SVG: only raster images are kept).',
    ]);

    // Outside the page, each image gets its SHA-256 as its stable reference.
    const keyed = await keyCapturedImages(answer as CaptureResult);
    if (!keyed.ok) throw new Error('keying failed');
    const refs = keyed.capture.images!.map((i) => i.ref);
    expect(refs).toHaveLength(1); // the two pictures are the same bytes: one image
    expect(refs[0]).toMatch(/^halo-image:[0-9a-f]{64}$/);
    expect(keyed.capture.blocks[0]!.block.markdown.split(refs[0]!).length - 1).toBe(2);
  });

  it('leaves a capture without page images, or a failed capture, as it was', async () => {
    const { doc, result } = pageWith('<p>Only text and <img src="https://cdn.example.net/x.png" alt="x"></p>');
    const { fetcher, calls } = pageFetch({});
    expect(await collectImages(result, doc, PAGE, fetcher)).toBe(result);
    const failed: CaptureResult = { ok: false, code: 'empty', message: 'nothing' };
    expect(await collectImages(failed, doc, PAGE, fetcher)).toBe(failed);
    expect(calls).toEqual([]);
  });
});

it('stops carrying images at the bytes a capture holds; the rest are placeholders saying so (issue 11)', async () => {
  const tags = Array.from({ length: 7 }, (_, i) => `<img src="/big/${i}.png" alt="photo ${i}">`).join(' ');
  const { doc, result } = pageWith(`<p>Album: ${tags}</p>`);
  // The budget scaled down (25 MB in the extension): six images fit, the seventh does not.
  const routes = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`${ORIGIN}/big/${i}.png`, image(PNG)]));
  const answer = await collectImages(result, doc, PAGE, pageFetch(routes).fetcher, PNG.length * 6);
  if (!('ok' in answer) || !answer.ok) throw new Error('capture failed');
  expect(answer.capture.images).toHaveLength(6);
  expect(answer.capture.blocks[0]!.block.markdown.match(/halo-image:left-out:capture-full/g)).toHaveLength(1);
  expect(answer.capture.warnings[0]).toMatch(/over the 25 MB one capture can carry/);
});
