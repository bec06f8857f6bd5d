import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile, type ChromeMessage } from '@wxt-dev/i18n/build';

/** locales/: the one message catalogue (issue 17). */
export const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'locales');

export const localeFiles = (): string[] => readdirSync(LOCALES_DIR).filter((name) => name.endsWith('.yml'));

/** A locale's messages as the browser gets them (_locales/<locale>/messages.json). */
export async function chromeMessages(locale: string): Promise<Record<string, ChromeMessage>> {
  return generateChromeMessages(await parseMessagesFile(join(LOCALES_DIR, `${locale}.yml`)));
}

/** chrome.i18n.getMessage over one locale's messages: `$1`…`$9` substituted, `$$` a dollar sign. */
export function getMessageFrom(messages: Record<string, ChromeMessage>) {
  return (key: string, substitutions?: string | string[]): string => {
    const message = messages[key]?.message;
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (subs[Number(which) - 1] ?? ''),
    );
  };
}
