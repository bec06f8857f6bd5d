import { useDeferredValue, useMemo } from 'react';
import { SafeHtml } from '@/components/safe-html';
import type { Draft } from '@/lib/draft/draft';
import { renderDraftPreview } from '@/lib/draft/preview';

/** The whole Halo as the server will publish it: same page body, same renderer, same stylesheet. */
export function HaloPreview({ draft, live = false }: { draft: Draft; live?: boolean }) {
  // Beside the blocks (issue 12), the preview follows typing without holding it up: React renders
  // it after each keystroke's own update, and drops a render a newer keystroke made stale.
  const deferred = useDeferredValue(draft);
  const shown = live ? deferred : draft;
  const html = useMemo(() => renderDraftPreview(shown), [shown]);
  return (
    <section className="halo-page halo-preview" aria-label="Preview of the published Halo" data-testid="halo-preview">
      <SafeHtml html={html} />
    </section>
  );
}
