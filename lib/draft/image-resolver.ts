import type { ImageResolver } from '@/lib/halo/render';
import { parseImageRef } from '@/lib/halo/image-ref';
import type { DraftImage } from '@/lib/storage/items';

/**
 * The popup's view of a draft's carried images (issue 11): each `halo-image:<sha256>` shows as a
 * data: URL made now, in the popup only; the Markdown keeps the short reference. A reference whose
 * bytes are missing shows as unavailable, as the published page would show it.
 */
export function draftImageResolver(images: Record<string, DraftImage> | null): ImageResolver {
  return (src) => {
    const ref = parseImageRef(src);
    if (ref?.kind !== 'kept') return undefined;
    const image = images?.[ref.sha256];
    return image ? `data:${image.type};base64,${image.data}` : null;
  };
}
