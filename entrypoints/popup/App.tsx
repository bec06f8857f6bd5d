import { useEffect, useMemo, useState } from 'react';
import { browser } from '#imports';
import { BlockFilters } from '@/components/block-filters';
import type { BlockActions } from '@/components/block-item';
import { BlockList } from '@/components/block-list';
import { CaptureNotice } from '@/components/capture-notice';
import { ConsentDialog } from '@/components/consent-dialog';
import { DraftsView } from '@/components/drafts-view';
import { EditAnnouncer } from '@/components/edit-announcer';
import { EditorToolbar } from '@/components/editor-toolbar';
import { ErrorBoundary } from '@/components/error-boundary';
import { FindingsPanel } from '@/components/findings-panel';
import { HaloPreview } from '@/components/halo-preview';
import { PublishPanel } from '@/components/publish-panel';
import { NoteField } from '@/components/note-field';
import { PopupNav, type PopupView } from '@/components/popup-nav';
import { PublishedView } from '@/components/published-view';
import { RecapturePrompt } from '@/components/recapture-prompt';
import { TitleField } from '@/components/title-field';
import { acknowledgeActionStatus } from '@/lib/background/action-status';
import { historyShortcut } from '@/lib/draft/history';
import { useEditor } from '@/lib/draft/store';

/** The same editor at full size, aimed at the same tab; the popup closes itself. */
async function openInTab(tabId: number | null) {
  await useEditor.getState().flush();
  const query = new URLSearchParams({ view: 'tab', ...(tabId === null ? {} : { tabId: String(tabId) }) });
  await browser.tabs.create({ url: `${browser.runtime.getURL('/popup.html')}?${query}` });
  window.close();
}

/** A view that fails writes the draft's pending edits first: the failure must not cost a word (issue 16). */
const keepDraft = () => void useEditor.getState().flush();

export function App({ tabId, inTab = false }: { tabId: number | null; inTab?: boolean }) {
  const editor = useEditor();
  const [view, setView] = useState<PopupView>('editor');
  const [previewing, setPreviewing] = useState(false);
  const blockActions = useMemo<BlockActions>(() => {
    const { setIncluded, setEditing, removeBlock, moveBlock, updateBlockMarkdown } = useEditor.getState();
    return {
      onToggle: setIncluded,
      onEdit: setEditing,
      onRemove: removeBlock,
      onMove: moveBlock,
      onMarkdown: updateBlockMarkdown,
    };
  }, []);

  useEffect(() => {
    void useEditor.getState().init(tabId);
    void acknowledgeActionStatus();
    // The popup is destroyed whenever it loses focus: write pending edits before that.
    const flush = () => void useEditor.getState().flush();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    // One history for the whole draft: Ctrl+Z undoes the last edit wherever focus is, text fields
    // included (their native undo would not know about the draft's other edits).
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.isComposing ? null : historyShortcut(event);
      if (!command) return;
      event.preventDefault();
      useEditor.getState()[command]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [tabId]);

  const { draft, notice, phase, capturing, job, askingConsent, findings, recapture, editingId } = editor;
  const flagged = useMemo(() => new Set(findings.map((f) => f.blockId)), [findings]);
  const blockNumber = (blockId: string) =>
    blockId === 'note' ? 'the note' : `block ${(draft?.blocks.findIndex((b) => b.id === blockId) ?? -1) + 1}`;
  const top = (
    <>
      <header className="editor-header">
        <h1>Halo</h1>
        <PopupNav view={view} onView={setView} />
      </header>
      {recapture && (
        <RecapturePrompt existing={recapture.existing} onChoose={(choice) => void editor.resolveRecapture(choice)} />
      )}
    </>
  );
  if (view !== 'editor') {
    return (
      <main className="editor">
        {top}
        <ErrorBoundary what={view === 'drafts' ? 'the list of drafts' : 'the list of published Halos'} resetKey={view}>
          {view === 'drafts' ? <DraftsView onOpened={() => setView('editor')} /> : <PublishedView />}
        </ErrorBoundary>
      </main>
    );
  }
  return (
    <main className="editor" aria-busy={phase === 'loading' || capturing}>
      {top}
      {notice && <CaptureNotice notice={notice} onCapture={(mode) => void editor.capture(mode)} />}
      {notice?.code === 'storage_full' && <DraftsView othersOnly />}
      {phase === 'loading' && !draft && <p className="muted">Capturing…</p>}
      {phase === 'ready' && !draft && !notice && (
        <p className="muted">Select text on a page, or open a chat thread, then click the Halo button.</p>
      )}
      {draft && (
        <>
          <TitleField value={draft.title} onChange={editor.setTitle} />
          {draft.warnings.length > 0 && (
            <ul className="warnings" role="alert">
              {draft.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <NoteField value={draft.note} onChange={editor.setNote} />
          <EditorToolbar
            canUndo={editor.canUndo}
            canRedo={editor.canRedo}
            previewing={previewing}
            onUndo={editor.undo}
            onRedo={editor.redo}
            onPreview={setPreviewing}
            onAddText={() => editor.addTextBlock(editingId)}
            onOpenInTab={inTab ? undefined : () => void openInTab(tabId)}
          />
          <EditAnnouncer announcement={editor.announcement} onUndo={editor.undo} />
          {previewing ? (
            <ErrorBoundary what="the preview of the Halo" resetKey={draft} onError={keepDraft}>
              <HaloPreview draft={draft} />
            </ErrorBoundary>
          ) : (
            <ErrorBoundary what="the list of blocks" resetKey={draft.blocks} onError={keepDraft}>
              {draft.blocks.length > 1 && <BlockFilters onFilter={editor.applyFilter} />}
              <FindingsPanel findings={findings} blockNumber={blockNumber} onRedact={editor.redact} />
              <BlockList blocks={draft.blocks} actions={blockActions} editingId={editingId} flagged={flagged} />
            </ErrorBoundary>
          )}
          <ErrorBoundary what="publishing" resetKey={job} onError={keepDraft}>
            {askingConsent ? (
              <ConsentDialog
                reason={askingConsent}
                findings={findings.length}
                onAccept={() => void editor.acceptConsent()}
                onCancel={editor.cancelConsent}
              />
            ) : (
              <PublishPanel
                job={job}
                liveUrl={editor.liveHalo?.url ?? null}
                disabled={capturing}
                onPublish={(target) => void editor.publish(target)}
                onRetry={() => void editor.retry()}
              />
            )}
          </ErrorBoundary>
        </>
      )}
    </main>
  );
}
