/**
 * `npm run capture -- <saved-page.html> --url <page-url> [--format md|json] [--mode auto|page|article]`:
 * the Halo draft for a saved page, through the extension's own capture code (lib/capture), on jsdom.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import { captureDocument } from '@/lib/capture/capture-document';
import { useCatalogue } from '@/lib/capture/say';
import type { CaptureMode } from '@/lib/capture/types';
import { draftFromCapture } from '@/lib/draft/from-capture';
import { draftToHalo } from '@/lib/draft/to-halo';
import { haloToMarkdown } from '../lib/halo/to-markdown';
import { chromeMessages, getMessageFrom } from '../tests/support/catalogue';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    format: { type: 'string', default: 'md' },
    mode: { type: 'string', default: 'page' },
  },
});

const file = positionals[0];
const usage =
  'usage: npm run capture -- <saved-page.html> --url <page-url> [--format md|json] [--mode auto|page|article]';
if (!file || !values.url) {
  console.error(usage);
  process.exit(2);
}
if (!['md', 'json'].includes(values.format!) || !['auto', 'page', 'article', 'selection'].includes(values.mode!)) {
  console.error(usage);
  process.exit(2);
}

// Warnings in English, from the extension's own catalogue (locales/en.yml), as a browser in English reads them.
const english = getMessageFrom(await chromeMessages('en'));
Object.assign(globalThis, { chrome: { i18n: { getMessage: english } } });
// Imported only now: its browser API is the global it finds when it loads.
const { createI18n } = await import('@wxt-dev/i18n');
useCatalogue(createI18n().t as never);

const html = await readFile(file, 'utf8');
const { document } = new JSDOM(html, { url: values.url }).window;
const result = captureDocument(document, values.url, values.mode as CaptureMode);
if (!result.ok) {
  console.error(`capture failed (${result.code}): ${result.message}`);
  process.exit(1);
}
const draft = draftFromCapture(result.capture);
if (values.format === 'json') {
  console.log(JSON.stringify({ capture: result.capture, halo: draftToHalo(draft) }, null, 2));
} else {
  for (const warning of result.capture.warnings) console.error(`warning: ${warning}`);
  process.stdout.write(haloToMarkdown(draftToHalo(draft)));
}
