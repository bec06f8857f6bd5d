/**
 * Which writing system a text is in, and which way it runs (issue 17). Pure and cheap: the
 * renderer asks it for every block, heading, list and table cell, so it counts letters and
 * never parses. A script says little about the language (Arabic script is also Persian and Urdu,
 * Latin is hundreds of languages): `langForScript` is a guess, used only where nothing better is
 * known, and Latin yields no guess at all.
 */

/** ISO 15924 codes of the scripts told apart. */
export type Script =
  | 'Latn'
  | 'Arab'
  | 'Hebr'
  | 'Jpan'
  | 'Hani'
  | 'Kore'
  | 'Cyrl'
  | 'Grek'
  | 'Thai'
  | 'Deva'
  | 'Beng'
  | 'Taml'
  | 'Geor'
  | 'Armn'
  | 'Ethi'
  | 'Syrc'
  | 'Thaa';

const SCRIPTS: [Script, RegExp][] = [
  ['Latn', /\p{Script=Latin}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  // Kana marks Japanese; Han alone is counted apart (Chinese, or Japanese without kana).
  ['Jpan', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hani', /\p{Script=Han}/u],
  ['Kore', /\p{Script=Hangul}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Taml', /\p{Script=Tamil}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
  ['Syrc', /\p{Script=Syriac}/u],
  ['Thaa', /\p{Script=Thaana}/u],
];

/** Scripts written right to left (strong R/AL characters), including the rarer ones. */
const RTL_CHAR =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;
const RTL_SCRIPTS = new Set<Script>(['Arab', 'Hebr', 'Syrc', 'Thaa']);

/** Letters looked at: enough to decide, bounded for megabyte blocks. */
const SAMPLE_CHARS = 4_000;

/** Markdown's code (fences, indented code, inline code) and link targets say nothing about the prose. */
export function proseOf(markdown: string): string {
  return markdown
    .slice(0, SAMPLE_CHARS * 4)
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?:\n|$)|$)/gm, ' ')
    .replace(/`+[^`\n]*`+/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g, ' ');
}

/** Letters per script, from the first SAMPLE_CHARS letters. */
function countScripts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  let seen = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (++seen > SAMPLE_CHARS) break;
    const found = SCRIPTS.find(([, re]) => re.test(ch));
    if (found) counts.set(found[0], (counts.get(found[0]) ?? 0) + 1);
  }
  return counts;
}

/**
 * The script most of the letters are in, or undefined for text without letters. Kana anywhere
 * makes Han text Japanese (kanji and kana mix in every Japanese sentence).
 */
export function dominantScript(text: string): Script | undefined {
  const counts = countScripts(text);
  if (counts.has('Jpan') && counts.has('Hani')) {
    counts.set('Jpan', counts.get('Jpan')! + counts.get('Hani')!);
    counts.delete('Hani');
  }
  let best: Script | undefined;
  let most = 0;
  for (const [script, n] of counts) {
    if (n > most) [best, most] = [script, n];
  }
  return best;
}

/**
 * The direction of a piece of text by the majority of its strong letters, not the first one: an
 * Arabic sentence that opens with an English product name is still Arabic ("React هو مكتبة").
 * Undefined when it holds no letters (numbers, code, punctuation): the caller leaves it to the
 * surrounding direction (`dir="auto"`).
 */
export function textDirection(text: string): 'rtl' | 'ltr' | undefined {
  let rtl = 0;
  let ltr = 0;
  let seen = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (++seen > SAMPLE_CHARS) break;
    if (RTL_CHAR.test(ch)) rtl += 1;
    else ltr += 1;
  }
  if (!rtl && !ltr) return undefined;
  return rtl > ltr ? 'rtl' : 'ltr';
}

export const isRtlScript = (script: Script | undefined): boolean => !!script && RTL_SCRIPTS.has(script);

const GUESS: Partial<Record<Script, string>> = {
  Arab: 'ar',
  Hebr: 'he',
  Jpan: 'ja',
  Hani: 'zh',
  Kore: 'ko',
  Cyrl: 'ru',
  Grek: 'el',
  Thai: 'th',
  Deva: 'hi',
  Beng: 'bn',
  Taml: 'ta',
  Geor: 'ka',
  Armn: 'hy',
  Ethi: 'am',
  Syrc: 'syr',
  Thaa: 'dv',
};

/** The most likely language of a script (a guess); none for Latin, which too many languages share. */
export const langForScript = (script: Script | undefined): string | undefined => (script ? GUESS[script] : undefined);

/** The script a language tag is usually written in (`en` → Latn, `ja` → Jpan, `zh-TW` → Hant as Hani). */
export function scriptOfLang(lang: string): Script | undefined {
  try {
    const script = new Intl.Locale(lang).maximize().script;
    if (script === 'Hans' || script === 'Hant') return 'Hani';
    if (script === 'Hang') return 'Kore';
    return (SCRIPTS.find(([code]) => code === script)?.[0] ?? script) as Script | undefined;
  } catch {
    return undefined;
  }
}

/** Whether text in `script` fits a language tag: Han text fits Japanese, Chinese and Korean. */
export function langFitsScript(lang: string, script: Script | undefined): boolean {
  if (!script) return true;
  const expected = scriptOfLang(lang);
  if (!expected) return false;
  if (script === 'Hani') return expected === 'Hani' || expected === 'Jpan' || expected === 'Kore';
  return expected === script;
}

/**
 * A well-formed BCP 47 tag in its canonical form, or undefined (issue 17: `lang` is checked
 * strictly on both sides, and never written into a page as given).
 */
export function canonicalLang(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || !tag.trim() || tag.length > 35) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical && /^[A-Za-z0-9-]+$/.test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The language of a captured text: the page's declared one when it fits the text's script (it is
 * more precise: `es` rather than "some Latin text"), else a guess from the script (chat sites
 * declare their interface's language, `en-US`, over an Arabic conversation). Undefined when
 * nothing fits: Latin text on a page that declares none.
 */
export function languageOf(declared: unknown, text: string): string | undefined {
  const lang = canonicalLang(declared);
  const script = dominantScript(proseOf(text));
  if (lang && langFitsScript(lang, script)) return lang;
  return langForScript(script);
}
