import { i18n } from '#i18n';
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
      <p id="section-offer-text">{title ? i18n.t('sectionOffer.textTitled', [title]) : i18n.t('sectionOffer.text')}</p>
      <button type="button" className="primary" data-testid="section-offer-update" onClick={() => onChoose('update')}>
        {i18n.t('sectionOffer.update')}
      </button>{' '}
      <button type="button" data-testid="section-offer-add" onClick={() => onChoose('add-again')}>
        {i18n.t('sectionOffer.addAgain')}
      </button>{' '}
      <button type="button" data-testid="section-offer-cancel" onClick={() => onChoose('cancel')}>
        {i18n.t('common.cancel')}
      </button>
    </div>
  );
}
