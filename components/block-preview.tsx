import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { SafeHtml } from '@/components/safe-html';
import { useRenderer } from '@/components/use-renderer';
import { useImageResolver } from '@/components/draft-images';
import { PREVIEW_CHARS, previewable } from '@/lib/draft/preview';
import { LIMITS } from '@/lib/halo/limits';
import type { Block } from '@/lib/halo/schema';
import { blockText } from '@/lib/halo/block-text';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';

/**
 * Blocks far from view are not rendered yet: with 500 blocks, rendering every one at open costs
 * more than a second. One observer per scrolling list (its root, so blocks a screen below the
 * list's visible part render before they scroll in) watches them all; a block once shown stays rendered.
 */
const waiting = new Map<Element, () => void>();
const observers = new WeakMap<Element, IntersectionObserver>();

function whenNearView(element: Element, show: () => void): () => void {
  const root = element.closest('.block-list') ?? document.documentElement;
  let observer = observers.get(root);
  if (!observer) {
    observer = new IntersectionObserver(
      (entries, self) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          waiting.get(entry.target)?.();
          waiting.delete(entry.target);
          self.unobserve(entry.target);
        }
      },
      { root, rootMargin: '600px 0px' },
    );
    observers.set(root, observer);
  }
  waiting.set(element, show);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer.unobserve(element);
  };
}

const format = formatCount;

function SizeNote({ block }: { block: Block }) {
  const chars = blockText(block).length;
  if (chars > LIMITS.blockMarkdownChars) {
    return (
      <p className="block-size-note failed" role="note">
        {i18n.t('blocks.tooLong', [format(chars), format(LIMITS.blockMarkdownChars), format(PREVIEW_CHARS)])}
      </p>
    );
  }
  if (chars > PREVIEW_CHARS) {
    return (
      <p className="block-size-note muted" role="note">
        {i18n.t('blocks.previewCut', [format(PREVIEW_CHARS), format(chars)])}
      </p>
    );
  }
  return null;
}

/** The first blocks are in view when the editor opens: they render at once, without waiting for the observer. */
export const EAGER_BLOCKS = 4;

/** One block rendered with the server's renderer, at once when `eager`, else once it comes near view. */
export const BlockPreview = memo(function BlockPreview({ block, eager }: { block: Block; eager: boolean }) {
  const [shown, setShown] = useState(eager || typeof IntersectionObserver === 'undefined');
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => (shown ? undefined : whenNearView(placeholder.current!, () => setShown(true))), [shown]);
  const resolveImage = useImageResolver();
  const { renderer } = useRenderer();
  const html = useMemo(
    () => (shown && renderer ? renderer.renderBlock(previewable(block), resolveImage) : ''),
    [shown, renderer, block, resolveImage],
  );
  if (!shown || !renderer) {
    // Until the block nears view, or while the renderer's chunk loads (issue 18): its text as written.
    return (
      <div
        ref={placeholder}
        className="block-placeholder"
        data-testid="block-placeholder"
        dir="auto"
        aria-busy={shown ? true : undefined}
      >
        {blockText(block).slice(0, 280)}
      </div>
    );
  }
  return (
    <>
      <SafeHtml html={html} />
      <SizeNote block={block} />
    </>
  );
});

/** The live preview beside the Markdown editor: it follows the typing, at a lower priority than it. */
export const LivePreview = memo(function LivePreview({ block }: { block: Block }) {
  const resolveImage = useImageResolver();
  const { renderer } = useRenderer();
  const html = useMemo(
    () => (renderer ? renderer.renderBlock(previewable(block), resolveImage) : ''),
    [renderer, block, resolveImage],
  );
  if (!renderer) {
    return (
      <div className="block-live-preview block-placeholder" aria-busy="true" data-testid="live-preview-pending">
        {blockText(block).slice(0, 280)}
      </div>
    );
  }
  return (
    <>
      <SafeHtml html={html} className="block-live-preview" />
      <SizeNote block={block} />
    </>
  );
});
