import { i18n } from '#i18n';
export type PopupView = 'editor' | 'drafts' | 'published';

const VIEWS: [PopupView, () => string][] = [
  ['editor', () => i18n.t('nav.editor')],
  ['drafts', () => i18n.t('nav.drafts')],
  ['published', () => i18n.t('nav.published')],
];

/** The popup's three views: the draft being edited, the kept drafts, the published Halos. */
export function PopupNav({ view, onView }: { view: PopupView; onView: (view: PopupView) => void }) {
  return (
    <nav className="popup-nav" aria-label={i18n.t('nav.label')}>
      {VIEWS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          data-testid={`nav-${id}`}
          aria-current={view === id ? 'page' : undefined}
          onClick={() => onView(id)}
        >
          {label()}
        </button>
      ))}
    </nav>
  );
}
