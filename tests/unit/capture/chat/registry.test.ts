// Adding a chat site is one adapter plus its fixtures (issue 3): this keeps that promise checked.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { adapterForUrl, CHAT_ADAPTERS } from '@/lib/capture/chat/registry';
import { CHAT_FIXTURES } from '../../../fixtures/chat/manifest';

it.each(CHAT_ADAPTERS.map((a) => a.site))('%s has at least three fixtures, each with its golden Markdown', (site) => {
  const pages = CHAT_FIXTURES.filter((f) => f.file.startsWith(`${site}/`));
  expect(pages.length).toBeGreaterThanOrEqual(3);
  for (const { file, url } of pages) {
    expect(existsSync(resolve('tests/fixtures/chat', file.replace(/\.html$/, '.expected.md'))), file).toBe(true);
    // A fixture is served at a real address of its own site.
    expect(adapterForUrl(url)?.site, file).toBe(site);
  }
});

it.each([
  ['https://chatgpt.com/c/abc', 'chatgpt'],
  ['https://chatgpt.com/share/abc', 'chatgpt'],
  ['https://chatgpt.com/g/g-123/c/abc', 'chatgpt'],
  ['https://claude.ai/chat/abc', 'claude'],
  ['https://gemini.google.com/app/abc', 'gemini'],
  ['https://gemini.google.com/share/abc', 'gemini'],
  ['https://grok.com/share/abc', 'grok'],
  ['https://claude.ai/share/abc', 'claude'],
  ['https://grok.com/chat/abc', 'grok'],
  ['https://www.perplexity.ai/search/abc', 'perplexity'],
  ['https://example.com/chatgpt.com', undefined],
  ['https://notclaude.ai/chat', undefined],
])('%s is handled by %s', (url, site) => {
  expect(adapterForUrl(url)?.site).toBe(site);
});
