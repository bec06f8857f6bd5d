import { browser } from '#imports';

/**
 * The interface's language and direction follow the browser's (issue 17): the catalogue
 * (locales/*.yml) the browser picked says which, through its predefined messages.
 */
export function uiLocale(): string {
  try {
    return browser.i18n.getMessage('@@ui_locale').replace(/_/g, '-') || browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

export function uiDirection(): 'ltr' | 'rtl' {
  try {
    return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Lays out an extension page in the interface's language: `lang` and `dir` on its root. */
export function applyUiLocale(doc: Document = document): void {
  doc.documentElement.lang = uiLocale();
  doc.documentElement.dir = uiDirection();
}

/** A count in the interface's language (Arabic digits in Arabic, grouping as the locale writes it). */
export const formatCount = (n: number): string => new Intl.NumberFormat(uiLocale()).format(n);

/** A time of day in the interface's language. */
export const formatTime = (at: number | Date): string =>
  new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'short' }).format(at);
