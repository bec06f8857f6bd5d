import type { i18n } from '#i18n';

type Translate = typeof i18n.t;

/**
 * A capture's warnings in the reader's language (issue 17). The capture code runs where its host
 * puts it (the page, for capture.js; a test; the `npm run capture` CLI on jsdom), so it imports no
 * extension module: the host hands it its catalogue. capture.js hands it the extension's, which the
 * page's isolated world can read, so a warning is stored as the user will read it.
 */
let catalogue: Translate | undefined;

export function useCatalogue(translate: Translate): void {
  catalogue = translate;
}

/**
 * The catalogue's sentence. Without a catalogue (a plain page, as the benchmark's) it is the
 * message's key: there is nobody there to read it, and a capture must not fail over a sentence.
 */
export const say = ((key: string, ...rest: unknown[]) => {
  try {
    return (catalogue as ((key: string, ...rest: unknown[]) => string) | undefined)?.(key, ...rest) || key;
  } catch {
    return key;
  }
}) as Translate;

const formats = new Map<string, Intl.NumberFormat>();

/** A count as the catalogue's language writes it (Arabic digits in Arabic). */
export function sayCount(n: number): string {
  const locale = say('meta.locale');
  let format = formats.get(locale);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat('en');
    }
    formats.set(locale, format);
  }
  return format.format(n);
}
