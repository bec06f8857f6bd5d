import { say, sayCount } from '@/lib/capture/say';
import { readPageImage, type PageImage } from '@/lib/capture/images/read-page-image';
import type { CapturedImage, InPageAnswer } from '@/lib/capture/types';
import { IMAGE_LIMITS, IMAGE_REF, leftOutImageRef, type LeftOutReason } from '@/lib/halo/image-ref';

/** An image in the converter's Markdown: `![alt](dest` with dest `<…>` or escaped (dom-to-markdown.ts). */
const IMAGE = /!\[((?:\\.|[^\\\]])*)\]\((<(?:\\.|[^\\>\n])*>|(?:\\.|[^\s\\)])+)/g;

const unescapeDestination = (raw: string): string =>
  (raw.startsWith('<') ? raw.slice(1, -1) : raw).replace(/\\(.)/g, '$1');

/** Only what the page itself may read with its own credentials: never another origin. */
function carriable(url: string, pageOrigin: string): boolean {
  if (/^data:image\//i.test(url)) return true;
  try {
    return new URL(url).origin === pageOrigin && /^(https?|blob):/i.test(url);
  } catch {
    return false;
  }
}

/** Firefox gives content scripts the page's own fetch as content.fetch; Chrome's fetch already is. */
function pageFetch(): typeof fetch {
  const content = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return content?.fetch ? content.fetch.bind(content) : fetch.bind(globalThis);
}

function toBase64(bytes: Uint8Array): string {
  // Native where the browser has it (Chrome 140, Firefox 133): no 5 MB intermediate string.
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * Issue 11: the page's images behind the user's login (same-origin and `blob:`), and inline
 * `data:` pictures, travel with the capture instead of as addresses the server cannot open.
 * Runs once, after conversion, on any capture. Each image becomes a temporary `halo-image:`
 * reference (re-keyed by its SHA-256 outside the page, lib/capture/images/key-images.ts) or a
 * placeholder that says why it was left out; a warning lists those for the popup.
 */
export async function collectImages(
  answer: InPageAnswer,
  doc: Document,
  pageUrl: string,
  fetcher: typeof fetch = pageFetch(),
  captureBytes: number = IMAGE_LIMITS.captureBytes,
): Promise<InPageAnswer> {
  try {
    return await carryImages(answer, doc, pageUrl, fetcher, captureBytes);
  } catch {
    // Images are a bonus: the text capture stands without them (their addresses stay as captured).
    return answer;
  }
}

async function carryImages(
  answer: InPageAnswer,
  doc: Document,
  pageUrl: string,
  fetcher: typeof fetch,
  captureBytes: number,
): Promise<InPageAnswer> {
  if (!('ok' in answer) || !answer.ok) return answer;
  const { capture } = answer;
  const pageOrigin = new URL(pageUrl).origin;
  // Only addresses of real images on the page: a code block quoting `![x](/y.png)` stays as written.
  const onPage = new Set<string>();
  for (const img of Array.from(doc.images)) {
    onPage.add(img.src);
    if (img.currentSrc) onPage.add(img.currentSrc);
  }
  const wanted = new Map<string, { url: string; alt: string }>();
  for (const { block } of capture.blocks) {
    for (const [, alt, raw] of block.markdown.matchAll(IMAGE)) {
      const url = unescapeDestination(raw!);
      if (!wanted.has(raw!) && wanted.size < IMAGE_LIMITS.images && onPage.has(url) && carriable(url, pageOrigin))
        wanted.set(raw!, { url, alt: alt!.replace(/\\(.)/g, '$1') });
    }
  }
  if (wanted.size === 0) return answer;

  const deadline = Date.now() + IMAGE_LIMITS.phaseMs;
  const entries = [...wanted.entries()];
  const read = new Map<string, PageImage>();
  let next = 0;
  let total = 0;
  // A few at a time: the browser queues more per host anyway. The capture's byte budget is counted
  // as images arrive, so no more than it (plus the images in flight) is ever held.
  const worker = async () => {
    while (next < entries.length) {
      const [raw, { url }] = entries[next++]!;
      let result: PageImage =
        total >= captureBytes
          ? { ok: false, reason: 'capture-full' }
          : await readPageImage(url, pageOrigin, Math.min(IMAGE_LIMITS.timeoutMs, deadline - Date.now()), fetcher);
      if (result.ok && total + result.bytes.length > captureBytes) result = { ok: false, reason: 'capture-full' };
      if (result.ok) total += result.bytes.length;
      read.set(raw, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, entries.length) }, worker));

  const nonce = Math.random().toString(36).slice(2, 10);
  const refs = new Map<string, string>();
  const images: CapturedImage[] = [];
  const leftOut: string[] = [];
  for (const [raw, { alt }] of entries) {
    const result = read.get(raw)!;
    if (result.ok) {
      const ref = `${IMAGE_REF}capture-${nonce}-${images.length}`;
      images.push({ ref, type: result.type, data: toBase64(result.bytes) });
      refs.set(raw, ref);
    } else {
      refs.set(raw, leftOutImageRef(result.reason));
      const why = leftOutReason(result.reason);
      leftOut.push(alt ? say('warning.imageNamed', [alt.slice(0, 60), why]) : say('warning.imageUnnamed', [why]));
    }
  }
  const blocks = capture.blocks.map((item) => ({
    ...item,
    block: {
      ...item.block,
      markdown: item.block.markdown.replace(IMAGE, (whole, _alt: string, raw: string) =>
        refs.has(raw) ? whole.slice(0, whole.length - raw.length) + refs.get(raw)! : whole,
      ),
    },
  }));
  const warnings = leftOut.length
    ? [
        ...capture.warnings,
        say('warning.imagesLeftOut', leftOut.length, [
          sayCount(leftOut.length),
          `${leftOut.slice(0, 5).join('; ')}${leftOut.length > 5 ? '; …' : ''}`,
        ]),
      ]
    : capture.warnings;
  return { ok: true, capture: { ...capture, blocks, warnings, ...(images.length ? { images } : {}) } };
}

/** Why an image was left out, in the warning's language (the page's placeholder keeps LEFT_OUT's English). */
function leftOutReason(reason: LeftOutReason): string {
  switch (reason) {
    case 'too-big':
      return say('imageLeftOut.tooBig');
    case 'svg':
      return say('imageLeftOut.svg');
    case 'not-image':
      return say('imageLeftOut.notImage');
    case 'timed-out':
      return say('imageLeftOut.timedOut');
    case 'unavailable':
      return say('imageLeftOut.unavailable');
    case 'capture-full':
      return say('imageLeftOut.captureFull');
    case 'storage-full':
      return say('imageLeftOut.storageFull');
  }
}
