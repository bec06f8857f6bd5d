import { useDeferredValue, useEffect, useRef } from 'react';
import { LivePreview } from '@/components/block-preview';
import { ErrorBoundary } from '@/components/error-boundary';
import type { Block } from '@/lib/halo/schema';
import { blockText } from '@/lib/halo/block-text';
import { i18n } from '#i18n';

interface Props {
  block: Block;
  /** "block 3", for labels. */
  name: string;
  onChange: (markdown: string) => void;
  onDone: () => void;
}

/**
 * A block's Markdown, edited in place with a live preview from the server's renderer. Every
 * keystroke is an edit of the draft (saved, undoable); Escape or Done closes the editor.
 */
export function BlockEditor({ block, name, onChange, onDone }: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Typing stays urgent; the preview catches up when the renderer has time (a long block takes a while).
  const previewed = useDeferredValue(block);
  useEffect(() => {
    // Opened to add to it: the caret starts at the end.
    const field = textarea.current!;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, []);
  return (
    <div className="block-editor" data-testid="block-editor">
      <label className="field">
        <span className="field-label">{i18n.t('blocks.markdownOf', [name])}</span>
        <textarea
          ref={textarea}
          data-testid="block-markdown"
          rows={6}
          dir="auto"
          spellCheck
          value={blockText(block)}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              // Closes the editor, not the popup.
              event.preventDefault();
              event.stopPropagation();
              onDone();
            }
          }}
        />
      </label>
      <section
        className="block-editor-preview"
        aria-label={i18n.t('blocks.previewOf', [name])}
        data-testid="block-live-preview"
      >
        <ErrorBoundary what={i18n.t('what.blockPreview', [name])} resetKey={previewed}>
          <LivePreview block={previewed} />
        </ErrorBoundary>
      </section>
      <div className="actions">
        <button type="button" data-testid="block-edit-done" onClick={onDone}>
          {i18n.t('blocks.done')}
        </button>
      </div>
    </div>
  );
}
