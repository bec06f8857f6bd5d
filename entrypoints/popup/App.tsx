import { useEffect, useMemo, useState } from 'react';
import { browser } from '#imports';
import { BlockFilters } from '@/components/block-filters';
import type { BlockActions } from '@/components/block-item';
import { BlockList } from '@/components/block-list';
import { CaptureNotice } from '@/components/capture-notice';
import { ConsentDialog } from '@/components/consent-dialog';
import { DraftImagesProvider } from '@/components/draft-images';
import { DraftsView } from '@/components/drafts-view';
import { EditAnnouncer } from '@/components/edit-announcer';
import { EditorToolbar } from '@/components/editor-toolbar';
import { ErrorBoundary } from '@/components/error-boundary';
import { ExportMenu } from '@/components/export-menu';
import { FindingsPanel } from '@/components/findings-panel';
import { HaloPreview } from '@/components/halo-preview';
import { PublishPanel } from '@/components/publish-panel';
import { NoteField } from '@/components/note-field';
import { PopupNav, type PopupView } from '@/components/popup-nav';
import { PublishedView } from '@/components/published-view';
import { RecapturePrompt } from '@/components/recapture-prompt';
import type { SectionActions } from '@/components/section-header';
import { SectionOffer } from '@/components/section-offer';
import { PanelAdd } from '@/components/panel-add';
import { RendererFailure } from '@/components/use-renderer';
import { useWide } from '@/components/use-wide';
import { WholeThreadBar } from '@/components/whole-thread-bar';
import { TitleField } from '@/components/title-field';
import { acknowledgeActionStatus } from '@/lib/background/action-status';
import { openSidePanel } from '@/lib/background/open-side-panel';
import { historyShortcut } from '@/lib/draft/history';
import { useEditor } from '@/lib/draft/store';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';

/** The same editor at full size, aimed at the same tab; the popup closes itself. */
async function openInTab(tabId: number | null) {
  await useEditor.getState().flush();
  const query = new URLSearchParams({ view: 'tab', ...(tabId === null ? {} : { tabId: String(tabId) }) });
  await browser.tabs.create({ url: `${browser.runtime.getURL('/popup.html')}?${query}` });
  window.close();
}

/** The side panel beside the page (issue 12); the popup closes itself, the panel takes over. */
function openInPanel(tabId: number | null) {
  // First, within the click's gesture: the browser opens the panel only then.
  void openSidePanel({ tabId: tabId ?? undefined })
    .then(() => useEditor.getState().flush())
    .then(() => window.close())
    .catch((error: unknown) => console.warn('Halo: the side panel could not open', error));
}

/** Where the editor runs: the toolbar popup (quick, one column), a tab, or the side panel. */
export type Surface = 'popup' | 'tab' | 'panel';

interface AppProps {
  tabId: number | null;
  inTab?: boolean;
  surface?: Surface;
  /** The side panel's tab (the one it sits beside): "Add this tab" reads it. */
  panelTabId?: number | null;
}

/** A view that fails writes the draft's pending edits first: the failure must not cost a word (issue 16). */
const keepDraft = () => void useEditor.getState().flush();

