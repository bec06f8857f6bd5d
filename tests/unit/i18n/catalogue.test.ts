import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '@wxt-dev/i18n/build';
import { chromeMessages, localeFiles } from '../../support/catalogue';

/** The $1…$9 a message fills in, each once ("$$" is a dollar sign, not a placeholder). */
const placeholders = (message: string): string[] =>
  [...new Set(message.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort();

/** Every key of one locale with what another lacks or fills differently: empty when they match. */
export function compareCatalogues(
  reference: Record<string, { message: string }>,
  other: Record<string, { message: string }>,
): string[] {
  const problems: string[] = [];
  for (const [key, { message }] of Object.entries(reference)) {
    const theirs = other[key]?.message;
    if (theirs === undefined || !theirs.trim()) problems.push(`${key}: missing`);
    else if (placeholders(theirs).join() !== placeholders(message).join())
      problems.push(
        `${key}: placeholders ${placeholders(theirs).join() || 'none'}, expected ${placeholders(message).join() || 'none'}`,
      );
    else if (theirs.split(' | ').length !== message.split(' | ').length) problems.push(`${key}: plural forms differ`);
  }
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push(`${key}: not in English`);
  return problems;
}

describe('the message catalogue (issue 17)', () => {
  const locales = localeFiles().map((file) => file.replace(/\.yml$/, ''));

  it('ships English, Spanish, Arabic and Japanese, each a locale browsers know', () => {
    expect(locales.sort()).toEqual(['ar', 'en', 'es', 'ja']);
    for (const locale of locales) expect(SUPPORTED_LOCALES.has(locale)).toBe(true);
  });

  it.each(locales.filter((locale) => locale !== 'en'))(
    '%s has every key of English, with the same placeholders',
    async (locale) => {
      expect(compareCatalogues(await chromeMessages('en'), await chromeMessages(locale))).toEqual([]);
    },
  );

  it('can fail: a missing key, a lost placeholder, an extra key and a lost plural form are each found', () => {
    const en = { a: { message: 'Hello $1' }, b: { message: 'Bye' }, c: { message: '$1 block | $1 blocks' } };
    expect(
      compareCatalogues(en, { a: { message: 'Hola' }, c: { message: '$1 bloques' }, z: { message: 'x' } }),
    ).toEqual(['a: placeholders none, expected $1', 'b: missing', 'c: plural forms differ', 'z: not in English']);
  });
});
