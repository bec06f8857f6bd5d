import { useMemo } from 'react';
import { useImageResolver } from '@/components/draft-images';
import { SafeHtml } from '@/components/safe-html';
import type { Draft } from '@/lib/draft/draft';
import { renderDraftPreview } from '@/lib/draft/preview';

/** The whole Halo as the server will publish it: same page body, same renderer, same stylesheet. */
export function HaloPreview({ draft }: { draft: Draft }) {
  const resolveImage = useImageResolver();
  const html = useMemo(() => renderDraftPreview(draft, resolveImage), [draft, resolveImage]);
  return (
    <section className="halo-page halo-preview" aria-label="Preview of the published Halo" data-testid="halo-preview">
      <SafeHtml html={html} />
    </section>
  );
}
