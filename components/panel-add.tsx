import { useState, type DragEvent } from 'react';
import { useEditor } from '@/lib/draft/store';
import { pageSourceOf } from '@/lib/capture/tab-access';
import { i18n } from '#i18n';

/**
 * The side panel's ways in (issue 12): "Add this tab" and a drop zone for a selection, a link or
 * an image dragged from the page. The panel's own drags (blocks, sections) are not drops here.
 */
export function PanelAdd({ tabId }: { tabId: number | null }) {
  const adding = useEditor((s) => s.adding);
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) =>
    !event.dataTransfer.types.some((t) => t.startsWith('application/x-halo-')) &&
    event.dataTransfer.types.some((t) => t === 'text/plain' || t === 'text/html' || t === 'text/uri-list');
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setOver(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const data = {
      html: event.dataTransfer.getData('text/html') || undefined,
      text: event.dataTransfer.getData('text/plain') || undefined,
      uriList: event.dataTransfer.getData('text/uri-list') || undefined,
    };
    void pageSourceOf(tabId).then((page) => useEditor.getState().addDropped(data, page));
  };
  return (
    <div
      className={`panel-add${over ? ' panel-add-over' : ''}`}
      data-testid="panel-drop"
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <button
        type="button"
        className="primary"
        data-testid="add-this-tab"
        disabled={tabId === null || adding}
        onClick={() => tabId !== null && void useEditor.getState().addTab(tabId)}
      >
        {adding ? i18n.t('panel.adding') : i18n.t('panel.addTab')}
      </button>
      <span className="muted"> {i18n.t('panel.drop')}</span>
    </div>
  );
}
