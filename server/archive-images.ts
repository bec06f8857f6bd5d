import type { ImageResolver } from '@/lib/halo/render';
import { imageSources } from '@/lib/halo/render';
import type { Halo } from '@/lib/halo/schema';
import { etagVersion, strongEtag } from './etag';
import type { ServerConfig } from './config';
import { fetchImage } from './image-fetch';
import type { StoredImage } from './store';
import { isContentBlock } from '@/lib/halo/block-text';
import { keptImageHashes, keptImageRef } from '@/lib/halo/image-ref';

export interface ArchivedImages {
  images: StoredImage[];
  /**
   * Points the page at the kept copies (`/h/:id/i/:n?v=<version>`: the version names the bytes, so
   * they can be cached for long), or at a placeholder for the ones that failed.
   */
  resolverFor(haloId: string): ImageResolver;
}

const MAX_IMAGES = 100;

/**
 * Fetches every http(s) image of a Halo once, in parallel, within the configured limits. Image
 * URLs made by chat tools are often signed and expire within hours: a copy made now is what keeps
 * the Halo looking right next month. Images the client uploaded (`halo-image:<sha256>`, issue 11)
 * come from the uploads instead, and are kept even when the server fetches nothing.
 */
export async function archiveImages(
  halo: Halo,
  config: ServerConfig['images'],
  log: (event: Record<string, unknown>) => void,
  uploaded: (sha256: string) => Promise<Pick<StoredImage, 'type' | 'bytes'> | undefined> = async () => undefined,
): Promise<ArchivedImages> {
  const texts = [halo.note ?? '', ...halo.blocks.filter(isContentBlock).map((b) => b.markdown)];
  const carried = [...new Set(texts.flatMap(keptImageHashes))].map(keptImageRef);
  const fetched = config.fetch ? [...new Set(texts.flatMap(imageSources))] : [];
  const sources = [...carried, ...fetched];
  if (sources.length === 0) return { images: [], resolverFor: () => () => undefined };
  const results = await Promise.all(
    sources.slice(0, MAX_IMAGES).map(async (url): Promise<Awaited<ReturnType<typeof fetchImage>>> => {
      if (url.startsWith('halo-image:')) {
        const upload = await uploaded(url.slice('halo-image:'.length));
        return upload ? { ok: true, ...upload } : { ok: false, reason: 'not uploaded' };
      }
      return fetchImage(url, {
        maxBytes: config.maxBytes,
        timeoutMs: config.timeoutMs,
        maxRedirects: 4,
        allowPrivateHosts: config.allowPrivateHosts,
      });
    }),
  );
  const images: StoredImage[] = [];
  const kept = new Map<string, number | null>();
  let total = 0;
  sources.forEach((url, i) => {
    const result = results[i];
    if (!result) {
      kept.set(url, null);
      log({ event: 'image_unavailable', url, reason: `more than ${MAX_IMAGES} images` });
    } else if (!result.ok) {
      kept.set(url, null);
      log({ event: 'image_unavailable', url, reason: result.reason });
    } else if (total + result.bytes.length > config.maxTotalBytes) {
      kept.set(url, null);
      log({ event: 'image_unavailable', url, reason: `over the ${config.maxTotalBytes}-byte total for one Halo` });
    } else {
      total += result.bytes.length;
      kept.set(url, images.length);
      images.push({
        n: images.length,
        sourceUrl: url,
        type: result.type,
        bytes: result.bytes,
        etag: strongEtag(result.bytes),
      });
    }
  });
  return {
    images,
    resolverFor: (haloId) => (src) => {
      if (!kept.has(src)) return undefined;
      const n = kept.get(src);
      return n === null || n === undefined ? null : `/h/${haloId}/i/${n}?v=${etagVersion(images[n]!.etag)}`;
    },
  };
}
