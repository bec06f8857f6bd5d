/** Asked once, before the first publish: a Halo is public to anyone who has its link. */
export function ConsentDialog({ onAccept, onCancel }: { onAccept: () => void; onCancel: () => void }) {
  return (
    <div
      className="consent"
      role="alertdialog"
      aria-labelledby="consent-title"
      aria-describedby="consent-text"
      data-testid="consent"
    >
      <h2 id="consent-title">Publish a public link?</h2>
      <p id="consent-text">
        Anyone with the link can read this Halo. It is not listed or indexed by search engines, and you can unpublish it
        at any time.
      </p>
      <div className="actions">
        <button type="button" data-testid="consent-accept" className="primary" onClick={onAccept} autoFocus>
          Publish
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
