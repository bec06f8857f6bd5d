import type { Capture } from '@/lib/capture/types';
import { blockText } from '@/lib/halo/block-text';
import { languageOf } from '@/lib/halo/script';

/**
 * The captured text's language (issue 17): the page's <html lang> (or the selection's nearest
 * `lang`) when it fits the text's script, else a guess from the script. Chat sites declare their
 * interface's language, not the conversation's, so the text decides when the two disagree.
 */
export function captureLanguage(doc: Document, capture: Capture): string | undefined {
  const declared = doc.documentElement?.getAttribute('lang') || doc.documentElement?.getAttribute('xml:lang');
  const text = [capture.title, ...capture.blocks.slice(0, 50).map(({ block }) => blockText(block))].join('\n');
  return languageOf(declared, text);
}

/** The answer with its capture's language recorded, when one is known. */
export function withLanguage<T>(answer: T, doc: Document): T {
  const result = answer as { ok?: boolean; capture?: Capture };
  if (result?.ok !== true || !result.capture) return answer;
  const lang = captureLanguage(doc, result.capture);
  return lang ? ({ ...answer, capture: { ...result.capture, lang } } as T) : answer;
}
