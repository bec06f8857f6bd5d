import { i18n } from '#i18n';
import { uiLocale } from '@/lib/i18n/ui-locale';
import type { Notice } from '@/lib/draft/editor/state';

/**
 * A notice in the interface's language (issue 17). The capture and the editor say what happened
 * with a stable code; the codes whose sentence is always the same come from the catalogue. Those
 * that carry details only the moment knows (a server's or a page's own words) show their message.
 */
export function describeNotice(notice: Notice): string {
  // In English the notice's own sentence says more (the site's name, the seconds waited).
  if (/^en\b/i.test(uiLocale())) return notice.message;
  switch (notice.code) {
    case 'no_selection':
      return i18n.t('notice.noSelection');
    case 'unrecognised_layout':
      return i18n.t('notice.unrecognisedLayout');
    case 'restricted_page':
      return i18n.t('notice.restrictedPage');
    case 'timed_out':
      return i18n.t('notice.timedOut');
    case 'storage_full':
      return i18n.t('notice.storageFull');
    default:
      return notice.message;
  }
}
