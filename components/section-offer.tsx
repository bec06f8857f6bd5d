interface Props {
  title: string;
  onChoose: (choice: 'update' | 'add-again' | 'cancel') => void;
}

/** Adding a thread that is already a section (issue 12): update that section, add it again, or nothing. */
export function SectionOffer({ title, onChoose }: Props) {
  return (
    <div
      className="notice recapture"
      role="alertdialog"
      aria-labelledby="section-offer-text"
      data-testid="section-offer"
    >
      <p id="section-offer-text">This thread is already in the draft{title ? <>, as “{title}”</> : null}.</p>
      <button type="button" className="primary" data-testid="section-offer-update" onClick={() => onChoose('update')}>
        Update that section
      </button>{' '}
      <button type="button" data-testid="section-offer-add" onClick={() => onChoose('add-again')}>
        Add it again
      </button>{' '}
      <button type="button" data-testid="section-offer-cancel" onClick={() => onChoose('cancel')}>
        Cancel
      </button>
    </div>
  );
}
