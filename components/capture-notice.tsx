import type { CaptureMode } from '@/lib/capture/types';
import type { Notice } from '@/lib/draft/store';

/** What went wrong with a capture or a publish request, and the way forward. */
export function CaptureNotice({ notice, onCapture }: { notice: Notice; onCapture: (mode: CaptureMode) => void }) {
  const offer: { mode: CaptureMode; label: string } | null =
    notice.code === 'no_selection'
      ? { mode: 'page', label: 'Capture this page' }
      : notice.code === 'unrecognised_layout'
        ? { mode: 'article', label: 'Capture as an article' }
        : null;
  return (
    <div className="notice" role="alert" data-testid="popup-error" data-code={notice.code}>
      <p>{notice.message}</p>
      {offer && (
        <button type="button" data-testid="capture-page" onClick={() => onCapture(offer.mode)}>
          {offer.label}
        </button>
      )}
    </div>
  );
}
