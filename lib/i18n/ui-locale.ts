import { browser } from '#imports';
import { i18n } from '#i18n';

/**
 * The interface's language and direction follow the browser's (issue 17), as the catalogue the
 * browser picked (locales/*.yml) says: its own `meta` strings, not `@@ui_locale` / `@@bidi_dir`,
 * which follow the browser's own interface files (a Chromium without Arabic ones answers en-US
 * and ltr while showing the Arabic catalogue).
 */
export function uiLocale(): string {
  try {
    return i18n.t('meta.locale') || browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

export function uiDirection(): 'ltr' | 'rtl' {
  try {
    return i18n.t('meta.dir') === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Lays out an extension page in the interface's language: `lang` and `dir` on its root. */
export function applyUiLocale(doc: Document = document): void {
  doc.documentElement.lang = uiLocale();
  doc.documentElement.dir = uiDirection();
}

// One formatter per locale: making one costs far more than using it, and a 1,000-block draft
// numbers every row (issue 12's side panel spent 65-105 ms of an add making them).
const numberFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(formats: Map<string, T>, make: (locale: string) => T): T {
  const locale = uiLocale();
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = make(locale)));
  return format;
}

/** A count in the interface's language (Arabic digits in Arabic, grouping as the locale writes it). */
export const formatCount = (n: number): string =>
  cached(numberFormats, (locale) => new Intl.NumberFormat(locale)).format(n);

/** A time of day in the interface's language. */
export const formatTime = (at: number | Date): string =>
  cached(timeFormats, (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(at);
