import { useState } from 'react';
import type { Draft } from '@/lib/draft/draft';
import { copyMarkdown, copyRichText, downloadMarkdown } from '@/lib/draft/export';
import { i18n } from '#i18n';

/**
 * Export without publishing (issue 12): works offline, on a draft never published. Says what it
 * did, or why it could not (a clipboard the browser refused).
 */
export function ExportMenu({ draft }: { draft: Draft }) {
  const [status, setStatus] = useState('');
  const run = async (work: () => Promise<void> | void, done: string) => {
    try {
      await work();
      setStatus(done);
    } catch (error) {
      setStatus(i18n.t('export.failed', [String((error as Error)?.message ?? error)]));
    }
  };
  return (
    <div className="export" role="group" aria-label={i18n.t('export.label')}>
      <button
        type="button"
        data-testid="copy-markdown"
        onClick={() => void run(() => copyMarkdown(draft), i18n.t('export.markdownCopied'))}
      >
        {i18n.t('export.copyMarkdown')}
      </button>
      <button
        type="button"
        data-testid="download-markdown"
        onClick={() => void run(() => downloadMarkdown(draft), i18n.t('export.downloadStarted'))}
      >
        {i18n.t('export.download')}
      </button>
      <button
        type="button"
        data-testid="copy-rich-text"
        onClick={() => void run(() => copyRichText(draft), i18n.t('export.richTextCopied'))}
      >
        {i18n.t('export.copyRichText')}
      </button>
      <span className="muted" role="status" data-testid="export-status">
        {status}
      </span>
    </div>
  );
}
