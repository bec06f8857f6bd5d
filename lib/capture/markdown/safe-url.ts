/**
 * Only addresses that cannot run anything reach the Markdown: links http(s) or mailto, images
 * http(s), an inline raster picture or the page's own `blob:`; all made absolute against the page, tracking removed.
 */
const LINK = /^(https?:|mailto:)$/;
const RASTER = /^data:image\/(png|jpeg|gif|webp|avif);/i;

function resolve(value: string | null, base: string): URL | null {
  if (!value) return null;
  try {
    return new URL(value.trim(), base);
  } catch {
    return null;
  }
}

/** Tracking parameters are not part of a source's address. */
function withoutTracking(url: URL): string {
  if (!/utm_/i.test(url.search)) return url.href;
  const keys = Array.from(url.searchParams.keys()).filter((key) => /^utm_/i.test(key));
  for (const key of keys) url.searchParams.delete(key);
  return url.href;
}

/** An absolute address that can stand in Markdown as the page wrote it (issue 20). */
const AS_WRITTEN = /^(?:https?:\/\/|mailto:)[!-~\u00a0-\uffff]*$/i;
const UNSAFE_AS_WRITTEN = /[<>\\]/;

export function safeLink(value: string | null, base: string): string | null {
  const url = resolve(value, base);
  if (!url || !LINK.test(url.protocol)) return null;
  // The page's own spelling where nothing is to be removed: "https://a.example" stays without the
  // slash the URL parser adds, so the link reads (and round-trips) as written.
  const written = value!.trim();
  if (AS_WRITTEN.test(written) && !UNSAFE_AS_WRITTEN.test(written) && !/utm_/i.test(written)) return written;
  return url.protocol === 'mailto:' ? url.href : withoutTracking(url);
}

/** A web address only (a citation names a site, never a mail address). */
export function webLink(value: string | null, base: string): string | null {
  const href = safeLink(value, base);
  return href && /^https?:/i.test(href) ? href : null;
}

export function safeImage(value: string | null, base: string): string | null {
  const url = resolve(value, base);
  if (!url) return null;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  // A picture the page made (an upload's preview, a generated image): the capture script reads it
  // and replaces the address (lib/capture/images/collect-images.ts); the renderer never shows blob:.
  if (url.protocol === 'blob:') return url.href;
  return RASTER.test(url.href) ? url.href : null;
}
