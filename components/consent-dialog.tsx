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
      <h2 id="consent-title">{reason === 'first' ? 'Publish a public link?' : 'Publish with possible secrets?'}</h2>
      <p id="consent-text">
        {reason === 'findings' &&
          `This Halo still contains ${findings} possible secret${findings === 1 ? '' : 's'} or personal detail${findings === 1 ? '' : 's'}. `}
        Anyone with the link can read this Halo. It is not listed or indexed by search engines, and you can unpublish it
        at any time.
      </p>
      <div className="actions">
        <button type="button" data-testid="consent-accept" className="primary" onClick={onAccept} autoFocus>
          {reason === 'first' ? 'Publish' : 'Publish anyway'}
        </button>
        <button type="button" data-testid="consent-cancel" onClick={onCancel}>
          {reason === 'first' ? 'Cancel' : 'Review'}
        </button>
      </div>
    </div>
  );
}
