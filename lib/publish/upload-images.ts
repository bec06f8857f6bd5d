import { isContentBlock } from '@/lib/halo/block-text';
import { keptImageHashes } from '@/lib/halo/image-ref';
import type { Halo } from '@/lib/halo/schema';
import { uploadImage, type UploadOutcome } from '@/lib/publish/client';
import { draftImagesItem, type Settings } from '@/lib/storage/items';

type Failure = Extract<UploadOutcome, { ok: false }>;

function fromBase64(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Sends the images a Halo carries (issue 11) before the Halo, from its draft's storage. A failure
 * that a retry can fix (network, 429, 5xx) or that the Halo would meet too (the API token) stops
 * the publish, to be retried: the uploads done are content-addressed, so nothing duplicates. An
 * image the server refuses is left out (the page shows it as unavailable) and the publish goes on;
 * a server without the images endpoint (404) publishes the text as before.
 */
export async function uploadCarriedImages(
  settings: Settings,
  draftId: string,
  halo: Halo,
): Promise<{ ok: true; uploaded: number; refused: number } | Failure> {
  const texts = [halo.note ?? '', ...halo.blocks.filter(isContentBlock).map((b) => b.markdown)];
  const hashes = [...new Set(texts.flatMap(keptImageHashes))];
  if (hashes.length === 0) return { ok: true, uploaded: 0, refused: 0 };
  const images = await draftImagesItem(draftId).getValue();
  let uploaded = 0;
  let refused = 0;
  for (const sha256 of hashes) {
    const image = images[sha256];
    if (!image) continue;
    const outcome = await uploadImage(settings, { sha256, type: image.type, bytes: fromBase64(image.data) });
    if (outcome.ok) {
      uploaded += 1;
      continue;
    }
    const status = outcome.error.status;
    if (outcome.retryable || status === 401 || status === 403 || outcome.error.code === 'redirect') return outcome;
    if (status === 404) break;
    refused += 1;
  }
  return { ok: true, uploaded, refused };
}
