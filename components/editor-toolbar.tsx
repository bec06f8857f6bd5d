import { i18n } from '#i18n';
interface Props {
  canUndo: boolean;
  canRedo: boolean;
  previewing: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onPreview: (previewing: boolean) => void;
  onAddText: () => void;
  /** Absent when the editor already fills a tab. */
  onOpenInTab?: () => void;
  /** The popup only: the same editor in the side panel (issue 12). */
  onOpenInPanel?: () => void;
}

/** Undo, redo, the whole-Halo preview, a new text block and "Open in a tab". */
export function EditorToolbar({
  canUndo,
  canRedo,
  previewing,
  onUndo,
  onRedo,
  onPreview,
  onAddText,
  onOpenInTab,
  onOpenInPanel,
}: Props) {
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={i18n.t('toolbar.label')}>
      <button type="button" data-testid="undo" disabled={!canUndo} aria-keyshortcuts="Control+Z" onClick={onUndo}>
        {i18n.t('toolbar.undo')}
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        onClick={onRedo}
      >
        {i18n.t('toolbar.redo')}
      </button>
      <button type="button" data-testid="add-text-block" disabled={previewing} onClick={onAddText}>
        {i18n.t('toolbar.addText')}
      </button>
      <button
        type="button"
        data-testid="preview-toggle"
        aria-pressed={previewing}
        onClick={() => onPreview(!previewing)}
      >
        {i18n.t('toolbar.preview')}
      </button>
      {onOpenInTab && (
        <button type="button" data-testid="open-in-tab" onClick={onOpenInTab}>
          {i18n.t('toolbar.openInTab')}
        </button>
      )}
      {onOpenInPanel && (
        <button type="button" data-testid="open-in-panel" onClick={onOpenInPanel}>
          {i18n.t('toolbar.openInPanel')}
        </button>
      )}
    </div>
  );
}