export function App({ tabId, inTab = false, surface = inTab ? 'tab' : 'popup', panelTabId = null }: AppProps) {
  const editor = useEditor();
  // Blocks beside a live preview of the whole Halo, in the panel or a tab wider than ~900 px.
  const wide = useWide(surface !== 'popup');
  const sectionActions = useMemo<SectionActions>(() => {
    const { renameSection, setSectionCollapsed, moveSection, removeSection, refreshSection } = useEditor.getState();
    return {
      onRename: renameSection,
      onCollapse: setSectionCollapsed,
      onMoveSection: moveSection,
      onRemoveSection: removeSection,
      onRefresh: surface === 'popup' ? undefined : (id) => void refreshSection(id),
    };
  }, [surface]);
  const [view, setView] = useState<PopupView>('editor');
  const [previewing, setPreviewing] = useState(false);
  const blockActions = useMemo<BlockActions>(() => {
    const { setIncluded, setEditing, removeBlock, moveBlock, updateBlockMarkdown, switchSpeaker } =
      useEditor.getState();
    return {
      onToggle: setIncluded,
      onEdit: setEditing,
      onRemove: removeBlock,
      onMove: moveBlock,
      onMarkdown: updateBlockMarkdown,
      onSwitchSpeaker: switchSpeaker,
    };
  }, []);

  useEffect(() => {
    let stopFollowing = () => {};
    let stopped = false;
    // The panel never captures on its own (a click in it grants no access): it shows the current draft.
    void useEditor
      .getState()
      .init(surface === 'panel' ? null : tabId)
      .then(() => {
        if (!stopped) stopFollowing = useEditor.getState().follow();
      });
    void acknowledgeActionStatus();
    // The popup is destroyed whenever it loses focus: write pending edits before that.
    const flush = () => void useEditor.getState().flush();
    const onVisibility = () => document.visibilityState === 'hidden' && void useEditor.getState().flushEdits();
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
      stopped = true;
      stopFollowing();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [tabId, surface]);

  const { draft, notice, phase, capturing, job, askingConsent, findings, recapture, editingId, sectionOffer } = editor;
  const flagged = useMemo(() => new Set(findings.map((f) => f.blockId)), [findings]);
  const blockNumber = (blockId: string) =>
    blockId === 'note'
      ? i18n.t('findings.note')
      : i18n.t('blocks.name', [formatCount((draft?.blocks.findIndex((b) => b.id === blockId) ?? -1) + 1)]);
  const top = (
    <>
      <header className="editor-header">
        <h1>{i18n.t('popup.heading')}</h1>
        <PopupNav view={view} onView={setView} />
      </header>
      {recapture && (
        <RecapturePrompt existing={recapture.existing} onChoose={(choice) => void editor.resolveRecapture(choice)} />
      )}
      {sectionOffer && (
        <SectionOffer title={sectionOffer.title} onChoose={(choice) => void editor.resolveSectionOffer(choice)} />
      )}
    </>
  );
  if (view !== 'editor') {
    return (
      <main className="editor">
        {top}
        <ErrorBoundary what={view === 'drafts' ? i18n.t('what.drafts') : i18n.t('what.published')} resetKey={view}>
          {view === 'drafts' ? <DraftsView onOpened={() => setView('editor')} /> : <PublishedView />}
        </ErrorBoundary>
      </main>
    );
  }
  return (
    <main
      className={`editor${wide ? ' editor-wide' : ''}`}
      data-surface={surface}
      aria-busy={phase === 'loading' || capturing || editor.adding}
    >
      {top}
      <RendererFailure />
      {surface === 'panel' && <PanelAdd tabId={panelTabId} />}
      {notice && <CaptureNotice notice={notice} onCapture={(mode) => void editor.capture(mode)} />}
      {notice?.code === 'storage_full' && <DraftsView othersOnly />}
      {phase === 'loading' && !draft && <p className="muted">{i18n.t('popup.capturing')}</p>}
      {phase === 'ready' && !draft && !notice && (
        <p className="muted">{surface === 'panel' ? i18n.t('popup.emptyPanel') : i18n.t('popup.empty')}</p>
      )}
      {draft && (
        <DraftImagesProvider draftId={draft.id}>
          <TitleField value={draft.title} onChange={editor.setTitle} />
          {draft.warnings.length > 0 && (
            // The alert role on a wrapper: on the <ul> itself it would hide the list from assistive tech (axe).
            <div role="alert">
              <ul className="warnings">
                {draft.warnings.map((warning) => (
                  <li key={warning} dir="auto">
                    {warning}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {editor.threadInTab && tabId !== null && surface !== 'panel' && (
            <WholeThreadBar
              progress={editor.threadLoad}
              disabled={capturing}
              onLoad={() => void editor.loadWholeThread()}
              onCancel={editor.cancelThreadLoad}
            />
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
            onOpenInTab={surface === 'popup' ? () => void openInTab(tabId) : undefined}
            onOpenInPanel={surface === 'popup' ? () => openInPanel(tabId) : undefined}
          />
          <EditAnnouncer announcement={editor.announcement} onUndo={editor.undo} />
          {previewing && !wide ? (
            <ErrorBoundary what={i18n.t('what.preview')} resetKey={draft} onError={keepDraft}>
              <HaloPreview draft={draft} />
            </ErrorBoundary>
          ) : (
            <div className="editor-columns">
              <div className="editor-blocks">
                <ErrorBoundary what={i18n.t('what.blocks')} resetKey={draft.blocks} onError={keepDraft}>
                  {draft.blocks.length > 1 && <BlockFilters onFilter={editor.applyFilter} />}
                  <FindingsPanel
                    findings={findings}
                    scanFailure={editor.scanFailure}
                    blockNumber={blockNumber}
                    onRedact={editor.redact}
                  />
                  <BlockList
                    blocks={draft.blocks}
                    actions={blockActions}
                    editingId={editingId}
                    flagged={flagged}
                    sectionActions={sectionActions}
                  />
                </ErrorBoundary>
              </div>
              {wide && (
                <ErrorBoundary what={i18n.t('what.preview')} resetKey={draft} onError={keepDraft}>
                  <HaloPreview draft={draft} live />
                </ErrorBoundary>
              )}
            </div>
          )}
          <ExportMenu draft={draft} />
          <ErrorBoundary what={i18n.t('what.publishing')} resetKey={job} onError={keepDraft}>
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
        </DraftImagesProvider>
      )}
    </main>
  );
}
