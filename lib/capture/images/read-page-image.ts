import { IMAGE_LIMITS, type LeftOutReason } from '@/lib/halo/image-ref';
import { sniffImage, type RasterType } from '@/lib/halo/image-sniff';

export type PageImage = { ok: true; type: RasterType; bytes: Uint8Array } | { ok: false; reason: LeftOutReason };

/**
 * Reads one image as the page itself would (issue 11): same-origin, `blob:` and `data:` only, with
 * the page's cookies. `mode: 'same-origin'` makes a redirect to another origin a network error
 * before the browser contacts that origin, so a cookie never follows a redirect off the page's
 * site; the final URL is checked too. The size is checked before the body is read (a 100 MB
 * `blob:` answers its length at once) and while it streams, so no more than the limit is held.
 */
export async function readPageImage(
  url: string,
  pageOrigin: string,
  timeoutMs: number,
  fetcher: typeof fetch,
): Promise<PageImage> {
  if (timeoutMs <= 0) return { ok: false, reason: 'timed-out' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetcher(url, {
      credentials: 'same-origin',
      mode: 'same-origin',
      redirect: 'follow',
      signal: controller.signal,
    });
    const final = response.url || url;
    if (/^https?:/i.test(final) && new URL(final).origin !== pageOrigin) return { ok: false, reason: 'unavailable' };
    const body = response.body;
    const refuse = (reason: LeftOutReason): PageImage => {
      void body?.cancel().catch(() => undefined);
      return { ok: false, reason };
    };
    if (!response.ok || !body) return refuse('unavailable');
    if (/svg/i.test(response.headers.get('content-type') ?? '')) return refuse('svg');
    if (Number(response.headers.get('content-length') ?? 0) > IMAGE_LIMITS.imageBytes) return refuse('too-big');
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > IMAGE_LIMITS.imageBytes) {
        void reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-big' };
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    const type = sniffImage(bytes);
    if (type === 'svg') return { ok: false, reason: 'svg' };
    return type ? { ok: true, type, bytes } : { ok: false, reason: 'not-image' };
  } catch {
    return { ok: false, reason: timedOut ? 'timed-out' : 'unavailable' };
  } finally {
    clearTimeout(timer);
  }
}
