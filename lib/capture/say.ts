import { i18n } from '#i18n';

/**
 * A capture's warning in the browser's language (issue 17). capture.js runs in the page's isolated
 * world, which reads the extension's catalogue, so the warning is stored as the user will read it.
 * A page without the extension's APIs (the benchmark's plain page) gets the message's key: there
 * is nobody there to read it, and the capture must not fail over a sentence.
 */
export const say = ((key: string, ...rest: unknown[]) => {
  try {
    return (i18n.t as (key: string, ...rest: unknown[]) => string)(key, ...rest) || key;
  } catch {
    return key;
  }
}) as typeof i18n.t;
