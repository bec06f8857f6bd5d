import { i18n } from '#i18n';
import { uiLocale } from '@/lib/i18n/ui-locale';
import type { PublishError } from '@/lib/publish/job';

/** A block type an older server does not know (issue 12's version policy). */
const UNKNOWN_BLOCK_TYPE = /^blocks\.\d+\.type$/;

/**
 * A publish failure in the interface's language (issue 17). The worker keeps the stable code and
 * HTTP status the server answered; this maps them to the catalogue. A refusal that only the
 * server can explain (invalid_halo, 403 on a change) keeps the server's own words, quoted.
 */
export function describePublishError(error: PublishError): string {
  // In English the worker's own sentence says more (the endpoint, the seconds waited).
  if (/^en\b/i.test(uiLocale())) return error.message;
  const { code, status } = error;
  if (code === 'network') return i18n.t('publishError.network');
  if (code === 'timeout') return i18n.t('publishError.timeout');
  if (code === 'redirect') return i18n.t('publishError.redirect');
  if (code === 'bad_response') return i18n.t('publishError.badResponse');
  if (code === 'invalid_halo' && error.path && UNKNOWN_BLOCK_TYPE.test(error.path)) {
    return i18n.t('publishError.olderThanSections');
  }
  switch (status) {
    case 401:
      return i18n.t('publishError.token');
    case 413:
      return i18n.t('publishError.tooLarge');
    case 429:
      return i18n.t('publishError.rateLimited');
    case 410:
      return i18n.t('publishError.gone');
  }
  if (status !== undefined && status >= 500) return i18n.t('publishError.serverFailed', [String(status)]);
  // The server's words (or the worker's, for a 400 or 403 explained there): specific, English.
  return error.message;
}
