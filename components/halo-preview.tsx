import { useEffect, useMemo, useState } from 'react';
import { useImageResolver } from '@/components/draft-images';
import { SafeHtml } from '@/components/safe-html';
import { useRenderer } from '@/components/use-renderer';
import type { Draft } from '@/lib/draft/draft';
import { renderDraftPreview } from '@/lib/draft/preview';
import { i18n } from '#i18n';

/** Blocks beyond which the live preview waits for a pause in typing. */
export const LONG_DRAFT = 200;
const PAUSE_MS = 300;

/** The whole Halo as the server will publish it: same page body, same renderer, same stylesheet. */
export function HaloPreview({ draft, live = false }: { draft: Draft; live?: boolean }) {
  // Beside the blocks (issue 12), the preview follows typing without holding it up: the whole Halo
  // renders in one pass, so a long draft renders it once typing pauses (the edited block's own
  // preview follows each keystroke).
  const [settled, setSettled] = useState(draft);
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => setSettled(draft), draft.blocks.length > LONG_DRAFT ? PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [draft, live]);
  const shown = live ? settled : draft;
  const resolveImage = useImageResolver();
  const { renderer, error } = useRenderer();
  const html = useMemo(
    () => (renderer ? renderDraftPreview(renderer, shown, resolveImage) : ''),
    [renderer, shown, resolveImage],
  );
  return (
    <section
      className="halo-page halo-preview"
      aria-label={i18n.t('preview.label')}
      aria-busy={renderer ? undefined : true}
      data-testid="halo-preview"
    >
      {renderer ? (
        <SafeHtml html={html} />
      ) : (
        <p className="muted">{error ? i18n.t('preview.failed') : i18n.t('preview.loading')}</p>
      )}
    </section>
  );
}
