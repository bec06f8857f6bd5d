import { i18n } from '#i18n';
import type { FailureWording } from '@/lib/capture/types';
import { formatCount, uiLocale } from '@/lib/i18n/ui-locale';
import type { Notice } from '@/lib/draft/editor/state';

/**
 * A notice in the interface's language (issue 17). The capture and the editor say what happened
 * with a stable code; the codes whose sentence is always the same come from the catalogue, and a
 * failure that carries its wording (lib/capture/types.ts) is said with its facts. What is left
 * carries details only the moment knows (a server's or a page's own words) and shows its message.
 * A capture's failure is a notice too: the toolbar's title says it in the same words.
 */
export function describeNotice(notice: Pick<Notice, 'code' | 'message' | 'wording'>): string {
  // In English the notice's own sentence says more (the site's name, the kind of capture).
  if (/^en\b/i.test(uiLocale())) return notice.message;
  if (notice.wording) return describeWording(notice.wording);
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

function describeWording(wording: FailureWording): string {
  switch (wording.key) {
    case 'noAnswer':
      return i18n.t('notice.noAnswer');
    case 'empty':
      return i18n.t('notice.empty');
    case 'threadGone':
      return i18n.t('notice.threadGone');
    case 'threadShrank':
      return i18n.t('notice.threadShrank');
    case 'timedOut':
      return i18n.t('notice.timedOutAfter', [formatCount(wording.seconds)]);
    case 'pageError':
      return i18n.t('notice.pageError', [wording.detail]);
    case 'captureFailed':
      return i18n.t('notice.captureFailed', [wording.detail]);
    case 'tooManyParts':
      return i18n.t('notice.tooManyParts', [formatCount(wording.count), formatCount(wording.limit)]);
    case 'partTooLong':
      return i18n.t('notice.partTooLong', [formatCount(wording.count), formatCount(wording.limit)]);
  }
}
