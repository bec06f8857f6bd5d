import { useEffect, useState } from 'react';
import { BlockFilters } from '@/components/block-filters';
import { BlockList } from '@/components/block-list';
import { CaptureNotice } from '@/components/capture-notice';
import { ConsentDialog } from '@/components/consent-dialog';
import { DraftsView } from '@/components/drafts-view';
import { FindingsPanel } from '@/components/findings-panel';
import { PublishPanel } from '@/components/publish-panel';
import { NoteField } from '@/components/note-field';
import { PopupNav, type PopupView } from '@/components/popup-nav';
import { PublishedView } from '@/components/published-view';
import { RecapturePrompt } from '@/components/recapture-prompt';
import { TitleField } from '@/components/title-field';
import { useEditor } from '@/lib/draft/store';

export function App({ tabId }: { tabId: number | null }) {
  const editor = useEditor();
  const [view, setView] = useState<PopupView>('editor');

  useEffect(() => {
    void useEditor.getState().init(tabId);
    // The popup is destroyed whenever it loses focus: write pending edits before that.
    const flush = () => void useEditor.getState().flush();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [tabId]);

  const { draft, notice, phase, capturing, job, askingConsent, findings, recapture } = editor;
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
        {view === 'drafts' ? <DraftsView onOpened={() => setView('editor')} /> : <PublishedView />}
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
          {draft.blocks.length > 1 && <BlockFilters onFilter={editor.applyFilter} />}
          <FindingsPanel findings={findings} blockNumber={blockNumber} onRedact={editor.redact} />
          <BlockList
            blocks={draft.blocks}
            onToggle={editor.setIncluded}
            flagged={new Set(findings.map((f) => f.blockId))}
          />
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
              disabled={capturing}
              onPublish={() => void editor.publish()}
              onRetry={() => void editor.retry()}
            />
          )}
        </>
      )}
    </main>
  );
}
