import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';
interface Props {
  /** 'first': the one-time notice; 'findings': possible secrets or personal data remain. */
  reason: 'first' | 'findings';
  findings: number;
  onAccept: () => void;
  onCancel: () => void;
}

/** Asked before the first publish, and before any publish that still holds findings. */
export function ConsentDialog({ reason, findings, onAccept, onCancel }: Props) {
  return (
    <div
      className="consent"
      role="alertdialog"
      aria-labelledby="consent-title"
      aria-describedby="consent-text"
      data-testid="consent"
      data-reason={reason}
    >
      <h2 id="consent-title">{reason === 'first' ? i18n.t('consent.firstTitle') : i18n.t('consent.findingsTitle')}</h2>
      <p id="consent-text">
        {reason === 'findings' && `${i18n.t('consent.findings', findings, [formatCount(findings)])} `}
        {i18n.t('consent.text')}
      </p>
      <div className="actions">
        <button type="button" data-testid="consent-accept" className="primary" onClick={onAccept} autoFocus>
          {reason === 'first' ? i18n.t('publish.publish') : i18n.t('consent.publishAnyway')}
        </button>
        <button type="button" data-testid="consent-cancel" onClick={onCancel}>
          {reason === 'first' ? i18n.t('common.cancel') : i18n.t('consent.review')}
        </button>
      </div>
    </div>
  );
}
