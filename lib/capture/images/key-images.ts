import type { CaptureResult } from '@/lib/capture/types';
import { keptImageRef } from '@/lib/halo/image-ref';

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Gives each carried image its stable reference, `halo-image:<sha256>`: the same picture is one
 * image in every draft, and the server's id for it (so a retried upload cannot duplicate). Done in
 * the extension, not the page: an http: page has no crypto.subtle.
 */
export async function keyCapturedImages(result: CaptureResult): Promise<CaptureResult> {
  if (!result.ok || !result.capture.images?.length) return result;
  const { capture } = result;
  const keyed = new Map<string, { ref: string; type: string; data: string }>();
  const rename = new Map<string, string>();
  for (const image of capture.images!) {
    const ref = keptImageRef(await sha256Hex(fromBase64(image.data)));
    rename.set(image.ref, ref);
    keyed.set(ref, { ...image, ref });
  }
  // Temporary refs are `halo-image:capture-<nonce>-<n>`: unique tokens, ended by a non-digit.
  const pattern = /halo-image:capture-[a-z0-9]+-\d+(?!\d)/g;
  const blocks = capture.blocks.map((item) => ({
    ...item,
    block: { ...item.block, markdown: item.block.markdown.replace(pattern, (ref) => rename.get(ref) ?? ref) },
  }));
  return { ok: true, capture: { ...capture, blocks, images: [...keyed.values()] } };
}
