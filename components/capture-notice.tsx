import type { CaptureMode } from '@/lib/capture/types';
import type { Notice } from '@/lib/draft/store';
import { i18n } from '#i18n';
import { describeNotice } from '@/lib/i18n/notice';

/** What went wrong with a capture or a publish request, and the way forward. */
export function CaptureNotice({ notice, onCapture }: { notice: Notice; onCapture: (mode: CaptureMode) => void }) {
  const offer: { mode: CaptureMode; label: string } | null =
    notice.code === 'no_selection'
      ? { mode: 'page', label: i18n.t('notice.capturePage') }
      : notice.code === 'unrecognised_layout'
        ? { mode: 'article', label: i18n.t('notice.captureArticle') }
        : null;
  return (
    <div className="notice" role="alert" data-testid="popup-error" data-code={notice.code}>
      <p>{describeNotice(notice)}</p>
      {offer && (
        <button type="button" data-testid="capture-page" onClick={() => onCapture(offer.mode)}>
          {offer.label}
        </button>
      )}
    </div>
  );
}
