// Adding a chat site is one adapter plus its fixtures (issue 3): this keeps that promise checked.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { adapterForUrl, CHAT_ADAPTERS } from '@/lib/capture/chat/registry';

it.each(CHAT_ADAPTERS.map((a) => a.site))('%s has fixtures, each with its golden Markdown', (site) => {
  const dir = resolve('tests/fixtures/chat', site);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html') && !f.startsWith('unrecognised'));
  expect(pages.length).toBeGreaterThan(0);
  for (const page of pages)
    expect(existsSync(resolve(dir, page.replace(/\.html$/, '.expected.md'))), `${site}/${page}`).toBe(true);
});

it.each([
  ['https://chatgpt.com/c/abc', 'chatgpt'],
  ['https://chatgpt.com/share/abc', 'chatgpt'],
  ['https://chatgpt.com/g/g-123/c/abc', 'chatgpt'],
  ['https://claude.ai/chat/abc', 'claude'],
  ['https://gemini.google.com/app/abc', 'gemini'],
  ['https://grok.com/chat/abc', 'grok'],
  ['https://www.perplexity.ai/search/abc', 'perplexity'],
  ['https://example.com/chatgpt.com', undefined],
  ['https://notclaude.ai/chat', undefined],
])('%s is handled by %s', (url, site) => {
  expect(adapterForUrl(url)?.site).toBe(site);
});
