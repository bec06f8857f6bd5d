// Issue 17: the page's <html lang>/dir and its <title> and og tags, free of bidi controls.
import { expect, it } from 'vitest';
import type { Halo } from '@/lib/halo/schema';
import { renderPage } from '../../server/page';

const halo = (over: Partial<Halo>): Halo => ({
  version: 1,
  title: 'Invoice \u202Efdp.exe',
  source: { url: 'https://chatgpt.com/c/1', title: 'x', site: 'chatgpt', capturedAt: '2026-11-30T10:00:00Z' },
  blocks: [{ type: 'text', markdown: 'هذا نص عربي طويل بما يكفي.' }],
  ...over,
});

it('declares the Halo lang on <html>, with the direction of its text even when the lang is wrong', () => {
  expect(renderPage(halo({ lang: 'en' }), 'http://h/h/1')).toContain('<html lang="en" dir="rtl">');
  expect(renderPage(halo({}), 'http://h/h/1')).toContain('<html lang="ar" dir="rtl">');
});

it('keeps bidi controls out of <title> and the link-preview tags', () => {
  const page = renderPage(halo({}), 'http://h/h/1');
  expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  expect(page).toContain('<title>Invoice fdp.exe</title>');
  expect(page).toContain('<meta property="og:title" content="Invoice fdp.exe">');
});
