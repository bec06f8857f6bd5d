// Issue 17: direction, language and bidi controls in the shared renderer and the schema.
import { describe, expect, it } from 'vitest';
import { renderBlock, renderHaloBody, renderMarkdown } from '@/lib/halo/render';
import { HaloSchema, type Halo } from '@/lib/halo/schema';
import { balanceBidi, onlyBidiControls } from '@/lib/halo/bidi';
import { languageOf, textDirection } from '@/lib/halo/script';

const halo = (over: Partial<Halo> = {}): Halo => ({
  version: 1,
  title: 'عنوان',
  source: { url: 'https://chatgpt.com/c/1', title: 'x', site: 'chatgpt', capturedAt: '2026-11-30T10:00:00Z' },
  blocks: [
    { type: 'message', role: 'user', author: 'You', markdown: 'How does this work?' },
    { type: 'message', role: 'assistant', author: 'ChatGPT', markdown: 'هذا يعمل بذاكرة ثابتة.' },
  ],
  ...over,
});

describe('direction follows the letters (issue 17)', () => {
  it('takes the majority, not the first strong letter: an Arabic sentence opening with a Latin name', () => {
    expect(textDirection('React هو مكتبة لبناء الواجهات')).toBe('rtl');
    expect(textDirection('Use `x` here')).toBe('ltr');
    expect(textDirection('123 + 4')).toBeUndefined();
  });

  it('writes dir only where it changes, and isolates inline code and links', () => {
    const html = renderMarkdown('هذا يعمل: `f(x)` و [link](https://a.example).\n\nEnglish paragraph.', undefined, {
      baseDir: 'rtl',
    });
    expect(html).toContain('<p>هذا يعمل: <code dir="auto">f(x)</code>');
    expect(html).toContain('dir="auto">link</a>');
    expect(html).toContain('<p dir="ltr">English paragraph.</p>');
  });

  it('gives table cells, list items and code blocks their own direction', () => {
    const html = renderMarkdown(
      '| الاسم | Name |\n| --- | --- |\n| قيمة عربية | value |\n\n- عنصر أول\n- item\n\n```js\nx()\n```',
    );
    expect(html).toContain('<table dir="rtl">');
    expect(html).toContain('<th dir="ltr">Name</th>');
    expect(html).toContain('<ul dir="rtl">');
    expect(html).toContain('<li dir="ltr">item</li>');
    expect(html).toContain('<figure class="halo-code-block" dir="ltr">');
  });

  it('a mixed thread: the page is Arabic and right to left, the English question says lang="en" and ltr', () => {
    const body = renderHaloBody(halo({ lang: 'ar' }));
    expect(body).toContain('<article class="halo" lang="ar" dir="rtl">');
    expect(body).toMatch(/halo-role-user" id="m-1" dir="ltr" lang="en"/);
    expect(body).toMatch(/halo-role-assistant" id="m-2">/);
  });

  it('a wrong lang (en on Arabic text): direction still follows the text, and the block says ar', () => {
    const page = renderHaloBody(
      halo({ lang: 'en', blocks: [{ type: 'text', markdown: 'هذا نص عربي طويل بما يكفي.' }] }),
    );
    expect(page).toContain('<article class="halo" lang="en" dir="rtl">');
    expect(page).toMatch(/halo-role-text"[^>]* lang="ar"/);
  });

  it('a block rendered alone (the popup) is right to left when its text is', () => {
    expect(renderBlock({ type: 'text', markdown: 'שלום עולם' })).toContain('dir="rtl"');
  });
});

describe('language (issue 17)', () => {
  it('keeps a declared language that fits the script, else guesses from the script', () => {
    expect(languageOf('es', 'Hola, ¿cómo estás?')).toBe('es');
    expect(languageOf('en-US', 'هذا يعمل بذاكرة ثابتة')).toBe('ar');
    expect(languageOf('en-US', 'ジェネレーターを使います')).toBe('ja');
    expect(languageOf(undefined, 'Just English')).toBeUndefined();
    expect(languageOf('not a tag!', '中文文本')).toBe('zh');
  });

  it('the schema takes a well-formed BCP 47 lang and refuses anything else', () => {
    expect(HaloSchema.safeParse(halo({ lang: 'pt-BR' })).success).toBe(true);
    for (const lang of ['en_US', '"><script>', 'x'.repeat(40), '', 'en--US']) {
      const result = HaloSchema.safeParse(halo({ lang }));
      expect(result.success, lang).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['lang']);
    }
  });
});

describe('bidi controls (issue 17)', () => {
  it('refuses a title made only of bidi controls, with a clear message', () => {
    const result = HaloSchema.safeParse(halo({ title: '\u202E\u2067\u200F ' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/only bidi control characters/);
    expect(onlyBidiControls('a\u202E')).toBe(false);
  });

  it('strips explicit controls from titles on the page, and closes those in Markdown', () => {
    const page = renderHaloBody(halo({ title: 'Invoice \u202Efdp.exe', note: 'a \u2067b' }));
    expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(page).toContain('Invoice fdp.exe</h1>');
    expect(balanceBidi('a\u202Eb\nc\u202C')).toBe('a\u202Eb\u202C\nc');
  });
});
