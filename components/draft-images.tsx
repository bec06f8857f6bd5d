import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { draftImageResolver } from '@/lib/draft/image-resolver';
import type { ImageResolver } from '@/lib/halo/render';
import { draftImagesItem } from '@/lib/storage/items';
import { useStoredValue } from '@/lib/storage/use-stored-value';

const DraftImages = createContext<ImageResolver | undefined>(undefined);

/** Gives every preview inside it the open draft's carried images (issue 11). */
export function DraftImagesProvider({ draftId, children }: { draftId: string; children: ReactNode }) {
  const item = useMemo(() => draftImagesItem(draftId), [draftId]);
  const images = useStoredValue(item);
  const resolver = useMemo(() => draftImageResolver(images), [images]);
  return <DraftImages.Provider value={resolver}>{children}</DraftImages.Provider>;
}

export const useImageResolver = (): ImageResolver | undefined => useContext(DraftImages);
