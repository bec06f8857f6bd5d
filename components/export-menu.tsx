import { useState } from 'react';
import type { Draft } from '@/lib/draft/draft';
import { copyMarkdown, copyRichText, downloadMarkdown } from '@/lib/draft/export';

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
      setStatus(`Could not export: ${(error as Error)?.message ?? error}`);
    }
  };
  return (
    <div className="export" role="group" aria-label="Export without publishing">
      <button
        type="button"
        data-testid="copy-markdown"
        onClick={() => void run(() => copyMarkdown(draft), 'Markdown copied.')}
      >
        Copy as Markdown
      </button>
      <button
        type="button"
        data-testid="download-markdown"
        onClick={() => void run(() => downloadMarkdown(draft), 'Download started.')}
      >
        Download .md
      </button>
      <button
        type="button"
        data-testid="copy-rich-text"
        onClick={() => void run(() => copyRichText(draft), 'Rich text copied.')}
      >
        Copy as rich text
      </button>
      <span className="muted" role="status" data-testid="export-status">
        {status}
      </span>
    </div>
  );
}
